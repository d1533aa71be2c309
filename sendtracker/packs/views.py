from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView, TemplateView

from inspections.models import Action, ImprovementPlan
from sendtracker.core.views.mixins import CouncilScopedMixin, ServiceFormMixin

from . import services
from .forms import ExportForm
from .models import JobState, PackJob

REFRESH_SECONDS = 3


class PlanPackView(CouncilScopedMixin, ServiceFormMixin, FormView):
    """Choose the marking and export a plan pack: at once, or in the background if large."""

    permission = "export_pack"
    form_class = ExportForm
    template_name = "packs/export.html"

    def get_plan(self) -> ImprovementPlan:
        if not hasattr(self, "plan"):
            self.plan = get_object_or_404(
                ImprovementPlan.objects.select_related("inspection"),
                council=self.council,
                pk=self.kwargs["plan_id"],
            )
            self.plan.council = self.council
        return self.plan

    def in_background(self) -> bool:
        count = Action.objects.filter(plan=self.get_plan()).count()
        return count > settings.PACK_DIRECT_MAX_ACTIONS

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan=self.get_plan(), background=self.in_background(), **kwargs
        )

    def perform(self, form):
        marking = form.cleaned_data["marking"]
        if self.in_background():
            return services.request_plan_pack(
                plan=self.get_plan(), by=self.request.user, marking=marking
            )
        return services.export_plan_pack(
            plan=self.get_plan(), by=self.request.user, marking=marking
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code != 302:
            return response  # the service refused: the form with its error
        if isinstance(self.result, PackJob):
            return redirect("packs:job", job_id=self.result.pk)
        job, pdf = self.result
        download = HttpResponse(pdf, content_type="application/pdf")
        download["Content-Disposition"] = f'attachment; filename="{job.filename}"'
        return download

    def get_success_url(self) -> str:
        return self.request.path


def user_job(request, job_id) -> PackJob:
    """A job the user asked for, still within their scope; 404 for anyone else's."""
    return get_object_or_404(
        PackJob.objects.visible_to(request.user).select_related("council", "plan"),
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
