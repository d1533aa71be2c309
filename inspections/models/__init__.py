from .actions import Action, ActionMilestone, MilestoneKind, Stage, StatusUpdate
from .deadlines import (
    INSPECTION_DEADLINES,
    PLAN_DEADLINES,
    DeadlineKind,
    DeadlineOverride,
)
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
    "INSPECTION_DEADLINES",
    "PLAN_DEADLINES",
    "Action",
    "ActionMilestone",
    "AreaKind",
    "AreaOfWeakness",
    "DeadlineKind",
    "DeadlineOverride",
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
