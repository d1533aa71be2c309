"""Forms of the site administrator's people pages."""

from crispy_forms_gds.layout import Field, Fluid
from django import forms

from sendtracker.core.forms import GDSFormMixin, optional_choice
from sendtracker.core.models import Council, Region
from sendtracker.core.models.people import COUNCIL_ROLES, NATIONAL_ROLES, Role


class PersonAddForm(GDSFormMixin, forms.Form):
    submit_label = "Add person and send invitation"
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )
    name = forms.CharField(label="Full name", required=False, max_length=150)
    job_title = forms.CharField(
        label="Job title", required=False, max_length=150, help_text="For example, Head of SEND."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.text("email", field_width=Fluid.TWO_THIRDS, spellcheck="false"),
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("job_title", field_width=Fluid.TWO_THIRDS),
        )


def _place_choice(model, name: str, help_text: str):
    """An optional choice of one of `model`'s places (a council or a region)."""
    return optional_choice(
        None,
        model.objects.all(),
        empty_label=f"No {name}",
        help_text=help_text,
        invalid_message=f"Choose a {name} from the list",
    )


class RoleGrantForm(GDSFormMixin, forms.Form):
    """A role and where it applies: a council, a region (advisers) or England."""

    submit_label = "Give role"
    role = forms.ChoiceField(
        choices=[("", "Choose a role"), *Role.choices],
        error_messages={
            "required": "Choose a role",
            "invalid_choice": "Choose a role from the list",
        },
    )
    council = _place_choice(
        Council, "council", "Council officers and board members hold their role on one council."
    )
    region = _place_choice(
        Region, "region", "An adviser may hold the role on a region, on a council, or on England."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper(
            Field.select("role"), Field.select("council"), Field.select("region")
        )

    def clean(self):
        data = super().clean()
        role, council, region = data.get("role"), data.get("council"), data.get("region")
        if not role:
            return data
        if role in COUNCIL_ROLES and council is None:
            self.add_error(
                "council", f"Choose the council the {Role(role).label.lower()} works for"
            )
        if role in COUNCIL_ROLES and region is not None:
            self.add_error("region", "Leave the region empty for a council role")
        if role in NATIONAL_ROLES and (council or region):
            self.add_error(
                "council",
                f"A {Role(role).label.lower()} holds the role for all of England: "
                "leave council and region empty",
            )
        if role == Role.ADVISER and council and region:
            self.add_error("region", "Choose a council or a region, not both")
        return data
