from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms

from sendtracker.core.forms import (
    DateField,
    GDSFormMixin,
    VersionField,
    choice_field,
    initial_from,
    prefixed_for,
)
from sendtracker.core.status import Status

from .models import Progress


def date_field(*, label: str, **kwargs) -> DateField:
    """A programme date: a part left out or an impossible date reads "Enter a real date"."""
    return DateField(label=label, example="27 3 2026", require_all_fields=True, **kwargs)


class MilestoneUpdateForm(GDSFormMixin, forms.Form):
    """The short form on a milestone's row. A parent's progress comes from its children,
    so its form has only the override and the note."""

    progress = choice_field(
        None,
        Progress.choices,
        required_message="Select the milestone's progress",
        widget=forms.Select,
    )
    completed_on = date_field(
        label="Date completed",
        required=False,
        help_text="Needed when complete. For example, 27 3 2026.",
    )
    status_override = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Derived from the dates (no override)"), *Status.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    override_reason = forms.CharField(
        label="Reason for overriding the status",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label="Progress note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = VersionField()
    submit_label = "Update milestone"

    def __init__(self, *args, milestone=None, has_children=False, **kwargs):
        super().__init__(*args, **prefixed_for("milestone", milestone, kwargs))
        self.has_children = has_children
        fields = []
        if has_children:
            del self.fields["progress"], self.fields["completed_on"]
        else:
            fields = [Field.select("progress", label_size=Size.SMALL), Field("completed_on")]
        self.helper = self.build_helper(
            *fields,
            Field.select("status_override", label_size=Size.SMALL),
            Field.textarea("override_reason", label_size=Size.SMALL),
            Field.textarea("note", label_size=Size.SMALL),
            "version",
        )

    @classmethod
    def initial_for(cls, milestone) -> dict:
        return initial_from(
            milestone, ("progress", "completed_on", "status_override", "override_reason")
        )


class ObservationForm(GDSFormMixin, forms.Form):
    """Record a measure's value on a date; the value is parsed for the measure's unit."""

    on = date_field(
        label="Date measured",
        help_text="For example, 31 3 2026.",
        required_message="Enter the date the value was measured",
    )
    value = forms.CharField(label="Value", max_length=40, required=False)
    note = forms.CharField(label="Note", required=False, max_length=500)
    version = VersionField()
    submit_label = "Record value"

    def __init__(self, *args, measure=None, **kwargs):
        super().__init__(*args, **prefixed_for("measure", measure, kwargs))
        if measure is not None:
            self.fields["value"].label = f"Value ({measure.get_unit_display().lower()})"
        self.helper = self.build_helper(
            Field("on"),
            Field.text("value", field_width=Fluid.ONE_THIRD, label_size=Size.SMALL),
            Field.text("note", label_size=Size.SMALL),
            "version",
        )

    @classmethod
    def initial_for(cls, measure) -> dict:
        return {"version": measure.version}
