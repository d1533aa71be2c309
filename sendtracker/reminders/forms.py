from crispy_forms_gds.layout import Field
from django import forms

from sendtracker.core.forms import GDSFormMixin

from .models import MANDATORY_KINDS, OPTIONAL_KINDS, ReminderKind


class ReminderChoicesForm(GDSFormMixin, forms.Form):
    submit_label = "Save reminder choices"

    kinds = forms.MultipleChoiceField(
        label="Which optional email reminders do you want?",
        choices=[(kind.value, kind.label) for kind in OPTIONAL_KINDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You always get: "
        + "; ".join(str(ReminderKind(k).label).lower() for k in sorted(MANDATORY_KINDS))
        + ".",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(Field.checkboxes("kinds", legend_size="m"))
