from .actions import Action, ActionMilestone, MilestoneKind, Stage, StatusUpdate
from .inspections import (
    AREA_KINDS,
    AreaKind,
    AreaOfWeakness,
    Framework,
    Inspection,
    MonitoringFinding,
    MonitoringInspection,
    Outcome,
    Revisit,
    RevisitJudgement,
)
from .plans import ImprovementPlan, PlanKind, ReviewPoint

__all__ = [
    "AREA_KINDS",
    "Action",
    "ActionMilestone",
    "AreaKind",
    "AreaOfWeakness",
    "Framework",
    "ImprovementPlan",
    "Inspection",
    "MilestoneKind",
    "MonitoringFinding",
    "MonitoringInspection",
    "Outcome",
    "PlanKind",
    "ReviewPoint",
    "Revisit",
    "RevisitJudgement",
    "Stage",
    "StatusUpdate",
]
