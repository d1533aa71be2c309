from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Hidden, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from sendtracker.core import once
from sendtracker.core.errors import DomainError
from sendtracker.core.money import parse_money


class VersionField(forms.IntegerField):
    """The version of a record a form was opened at, for refusing stale saves.

    Hidden, so a missing or altered value must say what to do rather than point at a
    field nobody can see.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        message = "This form is incomplete. Reload the page and make your change again"
        kwargs.setdefault(
            "error_messages", {"required": message, "invalid": message, "min_value": message}
        )
        super().__init__(min_value=1, **kwargs)


class DateField(DateInputField):
    """GOV.UK date input whose messages name the date and say which part is missing.

    `example` is the date the messages and the default hint show, "27 3 2021" unless
    the form's dates are usually elsewhere.
    """

    def __init__(
        self,
        *,
        label: str,
        required: bool = True,
        example: str = "27 3 2021",
        required_message: str = "",
        **kwargs,
    ):
        kwargs.setdefault("help_text", f"For example, {example}.")
        kwargs.setdefault("require_all_fields", False)  # say which part is missing
        super().__init__(label=label, required=required, **kwargs)
        name = label[0].lower() + label[1:]
        self.invalid_date = f"Enter a real date, like {example}"
        self.error_messages["required"] = required_message or f"Enter the {name}"
        for part, field in zip(("day", "month", "year"), self.fields, strict=True):
            field.error_messages["incomplete"] = f"The {name} must include a {part}"

    def compress(self, data_list):
        # A part too long for a C integer ("99999999999999999999") overflows rather
        # than being out of range: both are dates that do not exist.
        try:
            return super().compress(data_list)
        except (ValidationError, OverflowError):
            raise ValidationError(self.invalid_date) from None


class MoneyField(forms.CharField):
    """Pounds and pence as a Decimal; accepts "£21,271.92". Never a float."""

    def __init__(self, *, label: str, **kwargs):
        self.name_in_messages = label.lower()
        kwargs.setdefault("required", False)
        super().__init__(label=label, **kwargs)
        self.error_messages["required"] = f"Enter the {self.name_in_messages}"

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "spellcheck": "false"}

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_money(
                value,
                field="",
                label=self.name_in_messages,
                not_an_amount="The {label} must be an amount in pounds and pence, like 21271.92",
            )
        except DomainError as error:
            raise ValidationError(error.message) from None


def text_field(
    label: str,
    *,
    required_message: str = "",
    max_length: int | None = 200,
    rows: int | None = None,
    **kwargs,
) -> forms.CharField:
    """Text in a GOV.UK input, or with `rows` a textarea.

    Required only when given the message that says what to enter; text too long says
    how long it may be.
    """
    error_messages = {"required": required_message}
    if max_length:
        error_messages["max_length"] = f"{label} must be {max_length:,} characters or fewer"
    if rows:
        kwargs["widget"] = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required_message),
        error_messages=error_messages,
        **kwargs,
    )


def choice_field(
    label: str | None,
    choices,
    *,
    required_message: str,
    invalid_message: str = "",
    widget=forms.RadioSelect,
    **kwargs,
) -> forms.ChoiceField:
    """A required choice whose messages say what to choose; a value not on the list (a
    tampered or stale post) reads the same "…from the list" unless told otherwise."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=widget,
        error_messages={
            "required": required_message,
            "invalid_choice": invalid_message or f"{required_message} from the list",
        },
        **kwargs,
    )


def optional_choice(
    label: str | None, queryset, *, empty_label: str, invalid_message: str = "", **kwargs
) -> forms.ModelChoiceField:
    """An optional choice of a record, whose `empty_label` says what choosing none means."""
    if invalid_message:
        kwargs["error_messages"] = {"invalid_choice": invalid_message}
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=empty_label, **kwargs
    )


# The biggest id a database holds (a signed 64-bit integer).
BIGGEST_ID = 2**63 - 1


