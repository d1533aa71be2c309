"""Forms of the publishing pages: input parsing and field errors only."""

from crispy_forms_gds.layout import Field as LayoutField
from crispy_forms_gds.layout import Fluid, Size
from django import forms

from sendtracker.core.forms import DateField, GDSFormMixin

from .models import Field


class PublishedVersionField(forms.IntegerField):
    """The plan's latest published version when the form was opened (0: none yet)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        message = "This form is incomplete. Reload the page and try again"
        super().__init__(
            min_value=0,
            error_messages={"required": message, "invalid": message, "min_value": message},
            **kwargs,
        )


class PublishingChoicesForm(GDSFormMixin, forms.Form):
    """Which fields stay internal, when the next update is due, and a summary for
    families of each area (one field each, `family_<area id>`)."""

    internal_fields = forms.MultipleChoiceField(
        label="Fields to keep internal",
        choices=Field.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="These are never published. Progress notes, who changed what and "
        "email addresses are never published either.",
    )
    next_update_due = DateField(label="Next update due", required=False, example="31 3 2027")
    version = PublishedVersionField()

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        layout = [LayoutField.checkboxes("internal_fields", legend_size=Size.MEDIUM)]
        for area in self.areas:
            name = f"family_{area.pk}"
            number = f"{area.parent.number}.{area.number}" if area.parent_id else area.number
            title = area.short_title or area.title
            self.fields[name] = forms.CharField(
                label=f"What this means for families: area {number}, {title}",
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            layout.append(LayoutField.textarea(name))
        layout.append(LayoutField("next_update_due"))
        self.helper = self.build_helper(*layout, "version")

    def family_summaries(self) -> dict[int, str]:
        return {area.pk: self.cleaned_data.get(f"family_{area.pk}", "") for area in self.areas}


class PublishForm(GDSFormMixin, forms.Form):
    submit_label = "Publish this version"
    note = forms.CharField(
        label="What changed, in your words (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown in the change log on the public page. Plain English helps families.",
    )
    version = PublishedVersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            LayoutField.textarea("note", field_width=Fluid.FULL), "version"
        )


class WithdrawForm(GDSFormMixin, forms.Form):
    submit_label = "Withdraw the public page"
    version = PublishedVersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper("version")


class PublishingRightsForm(GDSFormMixin, forms.Form):
    allowed = forms.TypedChoiceField(
        label="May the council's officers publish its plans?",
        choices=[("yes", "Yes, officers may publish too"), ("no", "No, board members only")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether officers may publish plans"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(LayoutField.radios("allowed", legend_size=Size.MEDIUM))
