from sendtracker.core.views.sections import SectionHomeView


class HomeView(SectionHomeView):
    template_name = "grants/home.html"
