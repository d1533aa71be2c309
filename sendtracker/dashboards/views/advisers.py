from decimal import Decimal

from django.http import Http404
from django.template.loader import render_to_string
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from sendtracker.core.access import access_for
from sendtracker.core.fragments import cached_fragment, data_key
from sendtracker.core.models import Council
from sendtracker.core.status import DELAYED, Status

from .. import selectors
from ..filters import CouncilRowFilter
from ..tables import CouncilRowTable

_STATUS_RANK = {s.value: i for i, s in enumerate(Status)}


def table_data(councils, rows, grants) -> list[dict]:
    data = []
    for council in councils:
        row, money = rows[council.pk], grants[council.pk]
        status = row["actions"]["status"]
        data.append(
            {
                "name": council.name,
                "slug": council.slug,
                "region": council.region.name,
                "outcome": row["outcome"] or "No inspection recorded",
                "plan": row["plan_kind"],
                "plan_sort": row["plan_kind"] or "~",
                "plan_approved_on": row["plan_approved_on"],
                "actions": row["actions"]["total"],
                "on_track": status[Status.ON_TRACK],
                "delayed": sum(status[s] for s in DELAYED),
                "complete": status[Status.COMPLETE],
                "overdue": row["actions"]["overdue"],
                "programme_status": row["programme_status"],
                "programme_rank": _STATUS_RANK.get(row["programme_status"], 99),
                "allocated": money.allocated,
                "paid": money.paid,
                "deficit": row["deficit"] or Decimal(0),
                "deficit_label": row["deficit_label"],
            }
        )
    return data


class CouncilRowsMixin:
    """A sortable, filterable table of one row per council the user may see.

    Rendered once per state of the councils' records (their data versions, which any
    write raises, and the date), scope and query string, then cached. Cold, it reads
    one summary row per council (dashboards.summaries).
    """

    table_template: str

    def table_fragment(self, councils):
        return cached_fragment(
            self.table_template,
            (data_key(councils), self.request.GET.urlencode()),
            lambda: render_to_string(
                self.table_template, self.table_context(councils), request=self.request
            ),
        )

    def table_context(self, councils) -> dict:
        user = self.request.user
        summaries = selectors.summaries_for([c.pk for c in councils], listing=True)
        rows = selectors.council_rows(user, councils, summaries=summaries)
        grants = selectors.grant_figures(user, [c.pk for c in councils], summaries=summaries)
        council_filter = CouncilRowFilter(
            self.request.GET or None,
            queryset=Council.objects.filter(pk__in=[c.pk for c in councils]),
            rows=rows,
        )
        regions = council_filter.filters["region"]
        regions.queryset = regions.queryset.filter(pk__in={c.region_id for c in councils})
        shown = councils
        if council_filter.is_bound and council_filter.is_valid():
            ids = set(council_filter.qs.values_list("pk", flat=True))
            shown = [c for c in councils if c.pk in ids]
        table = CouncilRowTable(table_data(shown, rows, grants))
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        return {
            "table": table,
            "filter": council_filter,
            "count": len(shown),
            "summary": region_summary(councils, rows, grants),
        }


class RegionView(CouncilRowsMixin, TemplateView):
    """An adviser's councils (their regions, or councils named in their role)."""

    template_name = "dashboards/region.html"
    table_template = "dashboards/_council_rows.html"

    def get_context_data(self, **kwargs):
        councils = list(
            Council.objects.visible_to(self.request.user).select_related("region").order_by("name")
        )
        return super().get_context_data(
            rows=self.table_fragment(councils),
            regions=sorted({c.region.name for c in councils}),
            **kwargs,
        )


class NationalView(CouncilRowsMixin, TemplateView):
    """Every council, with a summary by region: for users with national scope only."""

    template_name = "dashboards/national.html"
    table_template = "dashboards/_national_rows.html"

    def dispatch(self, request, *args, **kwargs):
        if not access_for(request.user).national:
            raise Http404("National view")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        councils = list(Council.objects.select_related("region").order_by("name"))
        return super().get_context_data(rows=self.table_fragment(councils), **kwargs)


def region_summary(councils, rows, grants) -> list[dict]:
    """Totals by region, in region order, and a last line for England."""
    regions: dict[str, dict] = {}
    england = {"name": "England", "councils": 0, "delayed": 0, "overdue": 0, "actions": 0}
    england.update(allocated=Decimal(0), paid=Decimal(0), deficit=Decimal(0))
    for council in sorted(councils, key=lambda c: c.region.ons_code):
        row, money = rows[council.pk], grants[council.pk]
        line = regions.setdefault(
            council.region.name,
            {
                "name": council.region.name,
                "councils": 0,
                "delayed": 0,
                "overdue": 0,
                "actions": 0,
                "allocated": Decimal(0),
                "paid": Decimal(0),
                "deficit": Decimal(0),
            },
        )
        for total in (line, england):
            total["councils"] += 1
            total["actions"] += row["actions"]["total"]
            total["delayed"] += sum(row["actions"]["status"][s] for s in DELAYED)
            total["overdue"] += row["actions"]["overdue"]
            total["allocated"] += money.allocated
            total["paid"] += money.paid
            total["deficit"] += row["deficit"] or Decimal(0)
    return [*regions.values(), england]


class DashboardHomeView(TemplateView):
    """Where each user's dashboards are: their councils, their regions, the nation."""

    template_name = "dashboards/home.html"

    def get_context_data(self, **kwargs):
        access = access_for(self.request.user)
        councils = list(
            Council.objects.visible_to(self.request.user).filter(pk__in=access.council_ids)
            if not access.national
            else Council.objects.none()
        )
        return super().get_context_data(
            councils=councils,
            advises_region=bool(access.region_ids or access.adviser_council_ids),
            national=access.national,
            **kwargs,
        )
