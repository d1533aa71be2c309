from .edits import (
    ActionCreateView,
    ActionEditView,
    AreaCreateView,
    InspectionCreateView,
    InspectionEditView,
    MonitoringInspectionCreateView,
    PlanCreateView,
    PlanEditView,
    RevisitCreateView,
)
from .pages import (
    ActionDetailView,
    BragView,
    CouncilExceptionsView,
    CouncilPlansView,
    HomeView,
    PlanChangesView,
    PlanDetailView,
    PlanExceptionsView,
)
from .status import ActionSignOffView, ActionStatusUpdateView

__all__ = [
    "ActionCreateView",
    "ActionDetailView",
    "ActionEditView",
    "ActionSignOffView",
    "ActionStatusUpdateView",
    "AreaCreateView",
    "BragView",
    "CouncilExceptionsView",
    "CouncilPlansView",
    "HomeView",
    "InspectionCreateView",
    "InspectionEditView",
    "MonitoringInspectionCreateView",
    "PlanChangesView",
    "PlanCreateView",
    "PlanDetailView",
    "PlanEditView",
    "PlanExceptionsView",
    "RevisitCreateView",
]
