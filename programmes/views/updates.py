"""In-place updates: a milestone's progress and a measure's new value.

Both are InPlaceUpdateView (sendtracker.core.views.inplace), the mechanism the
inspections plan page uses for actions: each row has an Update link; without
JavaScript it opens the form on a page of its own, with htmx it opens the form in the
row. A saved milestone answers with its whole tree (HX-Retarget), because the change
rolls up to its parents' dates and status.
"""

from django.utils import timezone

from sendtracker.core.views.inplace import InPlaceUpdateView

from .. import selectors, services
from ..forms import MilestoneUpdateForm, ObservationForm
from .mixins import MeasureMixin, MilestoneMixin, tree_url

TREE_TEMPLATE = "programmes/_milestone_table.html"


def tree_context(workstream) -> dict:
    tree = selectors.milestone_tree(workstream, today=timezone.localdate())
    return {"tree": tree, "rows": tree.rows}


class MilestoneUpdateView(MilestoneMixin, InPlaceUpdateView):
    form_class = MilestoneUpdateForm
    template_name = "programmes/milestone_form.html"
    row_template = "programmes/_milestone_row.html"
    context_object_name = "milestone"
    success_message = "Milestone updated."

    def has_children(self) -> bool:
        if not hasattr(self, "_has_children"):
            self._has_children = self.get_milestone().children.exists()
        return self._has_children

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "has_children": self.has_children()}

    def run(self, form):
        data = form.cleaned_data
        milestone = self.get_milestone()
        return services.update_milestone(
            milestone=milestone,
            by=self.request.user,
            progress=data.get("progress", milestone.progress),
            completed_on=data.get("completed_on", milestone.completed_on),
            status_override=data["status_override"],
            override_reason=data["override_reason"],
            note=data["note"],
            expected_version=data["version"],
        )

    def render_row(self, form, *, editing, saved=False):
        if not saved:
            return super().render_row(form, editing=editing, saved=saved)
        self.row_template = TREE_TEMPLATE
        response = super().render_row(form, editing=editing, saved=saved)
        response["HX-Retarget"] = "#milestone-tree"
        response["HX-Reswap"] = "outerHTML"
        return response

    def get_row_context(self):
        milestone = self.get_milestone()
        context = tree_context(milestone.workstream)
        node = next(n for n in context["rows"] if n.pk == milestone.pk)
        return {
            **context,
            "node": node,
            "council": self.council,
            "programme": self.get_programme(),
            "workstream": milestone.workstream,
            "saved_id": milestone.pk,
        }

    def get_default_next_url(self):
        return tree_url(self.get_milestone().workstream)


class ObservationAddView(MeasureMixin, InPlaceUpdateView):
    form_class = ObservationForm
    service = services.record_observation
    service_fields = ("on", "value", "note")
    template_name = "programmes/observation_form.html"
    row_template = "programmes/_measure_row.html"
    context_object_name = "measure"
    success_message = "Value recorded."

    def get_row_context(self):
        measure = self.get_measure()
        (rated,) = selectors.rated_measures(type(measure).objects.filter(pk=measure.pk))
        rated.measure = measure
        return {
            "rated": rated,
            "council": self.council,
            "programme": self.get_programme(),
        }

    def get_default_next_url(self):
        return self.get_measure().get_absolute_url()
