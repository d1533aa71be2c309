"""The page that sets a framework deadline's date by hand, for the council's officers
and site administrators ("change_council"), with the reason; or goes back to the date
the framework gives."""

from functools import cached_property

from django.http import Http404

from .. import services
from ..forms_deadlines import DeadlineOverrideForm
from ..models import DeadlineKind, DeadlineOverride
from ..services.deadlines import deadline_of
from .edits import EditFormView, InspectionMixin
from .mixins import PlanMixin


class DeadlineOverrideMixin:
    """The URL's deadline of the URL's inspection or plan: a 404 for a kind the framework
    does not set for it (yet), as for a record of another council."""

    def target(self) -> dict:
        raise NotImplementedError

    @cached_property
    def kind(self) -> str:
        kind = self.kwargs["kind"].replace("-", "_")
        if kind not in DeadlineKind.values:
            raise Http404("No such deadline")
        return kind

    @cached_property
    def deadline(self):
        deadline = deadline_of(kind=self.kind, **self.target())
        if deadline is None:
            raise Http404("No such deadline")
        return deadline

    @cached_property
    def override(self):
        return DeadlineOverride.objects.filter(kind=self.kind, **self.target()).first()

    def load(self) -> None:
        super().load()
        self.deadline  # noqa: B018 (a 404 before anything else)

    @property
    def removing(self) -> bool:
        return self.request.method == "POST" and "remove" in self.request.POST

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "removable": self.override is not None,
            "removing": self.removing,
        }

    def get_initial(self):
        override = self.override
        if override is None:
            return {"due_on": self.deadline.worked_out_on, "version": 0}
        return {"due_on": override.due_on, "reason": override.reason, "version": override.version}

    @property
    def heading(self) -> str:
        return f"{DeadlineKind(self.kind).label}: change the date"

    def run(self, form):
        data = form.cleaned_data
        common = {"by": self.request.user, "kind": self.kind, **self.target()}
        if self.removing:
            return services.remove_deadline_override(expected_version=data["version"], **common)
        return services.override_deadline(
            due_on=data["due_on"],
            reason=data["reason"],
            expected_version=data["version"],
            **common,
        )

    def get_success_message(self) -> str:
        label = DeadlineKind(self.kind).label
        if self.removing:
            return f"{label}: the worked-out date is in force again."
        return f"{label}: date saved."

    def get_context_data(self, **kwargs):
        return super().get_context_data(deadline=self.deadline, override=self.override, **kwargs)


class InspectionDeadlineView(DeadlineOverrideMixin, InspectionMixin, EditFormView):
    form_class = DeadlineOverrideForm
    template_name = "inspections/deadline_form.html"

    def target(self) -> dict:
        return {"inspection": self.get_inspection()}

    def get_success_url(self):
        return super().get_success_url() + f"#inspection-{self.get_inspection().pk}"


class PlanDeadlineView(DeadlineOverrideMixin, PlanMixin, EditFormView):
    form_class = DeadlineOverrideForm
    template_name = "inspections/deadline_form.html"

    def target(self) -> dict:
        return {"plan": self.get_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.get_plan().title, **kwargs)

    def get_success_url(self):
        return self.get_plan().get_absolute_url() + "#deadlines"
