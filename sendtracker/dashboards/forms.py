"""Input parsing and field errors only; dashboards.services decides the rules."""

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils import timezone

from sendtracker.core.forms import DateField, GDSFormMixin

AGREED_ACTION_ROWS = 3


class BoardMeetingForm(GDSFormMixin, forms.Form):
    """A board meeting with up to three agreed actions."""

    submit_label = "Save meeting"

    board_name = forms.CharField(label="Board", max_length=200, help_text="For example, SENDIB.")
    held_on = DateField(label="Date of the meeting")
    attendees = forms.CharField(
        label="Attendees", widget=forms.Textarea, help_text="One role a line, for example Chair."
    )
    apologies = forms.CharField(label="Apologies", widget=forms.Textarea, required=False)
    decisions = forms.CharField(
        label="Decisions", widget=forms.Textarea, required=False, help_text="One decision a line."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].error_messages["required"] = "Enter who attended"
        fieldsets = []
        for i in range(1, AGREED_ACTION_ROWS + 1):
            self.fields[f"action_{i}_description"] = forms.CharField(
                label="Action", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"action_{i}_owner"] = forms.CharField(
                label="Owner", required=False, max_length=200, help_text="A role title."
            )
            self.fields[f"action_{i}_due_on"] = DateField(label="Due date", required=False)
            fieldsets.append(
                Fieldset(
                    Field.textarea(f"action_{i}_description"),
                    Field.text(f"action_{i}_owner"),
                    Field(f"action_{i}_due_on"),
                    legend=f"Agreed action {i}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper = self.build_helper(
            Field.text("board_name"),
            Field("held_on"),
            Field.textarea("attendees"),
            Field.textarea("apologies"),
            Field.textarea("decisions"),
            *fieldsets,
        )

    def clean(self):
        data = super().clean()
        for i in range(1, AGREED_ACTION_ROWS + 1):
            description = data.get(f"action_{i}_description", "")
            owner = data.get(f"action_{i}_owner", "")
            if description and not owner:
                self.add_error(f"action_{i}_owner", f"Enter who owns agreed action {i}")
            if (owner or data.get(f"action_{i}_due_on")) and not description:
                self.add_error(f"action_{i}_description", f"Enter agreed action {i}")
        return data

    def agreed_actions(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "description": data[f"action_{i}_description"],
                "owner": data[f"action_{i}_owner"],
                "due_on": data.get(f"action_{i}_due_on"),
            }
            for i in range(1, AGREED_ACTION_ROWS + 1)
            if data.get(f"action_{i}_description")
        ]


class AsAtDateForm(forms.Form):
    """The dashboard's "as at a date" choice (a GET form): a day not in the future."""

    view = forms.CharField(widget=forms.HiddenInput, required=False)
    on = forms.DateField(
        label="As at a date",
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "Enter the date to see the dashboard as at",
            "invalid": "Enter a real date, for example 2024-03-14",
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past")
        return day
