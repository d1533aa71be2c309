from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from sendtracker.core.status import Status

from .models import Stage


class StatusUpdateForm(forms.Form):
    """The short form an officer fills in on the plan page, one per action."""

    status = forms.ChoiceField(
        choices=Status.choices,
        error_messages={
            "required": "Select a status",
            "invalid_choice": "Select a status from the list",
        },
    )
    stage = forms.ChoiceField(
        choices=Stage.choices,
        error_messages={
            "required": "Select a stage",
            "invalid_choice": "Select a stage from the list",
        },
    )
    note = forms.CharField(
        label="Progress note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What has happened since the last update.",
    )
    reason = forms.CharField(
        label="Reason for delay",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed for a minor or major delay.",
    )
    recovery_date = DateInputField(
        label="Recovery date",
        required=False,
        help_text="When the action will be back on track. For example, 27 3 2027.",
    )
    evidence_of_output = forms.CharField(
        label="Evidence of output",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed to mark the action complete, if not recorded already.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action=None, **kwargs):
        if action is not None and not kwargs.get("prefix"):
            # One form per action on the plan page: ids and names must not collide.
            kwargs["prefix"] = f"action-{action.pk}"
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("status", label_size=Size.SMALL),
            Field.select("stage", label_size=Size.SMALL),
            Field.textarea("note", label_size=Size.SMALL),
            Field.textarea("reason", label_size=Size.SMALL),
            Field("recovery_date"),
            Field.textarea("evidence_of_output", label_size=Size.SMALL),
            "version",
            Submit("submit", "Update status"),
        )

    @classmethod
    def initial_for(cls, action) -> dict:
        return {
            "status": action.status,
            "stage": action.stage,
            "reason": action.status_reason,
            "recovery_date": action.recovery_date,
            "version": action.version,
        }


class SignOffForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
