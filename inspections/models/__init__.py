from .actions import Action, ActionMilestone, MilestoneKind, Stage, StatusUpdate
from .inspections import AreaOfWeakness, Framework, Inspection, Outcome, Revisit, RevisitJudgement
from .plans import ImprovementPlan, PlanKind, ReviewPoint

__all__ = [
    "Action",
    "ActionMilestone",
    "AreaOfWeakness",
    "Framework",
    "ImprovementPlan",
    "Inspection",
    "MilestoneKind",
    "Outcome",
    "PlanKind",
    "ReviewPoint",
    "Revisit",
    "RevisitJudgement",
    "Stage",
    "StatusUpdate",
]
