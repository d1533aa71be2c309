"""Read pages: determinations, allocations, usage statements and a council's grants."""

from django.http import FileResponse, Http404
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2.views import SingleTableMixin

from grants import exports, selectors
from grants.filters import DeterminationFilter
from grants.models import GrantDetermination
from grants.tables import AllocationTable, DeterminationTable
from grants.views.base import one_or_404
from sendtracker.core.audit import history_for
from sendtracker.core.permissions import has_permission
from sendtracker.core.views.exports import ExportMixin, TableExportMixin
from sendtracker.core.views.mixins import CouncilScopedMixin
from sendtracker.core.views.sections import SectionHomeView


class HomeView(SectionHomeView):
    template_name = "grants/home.html"


class DeterminationListView(TableExportMixin, SingleTableMixin, FilterView):
    table_class = DeterminationTable
    filterset_class = DeterminationFilter
    template_name = "grants/determination_list.html"

    def get_export(self):
        return exports.determinations(self.table_rows())

    def get_queryset(self):
        return selectors.determinations_for_list(self.request.user)

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.totals = selectors.list_totals(self.object_list)
        return table

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_administer=has_permission(user, "administer_grants"),
            whole=selectors.sees_whole_determination(user),
            **kwargs,
        )


class RecordPageView(TemplateView):
    """A grants record's page: the record the URL names, as `name` (read by the selector
    `read(user, pk)`; one the user may not see is a 404), its recent history, and whether
    the user administers grants; `record_context(record)` adds what the page shows of it."""

    name = ""
    read = None  # a selector of one record: read(user, pk)

    def record_context(self, record) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        user = self.request.user
        # Read from the class: a function read from the instance would be bound to it.
        record = one_or_404(self.name, type(self).read, user, kwargs["pk"])
        return super().get_context_data(
            **{self.name: record},
            **self.record_context(record),
            can_administer=has_permission(user, "administer_grants"),
            history=history_for(record)[:20],
            **kwargs,
        )


class DeterminationDetailView(RecordPageView):
    template_name = "grants/determination_detail.html"
    name = "determination"
    read = selectors.determination_detail

    def record_context(self, determination):
        allocations = determination.visible_allocations
        totals = selectors.totals_of(allocations)
        table = AllocationTable(allocations)
        table.totals = {
            "base_funding": totals.base_funding,
            "top_up": totals.top_up,
            "total": totals.allocated,
            "paid": totals.paid,
        }
        whole = selectors.sees_whole_determination(self.request.user)
        return {
            "table": table,
            "totals": totals,
            "whole": whole,
            "left_to_allocate": (
                determination.total_available - totals.allocated
                if whole and determination.total_available is not None
                else None
            ),
            "outside_period": any(i.outside_period for i in determination.instalments.all()),
        }


class AllocationDetailView(RecordPageView):
    template_name = "grants/allocation_detail.html"
    name = "allocation"
    read = selectors.allocation_detail

    def record_context(self, allocation):
        user = self.request.user
        return {
            "determination": allocation.determination,
            "totals": selectors.totals_of([allocation]),
            "can_submit_usage": has_permission(user, "submit_usage_statement", allocation.council),
        }


class UsageStatementDetailView(RecordPageView):
    template_name = "grants/usage_detail.html"
    name = "statement"
    read = selectors.usage_statement_detail

    def record_context(self, statement):
        return {
            "allocation": statement.allocation,
            "total_spend": sum(line.amount for line in statement.lines.all()),
        }


class CouncilGrantsView(ExportMixin, CouncilScopedMixin, TemplateView):
    """Every allocation to one council: paid, reported and remaining."""

    template_name = "grants/council_grants.html"

    def get_export(self):
        allocations = selectors.council_allocations(self.request.user, self.council)
        return exports.allocations(allocations, name=f"{self.council.slug}-grant-allocations")

    def get_context_data(self, **kwargs):
        allocations = selectors.council_allocations(self.request.user, self.council)
        return super().get_context_data(
            allocations=allocations, totals=selectors.totals_of(allocations), **kwargs
        )


def determination_letter(request, pk: int):
    """The uploaded letter, served only to people who may read the determination."""
    visible = GrantDetermination.objects.visible_to(request.user)
    determination = one_or_404("determination", visible.get, pk=pk)
    if not determination.letter:
        raise Http404("No letter")
    return FileResponse(
        determination.letter.open("rb"),
        as_attachment=False,
        filename=f"determination-{determination.pk}.pdf",
        content_type="application/pdf",
    )