class RecordsField(forms.ModelMultipleChoiceField):
    """Records chosen by id, an id too big for the database's integers refused as one not
    on offer: Django looks a list of ids up with `in`, which SQLite cannot be given one
    with 20 digits (an error), where one id alone is simply not found."""

    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(str(pk).strip())) > BIGGEST_ID
            except ValueError:
                continue  # not a number: Django's own check refuses it
            if too_big:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def optional_choices(
    label: str, queryset, *, invalid_message: str, **kwargs
) -> forms.ModelMultipleChoiceField:
    """Any number of records, as checkboxes; `invalid_message` for one not on offer."""
    return RecordsField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": invalid_message, "invalid_pk_value": invalid_message},
        **kwargs,
    )


def prefixed_for(name: str, record, kwargs: dict) -> dict:
    """A form's `kwargs` with a prefix naming `record` (`<name>-<pk>`) unless one is given:
    a page with a form per record must not repeat ids and names. FormView passes
    prefix=None, so setdefault would not do."""
    if record is not None and not kwargs.get("prefix"):
        kwargs["prefix"] = f"{name}-{record.pk}"
    return kwargs


def initial_from(record, names) -> dict:
    """An edit form's initial values: the record's `names`, and the version it was read at."""
    return {**{name: getattr(record, name) for name in names}, "version": record.version}


class GDSFormMixin:
    """A crispy-forms-gds helper with one submit button; error summary drawn by the page.

    The form carries a one-time token (core.once), new when the form is first shown and
    the same when it is shown again with errors, so that a service form sent twice
    saves once. It is not one of the form's fields: only the view reads it.
    """

    submit_label = "Save"

    def build_helper(self, *fields) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        token = once.token_for(self.data if self.is_bound else None)
        helper.layout = Layout(
            Hidden(once.FIELD, token), *fields, Submit("submit", self.submit_label)
        )
        return helper


class SignInForm(GDSFormMixin, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        # One message for a wrong email and a wrong password: no user enumeration.
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "Enter a correct email address and password.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = self.build_helper(
            Field.text("username", field_width=Fluid.TWO_THIRDS, spellcheck="false"),
            Field.text("password", field_width=Fluid.TWO_THIRDS),
        )


class ResetRequestForm(GDSFormMixin, PasswordResetForm):
    submit_label = "Send reset link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )
        self.helper = self.build_helper(Field.text("email", field_width=Fluid.TWO_THIRDS))


class NewPasswordForm(GDSFormMixin, SetPasswordForm):
    submit_label = "Set password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.text("new_password1", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password2", field_width=Fluid.TWO_THIRDS),
        )


class CouncilDetailsForm(GDSFormMixin, forms.Form):
    local_offer_url = forms.URLField(
        label="Local offer web page",
        required=False,
        assume_scheme="https",
        help_text="The council's published SEND local offer.",
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://www.example.gov.uk/local-offer"
        },
    )
    send_team_email = forms.EmailField(
        label="SEND team email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like send@example.gov.uk"
        },
    )
    improvement_board_name = forms.CharField(
        label="Improvement board",
        required=False,
        max_length=150,
        help_text="For example, SEND Improvement Board (SENDIB).",
    )
    parent_carer_forum_name = forms.CharField(
        label="Parent carer forum",
        required=False,
        max_length=150,
        help_text="Its name, as families know it. Published plans link to it.",
    )
    parent_carer_forum_url = forms.URLField(
        label="Parent carer forum web page",
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://www.example.org.uk"
        },
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.text("local_offer_url"),
            Field.text("send_team_email", field_width=Fluid.TWO_THIRDS),
            Field.text("improvement_board_name", field_width=Fluid.TWO_THIRDS),
            Field.text("parent_carer_forum_name", field_width=Fluid.TWO_THIRDS),
            Field.text("parent_carer_forum_url"),
            "version",
        )
