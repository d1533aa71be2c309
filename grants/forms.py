"""Input parsing and field errors only; the services decide the rules."""

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Size
from django import forms
from django.core.exceptions import ValidationError

from grants.models import (
    DeterminationStatus,
    Instalment,
    LegalBasis,
    SpendCategory,
    SuccessMeasure,
)
from sendtracker.core.forms import (
    DateField,
    GDSFormMixin,
    MoneyField,
    VersionField,
    optional_choice,
    text_field,
)
from sendtracker.core.models import Council, Region

MAX_LETTER_BYTES = 10 * 1024 * 1024
# The example grants' date hints and messages have always shown.
GRANT_DATE = "15 2 2023"


class DeterminationForm(GDSFormMixin, forms.Form):
    title = text_field(
        "Citation or title", max_length=300, required_message="Enter the citation or title"
    )
    legal_basis = forms.ChoiceField(
        label="Legal basis", choices=LegalBasis.choices, widget=forms.RadioSelect
    )
    dfe_reference = text_field(
        "DfE reference", max_length=50, help_text="For example, project_5368."
    )
    determination_reference = text_field(
        "Determination reference", max_length=50, help_text="For example, 31/5492."
    )
    financial_year = forms.RegexField(
        label="Financial year",
        regex=r"^[0-9]{4}-[0-9]{2}$",
        help_text="For example, 2021-22.",
        error_messages={
            "required": "Enter the financial year",
            "invalid": "Enter the financial year like 2021-22",
        },
    )
    period_start = DateField(label="Start of the grant period", example=GRANT_DATE)
    period_end = DateField(label="End of the grant period", example=GRANT_DATE)
    purpose = text_field("Purpose", max_length=None, rows=4)
    ring_fenced = forms.BooleanField(label="Ring-fenced", required=False)
    conditions = text_field("Conditions", max_length=None, rows=3)
    clawback = forms.BooleanField(label="Clawback applies", required=False)
    reporting_required = forms.BooleanField(label="Reporting is a condition", required=False)
    total_available = MoneyField(
        label="Total funding available", help_text="In pounds. Leave blank if not published."
    )
    signed_by_role = text_field("Signed by (role)")
    signed_on = DateField(label="Date signed", example=GRANT_DATE, required=False)
    letter = forms.FileField(
        label="Determination letter (PDF)",
        required=False,
        help_text="Optional. A PDF of 10MB or less.",
    )
    status = forms.ChoiceField(
        label="Status", choices=DeterminationStatus.choices, widget=forms.RadioSelect
    )
    submit_label = "Save determination"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.text("title"),
            Field.radios("legal_basis", legend_size=Size.SMALL),
            Field.text("dfe_reference", field_width=Fixed.TEN),
            Field.text("determination_reference", field_width=Fixed.TEN),
            Field.text("financial_year", field_width=Fixed.FIVE),
            Field("period_start"),
            Field("period_end"),
            Field.textarea("purpose"),
            Fieldset(
                Field.checkbox("ring_fenced"),
                Field.checkbox("clawback"),
                Field.checkbox("reporting_required"),
                legend="Conditions of the grant",
                legend_size=Size.SMALL,
            ),
            Field.textarea("conditions"),
            Field.text("total_available", field_width=Fixed.TEN),
            Field.text("signed_by_role", field_width=Fluid.TWO_THIRDS),
            Field("signed_on"),
            Field("letter"),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
        )

    def clean_letter(self):
        letter = self.cleaned_data.get("letter")
        if not letter:
            return letter
        if letter.size > MAX_LETTER_BYTES:
            raise ValidationError("The letter must be 10MB or smaller")
        head = letter.read(5)
        letter.seek(0)
        if not letter.name.lower().endswith(".pdf") or head != b"%PDF-":
            raise ValidationError("The letter must be a PDF")
        return letter


