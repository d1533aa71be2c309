"""Pages to add and change programme records; every write goes through programmes.services.

Each is a ServiceFormView that posts and redirects. Officers of the council and site
administrators only ("change_council"): another council answers 404, a reader 403.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from grants import selectors as grants_selectors
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import services
from ..forms_records import (
    PHASE_ROWS,
    HighNeedsYearForm,
    MeasureForm,
    MilestoneForm,
    ProgrammeForm,
    RiskForm,
    WorkstreamForm,
)
from ..models import HighNeedsYear, Risk
from .mixins import MeasureMixin, MilestoneMixin, ProgrammeMixin, WorkstreamMixin, tree_url


class RecordFormView(ServiceFormView):
    """The programmes form page; an edit page's Back goes where a save does."""

    template_name = "programmes/record_form.html"

    def cleaned_values(self, form):
        return form.values()

    def back_url(self) -> str:
        return self.get_success_url() if self.editing else ""

    def get_context_data(self, **kwargs):
        # An edit page shows the record's history (the shared components/history.html).
        kwargs.setdefault("history_record", self.record() if self.editing else None)
        return super().get_context_data(back_url=self.back_url(), **kwargs)


# Programmes -------------------------------------------------------------------------------


def _allocations(view):
    """The grant allocations to the page's council that a programme may be funded by."""
    return (
        grants_selectors.visible_allocations(view.request.user)
        .for_council(view.council)
        .order_by("-determination__financial_year", "determination__title")
    )


class ProgrammeCreateView(CouncilScopedMixin, RecordFormView):
    form_class = ProgrammeForm
    service = services.create_programme
    heading = "Start a programme"
    success_message = "Programme started."

    def get_initial(self):
        return {"status": "active"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "allocations": _allocations(self)}

    def back_url(self):
        return reverse("programmes:council-programmes", args=[self.council.slug])


class ProgrammeEditView(ProgrammeMixin, RecordFormView):
    form_class = ProgrammeForm
    service = services.update_programme
    heading = "Change programme details"
    success_message = "Programme details saved."
    editing = True

    def record(self):
        return self.get_programme()

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "allocations": _allocations(self),
            "phase_rows": max(PHASE_ROWS, self.get_programme().phases.count() + 1),
        }

    def get_success_url(self):
        return self.get_programme().get_absolute_url()


# Workstreams ------------------------------------------------------------------------------


class WorkstreamCreateView(ProgrammeMixin, RecordFormView):
    form_class = WorkstreamForm
    service = services.add_workstream
    heading = "Add a workstream"
    success_message = "Workstream added."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "others": self.get_programme().workstreams.all()}

    def back_url(self):
        return self.get_programme().get_absolute_url()


class WorkstreamEditView(WorkstreamMixin, RecordFormView):
    form_class = WorkstreamForm
    service = services.update_workstream
    heading = "Change workstream"
    success_message = "Workstream saved."
    editing = True

    def record(self):
        return self.get_workstream()

    def get_form_kwargs(self):
        workstream = self.get_workstream()
        others = self.get_programme().workstreams.exclude(pk=workstream.pk)
        return {**super().get_form_kwargs(), "others": others}

    def get_success_url(self):
        return self.get_workstream().get_absolute_url()


# Milestones -------------------------------------------------------------------------------


class MilestoneSuccessMixin:
    def get_success_message(self):
        milestone = self.result
        return " ".join([f"Milestone {milestone} saved.", *(f"{w}." for w in milestone.warnings)])


