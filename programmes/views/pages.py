from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import TemplateView

from sendtracker.core.fragments import cached_fragment, data_key
from sendtracker.core.permissions import has_permission
from sendtracker.core.status import legend
from sendtracker.core.views.exports import ExportMixin
from sendtracker.core.views.mixins import CouncilScopedMixin
from sendtracker.core.views.sections import SectionHomeView

from .. import exports, selectors
from ..forms import ObservationForm
from ..models import HighNeedsYear
from .mixins import MeasureMixin, ProgrammeMixin, WorkstreamMixin


class HomeView(SectionHomeView):
    template_name = "programmes/home.html"

    def get_context_data(self, **kwargs):
        programmes = selectors.programmes_visible_to(self.request.user).order_by(
            "council__name", "name"
        )[:200]
        return super().get_context_data(programmes=programmes, **kwargs)


class CouncilProgrammesView(CouncilScopedMixin, TemplateView):
    template_name = "programmes/council_programmes.html"

    def get_context_data(self, **kwargs):
        programmes = selectors.programmes_visible_to(self.request.user).filter(council=self.council)
        return super().get_context_data(
            programmes=programmes,
            has_high_needs=HighNeedsYear.objects.filter(council=self.council).exists(),
            **kwargs,
        )


class ProgrammeDetailView(ExportMixin, ProgrammeMixin, TemplateView):
    """The overview: workstreams with status, next milestones, measures off track, top risks.

    Its downloads: the programme's measures, rated (`?table=measures`), and every
    value recorded for them.
    """

    template_name = "programmes/programme_detail.html"

    def get_export(self):
        programme = self.get_programme()
        if self.request.GET.get("table") == "measures":
            rated = selectors.rated_measures(programme.measures.all(), latest_only=True)
            return exports.measures(programme, rated, council=self.council)
        rated = selectors.rated_measures(programme.measures.all())
        return exports.programme_observations(programme, rated, council=self.council)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(legend=legend(), today=timezone.localdate(), **kwargs)
        programme = self.get_programme()
        may_change = has_permission(self.request.user, "change_council", self.council)

        def render():
            overview = selectors.programme_overview(programme, today=context["today"])
            return render_to_string(
                "programmes/_programme_overview.html",
                {**context, **overview},
                request=self.request,
            )

        key = (data_key([self.council], today=context["today"]), programme.pk, may_change)
        context["overview_html"] = cached_fragment("programme-overview", key, render)
        return context


class WorkstreamDetailView(WorkstreamMixin, TemplateView):
    """Seed 001's one-page workstream summary, live."""

    template_name = "programmes/workstream_detail.html"

    def get_context_data(self, **kwargs):
        summary = selectors.workstream_summary(self.get_workstream())
        return super().get_context_data(**summary, **kwargs)


class MilestoneTreeView(ExportMixin, WorkstreamMixin, TemplateView):
    template_name = "programmes/milestone_tree.html"

    def get_export(self):
        workstream = self.get_workstream()
        tree = selectors.milestone_tree(workstream, today=timezone.localdate())
        return exports.milestones(workstream, tree.rows, council=self.council)

    def get_context_data(self, **kwargs):
        from .updates import tree_context

        context = super().get_context_data(legend=legend(), **kwargs)
        workstream = self.get_workstream()
        may_change = has_permission(self.request.user, "change_council", self.council)
        next_url = self.request.get_full_path()

        def render():
            return render_to_string(
                "programmes/_milestone_table.html",
                {**context, **tree_context(workstream), "next": next_url},
                request=self.request,
            )

        key = (data_key([self.council]), workstream.pk, may_change, next_url)
        context["tree_html"] = cached_fragment("milestone-tree", key, render)
        return context


class MeasureDetailView(ExportMixin, MeasureMixin, TemplateView):
    template_name = "programmes/measure_detail.html"

    def rated(self):
        """The measure rated, and its observations each with the value expected then."""
        measure = self.get_measure()
        rated = selectors.rate_measure(
            selectors.measures_queryset(type(measure).objects.filter(pk=measure.pk)).get()
        )
        rated.measure = measure
        return rated, exports.observation_rows(rated)

    def get_export(self):
        _, rows = self.rated()
        return exports.observations(self.get_measure(), rows, council=self.council)

    def get_context_data(self, **kwargs):
        measure = self.get_measure()
        rated, rows = self.rated()
        return super().get_context_data(
            measure=measure,
            rated=rated,
            rows=rows,
            chart=selectors.measure_chart(
                rated, official=selectors.official_lines(measure, self.council)
            ),
            form=ObservationForm(initial=ObservationForm.initial_for(measure), measure=measure)
            if self.can_update()
            else None,
            **kwargs,
        )


class RiskRegisterView(ExportMixin, ProgrammeMixin, TemplateView):
    template_name = "programmes/risk_register.html"

    def get_export(self):
        programme = self.get_programme()
        risks, _ = selectors.risk_register(programme)
        return exports.risks(programme, risks, council=self.council)

    def get_context_data(self, **kwargs):
        risks, grid = selectors.risk_register(self.get_programme())
        return super().get_context_data(
            risks=risks, heat_map=grid, impacts=[1, 2, 3, 4, 5], **kwargs
        )


class HighNeedsView(ExportMixin, CouncilScopedMixin, TemplateView):
    template_name = "programmes/high_needs.html"

    def get_export(self):
        return exports.high_needs(selectors.high_needs(self.council), council=self.council)

    def get_context_data(self, **kwargs):
        rows = selectors.high_needs(self.council)
        return super().get_context_data(
            rows=rows,
            chart=selectors.high_needs_chart(rows, self.council),
            sources=list(dict.fromkeys(r.year.source for r in rows if r.year.source)),
            **kwargs,
        )
