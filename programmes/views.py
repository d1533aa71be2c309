from sendtracker.core.views.sections import SectionHomeView


class HomeView(SectionHomeView):
    template_name = "programmes/home.html"
