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
    CouncilPlansView,
    HomeView,
    MyActionsView,
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
    "CouncilPlansView",
    "HomeView",
    "InspectionCreateView",
    "InspectionEditView",
    "MonitoringInspectionCreateView",
    "MyActionsView",
    "PlanChangesView",
    "PlanCreateView",
    "PlanDetailView",
    "PlanEditView",
    "PlanExceptionsView",
    "RevisitCreateView",
]
