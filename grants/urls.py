from django.urls import path

from grants.views import edits, exports, imports, pages

app_name = "grants"

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("determinations/", pages.DeterminationListView.as_view(), name="determination-list"),
    path(
        "determinations/new/",
        edits.DeterminationCreateView.as_view(),
        name="determination-create",
    ),
    path(
        "determinations/<int:pk>/",
        pages.DeterminationDetailView.as_view(),
        name="determination-detail",
    ),
    path(
        "determinations/<int:pk>/change/",
        edits.DeterminationEditView.as_view(),
        name="determination-edit",
    ),
    path(
        "determinations/<int:pk>/letter/",
        pages.determination_letter,
        name="determination-letter",
    ),
    path(
        "determinations/<int:pk>/success-measures/new/",
        edits.SuccessMeasureCreateView.as_view(),
        name="measure-create",
    ),
    path(
        "determinations/<int:pk>/instalments/new/",
        edits.InstalmentCreateView.as_view(),
        name="instalment-create",
    ),
    path(
        "determinations/<int:pk>/allocations/new/",
        edits.AllocationCreateView.as_view(),
        name="allocation-create",
    ),
    path(
        "determinations/<int:pk>/allocations/import/",
        imports.AllocationImportView.as_view(),
        name="allocation-import",
    ),
    path(
        "determinations/<int:pk>/allocations/import/<str:token>/",
        imports.AllocationImportPreviewView.as_view(),
        name="allocation-import-preview",
    ),
    path("allocations/<int:pk>/", pages.AllocationDetailView.as_view(), name="allocation-detail"),
    path(
        "allocations/<int:pk>/amounts/",
        edits.AllocationAmountsView.as_view(),
        name="allocation-amounts",
    ),
    path(
        "allocations/<int:pk>/accept/",
        edits.AcceptAllocationView.as_view(),
        name="allocation-accept",
    ),
    path(
        "allocations/<int:pk>/payments/new/",
        edits.PaymentCreateView.as_view(),
        name="payment-create",
    ),
    path(
        "allocations/<int:pk>/close/",
        edits.CloseAllocationView.as_view(),
        name="allocation-close",
    ),
    path(
        "allocations/<int:pk>/usage/new/",
        edits.UsageStatementCreateView.as_view(),
        name="usage-create",
    ),
    path("usage/<int:pk>/", pages.UsageStatementDetailView.as_view(), name="usage-detail"),
    path(
        "usage/<int:pk>/accept/",
        edits.AcceptUsageStatementView.as_view(),
        name="usage-accept",
    ),
    path(
        "exports/allocations.<str:fmt>",
        exports.allocations_export,
        name="export-allocations",
    ),
    path("exports/payments.<str:fmt>", exports.payments_export, name="export-payments"),
    path(
        "exports/360giving.<str:fmt>",
        exports.threesixty_export,
        name="export-360giving",
    ),
    path(
        "councils/<slug:council_slug>/",
        pages.CouncilGrantsView.as_view(),
        name="council-grants",
    ),
]
