from .pages import (
    CouncilProgrammesView,
    HighNeedsView,
    HomeView,
    MeasureDetailView,
    MilestoneTreeView,
    ProgrammeDetailView,
    RiskRegisterView,
    WorkstreamDetailView,
)
from .updates import MilestoneUpdateView, ObservationAddView

__all__ = [
    "CouncilProgrammesView",
    "HighNeedsView",
    "HomeView",
    "MeasureDetailView",
    "MilestoneTreeView",
    "MilestoneUpdateView",
    "ObservationAddView",
    "ProgrammeDetailView",
    "RiskRegisterView",
    "WorkstreamDetailView",
]
