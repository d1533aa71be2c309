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

    def in_programme(self, queryset, url_kwarg: str, *, via: str = "programme"):
        """The record the URL names (`url_kwarg`) in `queryset`, if the user may see it and
        it belongs to the URL's programme (through `via`); 404 otherwise."""
        return get_object_or_404(
            queryset.visible_to(self.request.user).filter(**{via: self.get_programme()}),
            pk=self.kwargs[url_kwarg],
        )

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
            self.workstream = self.in_programme(Workstream.objects, "workstream_id")
            self.workstream.programme = self.get_programme()
        return self.workstream

    def service_kwargs(self):
        return {"workstream": self.get_workstream()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(workstream=self.get_workstream(), **kwargs)


class MilestoneMixin(ProgrammeMixin):
    def get_milestone(self):
        if not hasattr(self, "milestone"):
            self.milestone = self.in_programme(
                Milestone.objects.select_related("workstream"),
                "milestone_id",
                via="workstream__programme",
            )
            self.milestone.workstream.programme = self.get_programme()
        return self.milestone

    def service_kwargs(self):
        return {"milestone": self.get_milestone()}


class MeasureMixin(ProgrammeMixin):
    def get_measure(self):
        if not hasattr(self, "measure"):
            self.measure = self.in_programme(
                Measure.objects.select_related("workstream"), "measure_id"
            )
            self.measure.programme = self.get_programme()
        return self.measure

    def service_kwargs(self):
        return {"measure": self.get_measure()}
