from django.views.generic import TemplateView

from sendtracker.core.models import Council


class SectionHomeView(TemplateView):
    """The home page of a domain section: the user's councils, each linking onward."""

    def get_context_data(self, **kwargs):
        councils = Council.objects.visible_to(self.request.user).select_related("region")
        return super().get_context_data(councils=councils, **kwargs)
