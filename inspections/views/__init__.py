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
    NewPlanImportPreviewView,
    NewPlanImportView,
    PlanImportPreviewView,
    PlanImportView,
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
    "HomeView",
    "InspectionCreateView",
    "InspectionDeadlineView",
    "InspectionEditView",
    "MonitoringInspectionCreateView",
    "MyActionsView",
    "NewPlanImportPreviewView",
    "NewPlanImportView",
    "PlanChangesView",
    "PlanCreateView",
    "PlanDeadlineView",
    "PlanDetailView",
    "PlanEditView",
    "PlanExceptionsView",
    "PlanHistoryView",
    "PlanImportPreviewView",
    "PlanImportView",
    "RevisitCreateView",
]
