"""Ofsted's published area SEND inspections of every council (the adviser's regions, or
England), beside each council's own record here. A page of its own, so that the region
and national views keep their cost."""

from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from inspections import selectors as plan_selectors
from sendtracker.core.models import Council
from sendtracker.core.views.exports import ExportMixin
from sendtracker.core.views.mixins import NationalScopeMixin
from sendtracker.official import exports as official_exports
from sendtracker.official import selectors as official
from sendtracker.official.filters import PublishedInspectionFilter
from sendtracker.official.tables import PublishedInspectionTable

from ..published import counts_by_region, with_comparisons


class PublishedInspectionsMixin(ExportMixin):
    template_name = "dashboards/published_inspections.html"
    heading: str
    export_name: str
    back_url_name: str

    def region_ids(self) -> set[int] | None:
        """The regions shown (None: every one)."""
        raise NotImplementedError

    def rows(self):
        """The filtered published inspections, each with its comparison."""
        region_ids = self.region_ids()
        filterset = PublishedInspectionFilter(
            self.request.GET or None, queryset=official.published_inspections(region_ids=region_ids)
        )
        if region_ids is not None:
            regions = filterset.filters["region"]
            regions.queryset = regions.queryset.filter(pk__in=region_ids)
        valid = not filterset.is_bound or filterset.is_valid()
        rows = list(filterset.qs if valid else filterset.queryset.none())
        records = plan_selectors.inspection_records(
            self.request.user, {r.council_id for r in rows if r.council_id}
        )
        return filterset, with_comparisons(rows, records)

    def get_export(self):
        _, rows = self.rows()
        return official_exports.published_inspections(rows, name=self.export_name)

    def get_context_data(self, **kwargs):
        filterset, rows = self.rows()
        table = PublishedInspectionTable(rows)
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        return super().get_context_data(
            heading=self.heading,
            back_url_name=self.back_url_name,
            filter=filterset,
            table=table,
            count=len(rows),
            counts=counts_by_region(rows),
            editions=official.editions(),
            ogl=official.OGL,
            **kwargs,
        )


class RegionInspectionsView(PublishedInspectionsMixin, TemplateView):
    """Published inspections in the regions of the councils the user may see."""

    heading = "Published inspections in your regions"
    export_name = "published-inspections-your-regions"
    back_url_name = "dashboards:region"

    def region_ids(self):
        return set(
            Council.objects.visible_to(self.request.user).values_list("region_id", flat=True)
        )


class NationalInspectionsView(NationalScopeMixin, PublishedInspectionsMixin, TemplateView):
    """Every published inspection in England: for users with national scope only."""

    heading = "Published inspections in England"
    export_name = "published-inspections-england"
    back_url_name = "dashboards:national"

    def region_ids(self):
        return None
