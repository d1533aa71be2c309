from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm


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


class GDSFormMixin:
    """A crispy-forms-gds helper with one submit button; error summary drawn by the page."""

    submit_label = "Save"

    def build_helper(self, *fields) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.layout = Layout(*fields, Submit("submit", self.submit_label))
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
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.text("local_offer_url"),
            Field.text("send_team_email", field_width=Fluid.TWO_THIRDS),
            Field.text("improvement_board_name", field_width=Fluid.TWO_THIRDS),
            "version",
        )
