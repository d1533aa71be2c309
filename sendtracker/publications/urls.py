from django.urls import path

from .views import manage, public

app_name = "publications"

# The public pages come first in the project's URLs (sendtracker/urls.py): every visitor
# resolves them, and they should not wait behind every signed-in page's pattern.
plan = "councils/<slug:council_slug>/plans/<int:plan_id>/publishing/"

urlpatterns = [
    path("published/", public.index, name="index"),
    path("published/<slug:council_slug>/<int:number>/", public.plan, name="plan"),
    path("published/<slug:council_slug>/<int:number>/pdf/", public.plan_pdf, name="plan-pdf"),
    path(plan, manage.PublishingView.as_view(), name="publishing"),
    path(f"{plan}choices/", manage.PublishingChoicesView.as_view(), name="choices"),
    path(f"{plan}publish/", manage.PublishView.as_view(), name="publish"),
    path(f"{plan}withdraw/", manage.WithdrawView.as_view(), name="withdraw"),
    path(
        "councils/<slug:council_slug>/publishing-rights/",
        manage.PublishingRightsView.as_view(),
        name="rights",
    ),
]
