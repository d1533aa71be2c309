from django.urls import path

from grants.views import edits, exports, imports, pages
from sendtracker.core.urls import import_paths, record_paths

app_name = "grants"

determination = "determinations/<int:pk>/"
allocation = "allocations/<int:pk>/"
usage = "usage/<int:pk>/"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("determinations/", pages.DeterminationListView.as_view(), name="determination-list"),
    path(
        "determinations/new/", edits.DeterminationCreateView.as_view(), name="determination-create"
    ),
    *record_paths(
        determination,
        "determination",
        detail=pages.DeterminationDetailView,
        letter=pages.determination_letter,
    ),
    path(
        determination + "change/", edits.DeterminationEditView.as_view(), name="determination-edit"
    ),
    path(
        determination + "success-measures/new/",
        edits.SuccessMeasureCreateView.as_view(),
        name="measure-create",
    ),
    path(
        determination + "instalments/new/",
        edits.InstalmentCreateView.as_view(),
        name="instalment-create",
    ),
    path(
        determination + "allocations/new/",
        edits.AllocationCreateView.as_view(),
        name="allocation-create",
    ),
    *import_paths(
        determination + "allocations/import/",
        "allocation-import",
        imports.AllocationImport,
    ),
    *import_paths(
        determination + "payments/import/",
        "payment-import",
        imports.PaymentImport,
    ),
    *record_paths(
        allocation,
        "allocation",
        detail=pages.AllocationDetailView,
        amounts=edits.AllocationAmountsView,
        accept=edits.AcceptAllocationView,
        close=edits.CloseAllocationView,
    ),
    path(allocation + "payments/new/", edits.PaymentCreateView.as_view(), name="payment-create"),
    path(allocation + "usage/new/", edits.UsageStatementCreateView.as_view(), name="usage-create"),
    *record_paths(
        usage, "usage", detail=pages.UsageStatementDetailView, accept=edits.AcceptUsageStatementView
    ),
    path("exports/allocations.<str:fmt>", exports.allocations_export, name="export-allocations"),
    path("exports/payments.<str:fmt>", exports.payments_export, name="export-payments"),
    path(
        "exports/usage-statements.<str:fmt>",
        exports.usage_statements_export,
        name="export-usage-statements",
    ),
    path("exports/360giving.<str:fmt>", exports.threesixty_export, name="export-360giving"),
    path("councils/<slug:council_slug>/", pages.CouncilGrantsView.as_view(), name="council-grants"),
]