class DeterminationEditForm(DeterminationForm):
    """The same form with the version it was opened at, to refuse a stale save."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout.insert(len(self.helper.layout) - 1, "version")


class AllocationForm(GDSFormMixin, forms.Form):
    council = forms.ModelChoiceField(
        label="Council paid",
        queryset=Council.objects.order_by("name"),
        empty_label="Choose a council",
        error_messages={"required": "Choose the council paid"},
    )
    region_supported = optional_choice(
        "Region to be supported", Region.objects.all(), empty_label="Not applicable"
    )
    las_in_region = forms.IntegerField(
        label="Number of LAs in region",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "The number of LAs must be a whole number",
            "min_value": "The number of LAs must be 1 or more",
        },
    )
    base_funding = MoneyField(label="Base funding", help_text="In pounds.")
    top_up = MoneyField(label="Top-up", help_text="In pounds, based on the number of LAs.")
    total = MoneyField(
        label="Total",
        help_text="Base funding plus top-up. Leave all three blank if the amount is not yet known.",
    )
    submit_label = "Save allocation"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.select("council"),
            Field.select("region_supported"),
            Field.text("las_in_region", field_width=Fixed.FIVE),
            Field.text("base_funding", field_width=Fixed.TEN),
            Field.text("top_up", field_width=Fixed.TEN),
            Field.text("total", field_width=Fixed.TEN),
        )


class AllocationAmountsForm(AllocationForm):
    submit_label = "Save amounts"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["council", "region_supported", "las_in_region"]:
            del self.fields[name]
        self.helper = self.build_helper(
            Field.text("base_funding", field_width=Fixed.TEN),
            Field.text("top_up", field_width=Fixed.TEN),
            Field.text("total", field_width=Fixed.TEN),
        )


class InstalmentForm(GDSFormMixin, forms.Form):
    due_on = DateField(label="Due date", example=GRANT_DATE)
    description = text_field("Description", help_text="For example, first instalment.")
    share_percent = forms.DecimalField(
        label="Share of each allocation (%)",
        required=False,
        max_digits=5,
        decimal_places=2,
        error_messages={"invalid": "The share must be a number, like 50"},
    )
    amount = MoneyField(label="Amount", help_text="In pounds, if the schedule gives one.")
    submit_label = "Add instalment"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field("due_on"),
            Field.text("description", field_width=Fluid.TWO_THIRDS),
            Field.text("share_percent", field_width=Fixed.FIVE),
            Field.text("amount", field_width=Fixed.TEN),
        )


class SuccessMeasureForm(GDSFormMixin, forms.Form):
    text = text_field(
        "Success measure", max_length=None, rows=3, required_message="Enter the success measure"
    )
    parent = optional_choice(
        "Sub-item of", SuccessMeasure.objects.none(), empty_label="None: a measure of its own"
    )
    submit_label = "Add measure"

    def __init__(self, *args, measures=None, **kwargs):
        super().__init__(*args, **kwargs)
        if measures is not None:
            self.fields["parent"].queryset = measures
        self.fields["parent"].label_from_instance = lambda measure: measure.text[:80]
        self.helper = self.build_helper(Field.textarea("text"), Field.select("parent"))


class AcceptAllocationForm(GDSFormMixin, forms.Form):
    decision = text_field(
        "Decision",
        max_length=300,
        help_text="For example, authorises the acceptance of the grant of £1,000,000.",
    )
    decision_body = text_field(
        "Decided by",
        max_length=150,
        help_text="For example, Cabinet.",
        required_message="Enter who made the decision",
    )
    decided_on = DateField(label="Decision date", example=GRANT_DATE)
    submit_label = "Record acceptance"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.text("decision"),
            Field.text("decision_body", field_width=Fluid.TWO_THIRDS),
            Field("decided_on"),
        )


class PaymentForm(GDSFormMixin, forms.Form):
    amount = MoneyField(label="Amount", required=True, help_text="In pounds.")
    paid_on = DateField(label="Date paid", example=GRANT_DATE)
    reference = text_field("Payment reference", max_length=100)
    instalment = optional_choice(
        "Instalment", Instalment.objects.none(), empty_label="Not one of the planned instalments"
    )
    submit_label = "Record payment"

    def __init__(self, *args, instalments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if instalments is not None:
            self.fields["instalment"].queryset = instalments
        self.helper = self.build_helper(
            Field.text("amount", field_width=Fixed.TEN),
            Field("paid_on"),
            Field.text("reference", field_width=Fixed.TWENTY),
            Field.select("instalment"),
        )


class UsageStatementForm(GDSFormMixin, forms.Form):
    """One amount per spend category: lines without JavaScript."""

    period = text_field(
        "Phase or period",
        max_length=150,
        help_text="For example, Phase 1: design, April to August 2023.",
        required_message="Enter the phase or period",
    )
    period_start = DateField(label="Start of the period", example=GRANT_DATE, required=False)
    period_end = DateField(label="End of the period", example=GRANT_DATE, required=False)
    narrative = text_field("What the grant was spent on", max_length=None, rows=5)
    submit_label = "Submit statement"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        layout = [Field.text("period"), Field("period_start"), Field("period_end")]
        lines = []
        for value, label in SpendCategory.choices:
            self.fields[f"amount_{value}"] = MoneyField(label=f"{label}: amount")
            self.fields[f"description_{value}"] = text_field(
                f"{label}: what it paid for", max_length=300
            )
            lines += [
                Field.text(f"amount_{value}", field_width=Fixed.TEN),
                Field.text(f"description_{value}", field_width=Fluid.TWO_THIRDS),
            ]
        self.helper = self.build_helper(
            *layout,
            Fieldset(*lines, legend="Spend by category", legend_size=Size.MEDIUM),
            Field.textarea("narrative"),
        )

    def clean(self):
        cleaned = super().clean()
        lines = [
            (value, cleaned.get(f"description_{value}", ""), cleaned[f"amount_{value}"])
            for value, _ in SpendCategory.choices
            if cleaned.get(f"amount_{value}") is not None
        ]
        if not lines and not self.errors:
            raise ValidationError("Enter the amount spent in at least one category")
        cleaned["lines"] = lines
        return cleaned


class ConfirmForm(GDSFormMixin, forms.Form):
    """A button that posts: for transitions with nothing to enter."""

    def __init__(self, *args, submit_label="Confirm", **kwargs):
        super().__init__(*args, **kwargs)
        self.submit_label = submit_label
        self.helper = self.build_helper()