class MilestoneCreateView(MilestoneSuccessMixin, WorkstreamMixin, RecordFormView):
    form_class = MilestoneForm
    service = services.add_milestone
    heading = "Add a milestone"

    def get_initial(self):
        return {"parent": self.request.GET.get("parent")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parents": self.get_workstream().milestones.all()}

    def get_success_url(self):
        return tree_url(self.get_workstream())

    def back_url(self):
        return self.get_success_url()


class MilestoneEditView(MilestoneSuccessMixin, MilestoneMixin, RecordFormView):
    form_class = MilestoneForm
    service = services.update_milestone_plan
    heading = "Change milestone"
    editing = True

    def record(self):
        return self.get_milestone()

    def get_form_kwargs(self):
        milestone = self.get_milestone()
        # Not itself nor anything below it: that would make a loop (the service refuses
        # one too, for a form opened before someone else moved a milestone).
        parents = dict(milestone.workstream.milestones.values_list("pk", "parent_id"))
        below = {milestone.pk}
        grew = True
        while grew:
            more = {pk for pk, parent in parents.items() if parent in below} - below
            below |= more
            grew = bool(more)
        choices = milestone.workstream.milestones.exclude(pk__in=below)
        return {**super().get_form_kwargs(), "parents": choices}

    def get_success_url(self):
        return tree_url(self.get_milestone().workstream)

    def get_context_data(self, **kwargs):
        milestone = self.get_milestone()
        return super().get_context_data(workstream=milestone.workstream, **kwargs)


# Measures and risks: each may belong to one of the programme's workstreams ----------------


class WorkstreamChoiceMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "workstreams": self.get_programme().workstreams.all()}


class MeasureCreateView(WorkstreamChoiceMixin, ProgrammeMixin, RecordFormView):
    form_class = MeasureForm
    service = services.add_measure
    heading = "Add a measure"
    success_message = "Measure added."

    def get_initial(self):
        return {"workstream": self.request.GET.get("workstream")}

    def back_url(self):
        return self.get_programme().get_absolute_url()


class MeasureEditView(WorkstreamChoiceMixin, MeasureMixin, RecordFormView):
    form_class = MeasureForm
    service = services.update_measure
    heading = "Change measure"
    success_message = "Measure saved."
    editing = True

    def record(self):
        return self.get_measure()

    def get_success_url(self):
        return self.get_measure().get_absolute_url()


def _register_url(programme) -> str:
    return reverse(
        "programmes:risk-register",
        kwargs={"council_slug": programme.council.slug, "programme_id": programme.pk},
    )


class RiskCreateView(WorkstreamChoiceMixin, ProgrammeMixin, RecordFormView):
    form_class = RiskForm
    service = services.add_risk
    heading = "Add a risk"
    success_message = "Risk added."

    def get_success_url(self):
        return _register_url(self.get_programme())

    def back_url(self):
        return self.get_success_url()


class RiskEditView(WorkstreamChoiceMixin, ProgrammeMixin, RecordFormView):
    form_class = RiskForm
    service = services.update_risk
    heading = "Change risk"
    success_message = "Risk saved."
    editing = True

    def record(self):
        if not hasattr(self, "risk"):
            self.risk = self.in_programme(Risk.objects, "risk_id")
        return self.risk

    def service_kwargs(self):
        return {"risk": self.record()}

    def get_success_url(self):
        return _register_url(self.get_programme())


# High Needs Block -------------------------------------------------------------------------


class HighNeedsYearCreateView(CouncilScopedMixin, RecordFormView):
    form_class = HighNeedsYearForm
    service = services.add_high_needs_year
    heading = "Add a High Needs Block year"
    success_message = "Year added."

    def get_success_url(self):
        return reverse("programmes:high-needs", args=[self.council.slug])

    def back_url(self):
        return self.get_success_url()


class HighNeedsYearEditView(CouncilScopedMixin, RecordFormView):
    form_class = HighNeedsYearForm
    service = services.update_high_needs_year
    success_message = "Year saved."
    editing = True

    def record(self):
        if not hasattr(self, "year"):
            self.year = get_object_or_404(
                HighNeedsYear.objects.visible_to(self.request.user).filter(council=self.council),
                year_starting=self.kwargs["year"],
            )
        return self.year

    def service_kwargs(self):
        return {"year": self.record()}

    def get_success_url(self):
        return reverse("programmes:high-needs", args=[self.council.slug])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("heading", f"Change {self.record().label}")
        return super().get_context_data(**kwargs)
