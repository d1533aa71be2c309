"""Pages to record and change inspections, areas, revisits, plans and actions.

Each is a ServiceFormView calling one of inspections.services, for officers of the
council and site administrators ("change_council"; 403 for board and advisers).
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import services
from ..forms import (
    ActionForm,
    AreaForm,
    InspectionForm,
    MonitoringInspectionForm,
    PlanForm,
    RevisitForm,
)
from ..models import Inspection
from .mixins import ActionMixin, PlanMixin


class EditFormView(ServiceFormView):
    """The inspections form page: a caption above the heading, Back to where success goes."""

    template_name = "inspections/form.html"
    caption = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("caption", self.caption or self.council.name)
        return super().get_context_data(back_url=self.get_success_url(), **kwargs)


class CouncilEditMixin(CouncilScopedMixin):
    def get_success_url(self):
        return reverse("inspections:council-plans", kwargs={"council_slug": self.council.slug})


class InspectionMixin(CouncilEditMixin):
    def get_inspection(self) -> Inspection:
        if not hasattr(self, "inspection"):
            self.inspection = get_object_or_404(
                Inspection, council=self.council, pk=self.kwargs["inspection_id"]
            )
        return self.inspection

    def service_kwargs(self):
        return {"inspection": self.get_inspection()}

    def get_context_data(self, **kwargs):
        inspection = self.get_inspection()
        return super().get_context_data(
            caption=f"{self.council.name} · {inspection.get_framework_display()}, "
            f"{inspection.started_on:%B %Y}",
            **kwargs,
        )


class InspectionCreateView(CouncilEditMixin, EditFormView):
    form_class = InspectionForm
    service = services.create_inspection
    heading = "Record an inspection"
    success_message = "Inspection recorded."


class InspectionEditView(InspectionMixin, EditFormView):
    form_class = InspectionForm
    service = services.update_inspection
    heading = "Change inspection details"
    success_message = "Inspection saved."

    def get_initial(self):
        inspection = self.get_inspection()
        return {name: getattr(inspection, name) for name in InspectionForm.base_fields}


class InspectionFormView(InspectionMixin, EditFormView):
    """A form about the inspection's areas: it is given the inspection."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "inspection": self.get_inspection()}


class AreaCreateView(InspectionFormView):
    form_class = AreaForm
    service = services.add_area

    @property
    def heading(self):
        if self.get_inspection().is_2023:
            return "Add an area for priority action or for improvement"
        return "Add an area of weakness"

    def get_success_message(self):
        return f"{self.result.label} added."


class FollowUpCreateView(InspectionFormView):
    """A revisit or a monitoring inspection (a FollowUpForm): the service takes its
    verdict per area as `verdicts_name`."""

    verdicts_name: str

    def cleaned_values(self, form):
        data = form.cleaned_data
        return {
            "started_on": data["started_on"],
            "ended_on": data["ended_on"],
            "letter_url": data["letter_url"],
            self.verdicts_name: form.verdicts(),
        }


class RevisitCreateView(FollowUpCreateView):
    form_class = RevisitForm
    service = services.record_revisit
    heading = "Record a revisit"
    success_message = "Revisit recorded."
    verdicts_name = "judgements"


class MonitoringInspectionCreateView(FollowUpCreateView):
    """A 2023 inspection's monitoring inspection: per area for priority action, improved
    or not (a 2016 inspection's is refused by the service, naming the inspection)."""

    form_class = MonitoringInspectionForm
    service = services.record_monitoring_inspection
    heading = "Record a monitoring inspection"
    success_message = "Monitoring inspection recorded."
    verdicts_name = "findings"


class PlanFormView(EditFormView):
    """A plan's fields and its review points."""

    form_class = PlanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "council": self.council}

    def cleaned_values(self, form):
        return {**form.plan_values(), "review_points": form.review_points()}


class PlanCreateView(CouncilEditMixin, PlanFormView):
    service = services.create_plan
    heading = "Start a plan"

    def get_success_url(self):
        if hasattr(self, "result"):
            return self.result.get_absolute_url()
        return super().get_success_url()

    def get_success_message(self):
        return f"{self.result.title} started. Add its actions next."


class PlanPageFormMixin(PlanMixin):
    """A form about a plan: captioned with the plan's title, and back to the plan once
    saved."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.get_plan().title, **kwargs)

    def get_success_url(self):
        return self.get_plan().get_absolute_url()


class PlanEditView(PlanPageFormMixin, PlanFormView):
    service = services.update_plan
    editing = True
    heading = "Change plan details"
    success_message = "Plan details saved."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review_points": self.get_plan().review_points.count()}

    def record(self):
        return self.get_plan()


class ActionFormView(EditFormView):
    """An action's descriptive fields and its action and impact milestones."""

    form_class = ActionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.get_plan()}

    def cleaned_values(self, form):
        return {
            **form.action_values(),
            "action_milestones": form.milestones("action"),
            "impact_milestones": form.milestones("impact"),
        }


class ActionCreateView(PlanPageFormMixin, ActionFormView):
    service = services.add_action
    heading = "Add an action"

    def get_success_message(self):
        return f"Action {self.result.ref} added."


class ActionEditView(ActionMixin, ActionFormView):
    """An action's descriptive fields and milestones; its status stays the in-place form."""

    service = services.update_action_details
    editing = True
    heading = "Change action details"

    def get_form_kwargs(self):
        action = self.get_action()
        counts = {"action": 0, "impact": 0}
        for kind in action.milestones.values_list("kind", flat=True):
            counts[kind] += 1
        return {
            **super().get_form_kwargs(),
            "action_milestones": counts["action"],
            "impact_milestones": counts["impact"],
        }

    def record(self):
        return self.get_action()

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(
            caption=f"{self.get_plan().title} · Action {action.ref}", **kwargs
        )

    def get_success_url(self):
        return self.get_action().get_absolute_url()

    def get_success_message(self):
        return f"Action {self.get_action().ref} saved."
