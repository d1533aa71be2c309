from django.urls import path

from grants.views import edits, exports, imports, pages
from sendtracker.core.urls import import_paths, page, record_paths

app_name = "grants"

determination = "determinations/<int:pk>/"
allocation = "allocations/<int:pk>/"
usage = "usage/<int:pk>/"

urlpatterns = [
    page("", pages.HomeView, "home"),
    page("determinations/", pages.DeterminationListView, "determination-list"),
    page("determinations/new/", edits.DeterminationCreateView, "determination-create"),
    *record_paths(
        determination,
        "determination",
        detail=pages.DeterminationDetailView,
        letter=pages.determination_letter,
    ),
    page(determination + "change/", edits.DeterminationEditView, "determination-edit"),
    page(determination + "success-measures/new/", edits.SuccessMeasureCreateView, "measure-create"),
    page(determination + "instalments/new/", edits.InstalmentCreateView, "instalment-create"),
    page(determination + "allocations/new/", edits.AllocationCreateView, "allocation-create"),
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
    page(allocation + "payments/new/", edits.PaymentCreateView, "payment-create"),
    page(allocation + "usage/new/", edits.UsageStatementCreateView, "usage-create"),
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
    page("councils/<slug:council_slug>/", pages.CouncilGrantsView, "council-grants"),
]
