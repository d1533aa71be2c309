from django.template.loader import render_to_string
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from grants import selectors as grant_selectors
from sendtracker.core.access import access_for
from sendtracker.core.fragments import cached_fragment, data_key
from sendtracker.core.models import Council
from sendtracker.core.views.exports import ExportMixin
from sendtracker.core.views.mixins import NationalScopeMixin

from .. import exports, selectors
from ..filters import CouncilRowFilter
from ..rows import region_summary, table_data
from ..tables import CouncilRowTable


class CouncilRowsMixin(ExportMixin):
    """A sortable, filterable table of one row per council the user may see.

    Rendered once per state of the councils' records (their data versions, which any
    write raises, and the date), scope and query string, then cached. Cold, it reads
    one summary row per council (dashboards.summaries). Downloads hold every row the
    filters select, in the order chosen (`?sort=`).
    """

    table_template: str
    total_name = "England"  # the summary's last line, over every council shown
    export_name: str

    def councils(self) -> list[Council]:
        raise NotImplementedError

    def get_export(self):
        table = self.table_context(self.councils())["table"]
        return exports.council_rows(list(table.data), name=self.export_name)

    def table_fragment(self, councils):
        # A council elsewhere paid to support one of these regions changes their totals.
        regions = {c.region_id for c in councils}
        supporting = Council.objects.filter(
            pk__in=grant_selectors.councils_supporting(regions)
        ).exclude(pk__in=[c.pk for c in councils])
        return cached_fragment(
            self.table_template,
            (data_key([*councils, *supporting]), self.request.GET.urlencode()),
            lambda: render_to_string(
                self.table_template, self.table_context(councils), request=self.request
            ),
        )

    def table_context(self, councils) -> dict:
        user = self.request.user
        summaries = selectors.summaries_for(councils, listing=True)
        rows = selectors.council_rows(user, councils, summaries=summaries)
        grants = selectors.grant_figures(user, councils, summaries=summaries)
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
            "summary": region_summary(
                councils,
                rows,
                grants,
                selectors.regional_grants(councils, grants),
                total_name=self.total_name,
            ),
        }


class RegionView(CouncilRowsMixin, TemplateView):
    """An adviser's councils (their regions, or councils named in their role)."""

    template_name = "dashboards/region.html"
    table_template = "dashboards/_council_rows.html"
    total_name = "All your councils"
    export_name = "your-councils"

    def councils(self) -> list[Council]:
        return list(
            Council.objects.visible_to(self.request.user).select_related("region").order_by("name")
        )

    def get_context_data(self, **kwargs):
        councils = self.councils()
        return super().get_context_data(
            rows=self.table_fragment(councils),
            regions=sorted({c.region.name for c in councils}),
            **kwargs,
        )


class NationalView(NationalScopeMixin, CouncilRowsMixin, TemplateView):
    """Every council, with a summary by region: for users with national scope only."""

    template_name = "dashboards/national.html"
    table_template = "dashboards/_national_rows.html"
    export_name = "england-councils"

    def councils(self) -> list[Council]:
        return list(Council.objects.select_related("region").order_by("name"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=self.table_fragment(self.councils()), **kwargs)


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
