from django.views.generic import TemplateView

from sendtracker.core.views.mixins import CouncilScopedMixin

from . import selectors


class CouncilStatisticsView(CouncilScopedMixin, TemplateView):
    """A council's official EHC plan figures beside its region and England, each
    indicator a chart with its table, and where the figures come from."""

    template_name = "official/council_statistics.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            charts=selectors.council_charts(self.council),
            panel=selectors.council_panel(self.council),
            editions=selectors.editions(),
            ogl=selectors.OGL,
            **kwargs,
        )
