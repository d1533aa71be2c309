"""Read pages: determinations, allocations, usage statements and a council's grants."""

from django.http import FileResponse, Http404
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2.views import SingleTableMixin

from grants import selectors
from grants.filters import DeterminationFilter
from grants.models import GrantDetermination, UsageStatement
from grants.tables import AllocationTable, DeterminationTable
from sendtracker.core.audit import history_for
from sendtracker.core.permissions import has_permission
from sendtracker.core.views.mixins import CouncilScopedMixin
from sendtracker.core.views.sections import SectionHomeView


class HomeView(SectionHomeView):
    template_name = "grants/home.html"


class DeterminationListView(SingleTableMixin, FilterView):
    table_class = DeterminationTable
    filterset_class = DeterminationFilter
    template_name = "grants/determination_list.html"

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


class DeterminationDetailView(TemplateView):
    template_name = "grants/determination_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        try:
            determination = selectors.determination_detail(user, kwargs["pk"])
        except GrantDetermination.DoesNotExist:
            raise Http404("No such determination") from None
        allocations = determination.visible_allocations
        totals = selectors.totals_of(allocations)
        table = AllocationTable(allocations)
        table.totals = {
            "base_funding": totals.base_funding,
            "top_up": totals.top_up,
            "total": totals.allocated,
            "paid": totals.paid,
        }
        whole = selectors.sees_whole_determination(user)
        return super().get_context_data(
            determination=determination,
            table=table,
            totals=totals,
            whole=whole,
            left_to_allocate=(
                determination.total_available - totals.allocated
                if whole and determination.total_available is not None
                else None
            ),
            outside_period=any(i.outside_period for i in determination.instalments.all()),
            can_administer=has_permission(user, "administer_grants"),
            history=history_for(determination)[:20],
            **kwargs,
        )


class AllocationDetailView(TemplateView):
    template_name = "grants/allocation_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        try:
            allocation = selectors.allocation_detail(user, kwargs["pk"])
        except selectors.Allocation.DoesNotExist:
            raise Http404("No such allocation") from None
        totals = selectors.totals_of([allocation])
        return super().get_context_data(
            allocation=allocation,
            determination=allocation.determination,
            totals=totals,
            can_administer=has_permission(user, "administer_grants"),
            can_submit_usage=has_permission(user, "submit_usage_statement", allocation.council),
            history=history_for(allocation)[:20],
            **kwargs,
        )


class UsageStatementDetailView(TemplateView):
    template_name = "grants/usage_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        try:
            statement = selectors.usage_statement_detail(user, kwargs["pk"])
        except UsageStatement.DoesNotExist:
            raise Http404("No such statement") from None
        return super().get_context_data(
            statement=statement,
            allocation=statement.allocation,
            total_spend=sum(line.amount for line in statement.lines.all()),
            can_administer=has_permission(user, "administer_grants"),
            history=history_for(statement)[:20],
            **kwargs,
        )


class CouncilGrantsView(CouncilScopedMixin, TemplateView):
    """Every allocation to one council: paid, reported and remaining."""

    template_name = "grants/council_grants.html"

    def get_context_data(self, **kwargs):
        allocations = selectors.council_allocations(self.request.user, self.council)
        return super().get_context_data(
            allocations=allocations, totals=selectors.totals_of(allocations), **kwargs
        )


def determination_letter(request, pk: int):
    """The uploaded letter, served only to people who may read the determination."""
    try:
        determination = GrantDetermination.objects.visible_to(request.user).get(pk=pk)
    except GrantDetermination.DoesNotExist:
        raise Http404("No such determination") from None
    if not determination.letter:
        raise Http404("No letter")
    return FileResponse(
        determination.letter.open("rb"),
        as_attachment=False,
        filename=f"determination-{determination.pk}.pdf",
        content_type="application/pdf",
    )
