from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from inspections import selectors as plan_selectors
from sendtracker.core import ratelimit
from sendtracker.core.models import Region
from sendtracker.core.permissions import has_permission
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import CouncilScopedMixin, RegionScopedMixin

from . import services
from .forms import ExportForm
from .models import JobState, PackJob

REFRESH_SECONDS = 3


class PackExportView(ServiceFormView):
    """A marking form whose service returns a queued job (its page) or a PDF made at once."""

    form_class = ExportForm
    template_name = "packs/export.html"
    # A pack is a download, not a record: asking twice makes two files (and is rate
    # limited), and a second answer could not be the first one's PDF.
    one_time = False

    def post(self, request, *args, **kwargs):
        # A pack costs seconds of a server (or of the worker): requests count against
        # the user's PACK_REQUEST_RATE, whatever the pack.
        refused = ratelimit.refusal(
            request, group="packs", rate=settings.PACK_REQUEST_RATE, wording=ratelimit.PACKS
        )
        if refused is not None:
            return refused
        return super().post(request, *args, **kwargs)

    def saved(self, form):
        if isinstance(self.result, PackJob):
            return redirect("packs:job", job_id=self.result.pk)
        job, pdf = self.result
        download = HttpResponse(pdf, content_type="application/pdf")
        download["Content-Disposition"] = f'attachment; filename="{job.filename}"'
        return download


class PlanPackView(CouncilScopedMixin, PackExportView):
    """Choose the marking and export a plan pack: at once, or in the background if large."""

    permission = "export_pack"

    @cached_property
    def plan(self):
        return plan_selectors.council_plan(self.council, self.kwargs["plan_id"])

    def get_plan(self):
        return self.plan

    def in_background(self) -> bool:
        count = plan_selectors.plan_action_count(self.get_plan())
        return count > settings.PACK_DIRECT_MAX_ACTIONS

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        return super().get_context_data(
            plan=plan,
            background=self.in_background(),
            subject=plan.title,
            caption=f"{self.council.name} · {plan.get_kind_display()}",
            back_url=plan.get_absolute_url(),
            back_label="Back to the plan",
            description=(
                f"A PDF of {plan.title} from today's data: cover, contents, summary, BRAG on "
                "a page, exception report, every action by area and the status key, with the "
                "marking on every page."
            ),
            background_reason="This plan is large, so its pack is made in the background.",
            **kwargs,
        )

    def run(self, form):
        marking = form.cleaned_data["marking"]
        if self.in_background():
            return services.request_plan_pack(
                plan=self.get_plan(), by=self.request.user, marking=marking
            )
        return services.export_plan_pack(
            plan=self.get_plan(), by=self.request.user, marking=marking
        )


class CouncilPackView(CouncilScopedMixin, PackExportView):
    """The council pack: at once for a normal council, in the background when large."""

    permission = "export_pack"

    def in_background(self) -> bool:
        if not hasattr(self, "_background"):
            rows = services.council_pack_rows(self.council)
            self._background = rows > settings.PACK_DIRECT_MAX_ROWS
        return self._background

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            background=self.in_background(),
            subject=self.council.name,
            caption=f"{self.council.name} · Council pack",
            back_url=reverse("dashboards:council", args=[self.council.slug]),
            back_label="Back to the dashboard",
            description=(
                f"A PDF of {self.council.name}'s dashboard from today's data: cover, contents, "
                "summary figures, BRAG on a page, exception report, action detail by area, "
                "milestones, measures with charts, grants, risks and heat map, and high-needs "
                "finance, with the marking on every page."
            ),
            background_reason="This council's pack is large, so it is made in the background.",
            **kwargs,
        )

    def run(self, form):
        marking, by = form.cleaned_data["marking"], self.request.user
        if self.in_background():
            return services.request_council_pack(council=self.council, by=by, marking=marking)
        return services.export_council_pack(council=self.council, by=by, marking=marking)


class RegionPackView(RegionScopedMixin, PackExportView):
    """The region pack, for advisers covering the region: always made in the background.

    A region outside the user's scope answers 404, one they read but may not export 403.
    """

    permission = "export_region_pack"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            background=True,
            subject=self.region.name,
            caption=f"{self.region.name} · Region pack",
            back_url=reverse("dashboards:region"),
            back_label="Back to your councils",
            description=(
                f"A PDF comparing {self.region.name}'s councils, as in the region view, then "
                "each council's summary figures and exception report, with the marking on "
                "every page."
            ),
            background_reason="A region pack is made in the background.",
            **kwargs,
        )

    def run(self, form):
        return services.request_region_pack(
            region=self.region, by=self.request.user, marking=form.cleaned_data["marking"]
        )


def user_job(request, job_id) -> PackJob:
    """A job the user asked for, still within their scope; 404 for anyone else's."""
    return get_object_or_404(
        PackJob.objects.visible_to(request.user).select_related("council", "region", "plan"),
        pk=job_id,
        requested_by=request.user,
    )


class JobView(TemplateView):
    """The job's state; reloads itself (HTTP Refresh, no JavaScript) until it finishes."""

    template_name = "packs/job.html"

    def get(self, request, *args, **kwargs):
        self.job = user_job(request, kwargs["job_id"])
        response = super().get(request, *args, **kwargs)
        if not self.job.finished:
            response["Refresh"] = str(REFRESH_SECONDS)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(job=self.job, states=JobState, **kwargs)


def download(request, job_id):
    job = user_job(request, job_id)
    if job.state != JobState.DONE or not job.file:
        raise Http404("This pack is not ready or has been removed.")
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type="application/pdf",
    )


class RegionPackListView(TemplateView):
    """The regions whose pack the user may export, each linking to its export page."""

    template_name = "packs/regions.html"

    def get_context_data(self, **kwargs):
        regions = [
            r
            for r in Region.objects.order_by("name")
            if has_permission(self.request.user, "export_region_pack", r)
        ]
        return super().get_context_data(regions=regions, **kwargs)
