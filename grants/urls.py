from django.urls import path

from grants.views import edits, exports, imports, pages

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
    path(determination, pages.DeterminationDetailView.as_view(), name="determination-detail"),
    path(
        determination + "change/", edits.DeterminationEditView.as_view(), name="determination-edit"
    ),
    path(determination + "letter/", pages.determination_letter, name="determination-letter"),
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
    path(
        determination + "allocations/import/",
        imports.AllocationImportView.as_view(),
        name="allocation-import",
    ),
    path(
        determination + "allocations/import/<str:token>/",
        imports.AllocationImportPreviewView.as_view(),
        name="allocation-import-preview",
    ),
    path(allocation, pages.AllocationDetailView.as_view(), name="allocation-detail"),
    path(allocation + "amounts/", edits.AllocationAmountsView.as_view(), name="allocation-amounts"),
    path(allocation + "accept/", edits.AcceptAllocationView.as_view(), name="allocation-accept"),
    path(allocation + "payments/new/", edits.PaymentCreateView.as_view(), name="payment-create"),
    path(allocation + "close/", edits.CloseAllocationView.as_view(), name="allocation-close"),
    path(allocation + "usage/new/", edits.UsageStatementCreateView.as_view(), name="usage-create"),
    path(usage, pages.UsageStatementDetailView.as_view(), name="usage-detail"),
    path(usage + "accept/", edits.AcceptUsageStatementView.as_view(), name="usage-accept"),
    path("exports/allocations.<str:fmt>", exports.allocations_export, name="export-allocations"),
    path("exports/payments.<str:fmt>", exports.payments_export, name="export-payments"),
    path("exports/360giving.<str:fmt>", exports.threesixty_export, name="export-360giving"),
    path("councils/<slug:council_slug>/", pages.CouncilGrantsView.as_view(), name="council-grants"),
]
