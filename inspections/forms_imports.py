"""The plan import's upload forms: the file, and what the plan is if it is new."""

from django import forms

from sendtracker.core.forms import optional_choice
from sendtracker.core.views.imports import UploadForm

from .forms import plan_kind_field, plan_title_field

SPLIT_HELP = (
    "Only if the plan splits one of the inspection's areas into sub-areas of its own, as "
    "an Accelerated Progress Plan may split the area it addresses: that area's number. "
    "Refs like 2.3 then place an action under sub-area 2."
)


class PlanImportForm(UploadForm):
    """A file for an existing plan."""

    split_area = forms.IntegerField(
        label="Area the plan splits into sub-areas (optional)",
        required=False,
        min_value=1,
        help_text=SPLIT_HELP,
        error_messages={
            "invalid": "Enter the area's number, like 4",
            "min_value": "Enter 1 or more",
        },
    )
    fields_before_file = ("split_area",)

    def options(self) -> dict:
        return {"split_area": self.cleaned_data.get("split_area")}


class NewPlanImportForm(PlanImportForm):
    """A file that becomes a new plan of the council's."""

    kind = plan_kind_field()
    title = plan_title_field()
    inspection = optional_choice(
        "Inspection",
        None,
        empty_label="None: a local improvement plan",
        help_text="The inspection the plan responds to.",
        invalid_message="Choose one of the council's inspections from the list",
    )
    fields_before_file = ("kind", "title", "inspection", "split_area")

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = council.inspections.all()

    def options(self) -> dict:
        inspection = self.cleaned_data.get("inspection")
        return super().options() | {
            "kind": self.cleaned_data["kind"],
            "title": self.cleaned_data["title"],
            "inspection": inspection.pk if inspection else None,
        }
