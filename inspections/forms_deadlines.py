"""The form that sets a framework deadline's date by hand, with its reason."""

from crispy_forms_gds.layout import Field, Submit
from django import forms

from sendtracker.core.forms import DateField, GDSFormMixin, text_field

from .services.deadlines import REASON_MAX

STALE = "This form is incomplete. Reload the page and make your change again"


class DeadlineOverrideForm(GDSFormMixin, forms.Form):
    """The date in force and why; `removing` (the second button) needs neither."""

    due_on = DateField(
        label="Date the deadline is due",
        example="31 1 2022",
        required_message="Enter the date the deadline is due",
    )
    reason = text_field(
        "Reason for changing the date",
        rows=4,
        max_length=REASON_MAX,
        required_message="Enter the reason for changing the date",
        help_text="For example, the date DfE set for the review meeting.",
    )
    # The version of the date set by hand the form was opened at; 0 when there was none.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": STALE, "invalid": STALE, "min_value": STALE},
    )
    submit_label = "Save date"

    def __init__(self, *args, removable: bool = False, removing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if removing:
            self.fields["due_on"].required = False
            self.fields["reason"].required = False
        fields = [Field("due_on"), Field.textarea("reason"), "version"]
        self.helper = self.build_helper(*fields)
        if removable:
            self.helper.layout.append(
                Submit(
                    "remove", "Use the worked-out date again", css_class="govuk-button--secondary"
                )
            )
