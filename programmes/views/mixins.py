from django.shortcuts import get_object_or_404
from django.urls import reverse

from sendtracker.core.permissions import has_permission
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import selectors
from ..models import Measure, Milestone, Workstream


def tree_url(workstream) -> str:
    """The page of a workstream's milestones (its programme and council already read)."""
    programme = workstream.programme
    return reverse(
        "programmes:milestone-tree", args=[programme.council.slug, programme.pk, workstream.pk]
    )


class ProgrammeMixin(CouncilScopedMixin):
    """The URL's programme, found within the URL's council (already scoped to the user)."""

    def get_programme(self):
        if not hasattr(self, "programme"):
            self.programme = get_object_or_404(
                selectors.programme_in(self.council, self.kwargs["programme_id"], self.request.user)
            )
            self.programme.council = self.council
        return self.programme

    def service_kwargs(self):
        return {"programme": self.get_programme()}

    def can_update(self) -> bool:
        return has_permission(self.request.user, "change_council", self.council)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("can_update", self.can_update())
        return super().get_context_data(programme=self.get_programme(), **kwargs)


class WorkstreamMixin(ProgrammeMixin):
    def get_workstream(self):
        if not hasattr(self, "workstream"):
            programme = self.get_programme()
            self.workstream = get_object_or_404(
                Workstream.objects.visible_to(self.request.user).filter(programme=programme),
                pk=self.kwargs["workstream_id"],
            )
            self.workstream.programme = programme
        return self.workstream

    def service_kwargs(self):
        return {"workstream": self.get_workstream()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(workstream=self.get_workstream(), **kwargs)


class MilestoneMixin(ProgrammeMixin):
    def get_milestone(self):
        if not hasattr(self, "milestone"):
            programme = self.get_programme()
            self.milestone = get_object_or_404(
                Milestone.objects.visible_to(self.request.user)
                .filter(workstream__programme=programme)
                .select_related("workstream"),
                pk=self.kwargs["milestone_id"],
            )
            self.milestone.workstream.programme = programme
        return self.milestone

    def service_kwargs(self):
        return {"milestone": self.get_milestone()}


class MeasureMixin(ProgrammeMixin):
    def get_measure(self):
        if not hasattr(self, "measure"):
            programme = self.get_programme()
            self.measure = get_object_or_404(
                Measure.objects.visible_to(self.request.user)
                .filter(programme=programme)
                .select_related("workstream"),
                pk=self.kwargs["measure_id"],
            )
            self.measure.programme = programme
        return self.measure

    def service_kwargs(self):
        return {"measure": self.get_measure()}
