from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from .models import Marking


class ExportForm(forms.Form):
    marking = forms.ChoiceField(
        label="Protective marking",
        choices=Marking.choices,
        widget=forms.RadioSelect,
        help_text="Printed on the cover and on every page of the pack.",
        error_messages={
            "required": "Select a protective marking",
            "invalid_choice": "Select OFFICIAL or OFFICIAL-SENSITIVE",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(Field.radios("marking", legend_size=Size.MEDIUM)),
            Submit("export", "Export PDF pack"),
        )
