from .deadlines import InspectionDeadlineView, PlanDeadlineView
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
from .imports import (
    ExistingPlanImport,
    NewPlanImport,
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
    PlanHistoryView,
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
    "ExistingPlanImport",
    "HomeView",
    "InspectionCreateView",
    "InspectionDeadlineView",
    "InspectionEditView",
    "MonitoringInspectionCreateView",
    "MyActionsView",
    "NewPlanImport",
    "PlanChangesView",
    "PlanCreateView",
    "PlanDeadlineView",
    "PlanDetailView",
    "PlanEditView",
    "PlanExceptionsView",
    "PlanHistoryView",
    "RevisitCreateView",
]
