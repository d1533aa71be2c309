from .finance import FigureKind, HighNeedsYear
from .measures import Direction, Measure, Observation, TrajectoryPoint, Unit
from .milestones import Milestone, MilestoneUpdate, Progress
from .programmes import (
    Enabler,
    EnablerArea,
    Phase,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Workstream,
)
from .risks import Risk, RiskStatus

__all__ = [
    "Direction",
    "Enabler",
    "EnablerArea",
    "FigureKind",
    "HighNeedsYear",
    "Measure",
    "Milestone",
    "MilestoneUpdate",
    "Observation",
    "Phase",
    "Programme",
    "ProgrammeKind",
    "ProgrammeStatus",
    "Progress",
    "Risk",
    "RiskStatus",
    "TrajectoryPoint",
    "Unit",
    "Workstream",
]
