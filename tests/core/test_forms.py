"""The shared form fields: a GOV.UK date input and a money input."""

import datetime
from decimal import Decimal

import pytest
from django import forms

from sendtracker.core.forms import DateField, MoneyField, choice_field, initial_from, text_field


class DatedForm(forms.Form):
    started_on = DateField(label="Date the inspection started")
    ended_on = DateField(label="Date it ended", required=False, example="15 2 2023")
    measured_on = DateField(label="Date measured", required_message="Enter when it was measured")


def dated(**values) -> DatedForm:
    data = {"started_on_0": "27", "started_on_1": "3", "started_on_2": "2021"}
    data |= {"measured_on_0": "1", "measured_on_1": "4", "measured_on_2": "2021"}
    return DatedForm(data={**data, **values})


def test_a_date_is_read_from_its_three_parts():
    form = dated(ended_on_0="15", ended_on_1="2", ended_on_2="2023")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["started_on"] == datetime.date(2021, 3, 27)
    assert form.cleaned_data["ended_on"] == datetime.date(2023, 2, 15)


def test_an_optional_date_left_blank_is_none():
    form = dated()

    assert form.is_valid(), form.errors
    assert form.cleaned_data["ended_on"] is None


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"started_on_0": "", "started_on_1": "", "started_on_2": ""},
            "started_on",
            "Enter the date the inspection started",
        ),
        (
            {"measured_on_0": "", "measured_on_1": "", "measured_on_2": ""},
            "measured_on",
            "Enter when it was measured",
        ),
        (
            {"started_on_2": ""},
            "started_on",
            "The date the inspection started must include a year",
        ),
        (
            {"started_on_1": ""},
            "started_on",
            "The date the inspection started must include a month",
        ),
        (
            {"started_on_0": "31", "started_on_1": "2"},
            "started_on",
            "Enter a real date, like 27 3 2021",
        ),
        (
            {"ended_on_0": "30", "ended_on_1": "2", "ended_on_2": "2023"},
            "ended_on",
            "Enter a real date, like 15 2 2023",
        ),
        # Parts too long for a C integer overflow rather than fall out of range.
        ({"started_on_0": "9" * 20}, "started_on", "Enter a real date, like 27 3 2021"),
        ({"started_on_1": "1" * 25}, "started_on", "Enter a real date, like 27 3 2021"),
        ({"started_on_2": "2" * 40}, "started_on", "Enter a real date, like 27 3 2021"),
    ],
)
def test_a_bad_date_gets_a_message_that_names_it(values, field, message):
    form = dated(**values)

    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_date_hint_shows_its_example_unless_given_one():
    form = DatedForm()

    assert form.fields["started_on"].help_text == "For example, 27 3 2021."
    assert form.fields["ended_on"].help_text == "For example, 15 2 2023."


class PricedForm(forms.Form):
    total = MoneyField(label="Total funding available")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "ten pounds",
            "The total funding available must be an amount in pounds and pence, like 21271.92",
        ),
        ("-5", "The total funding available cannot be negative"),
        ("1.001", "The total funding available cannot have more than 2 decimal places"),
    ],
)
def test_a_bad_amount_gets_a_message_that_names_it(value, message):
    form = PricedForm(data={"total": value})

    assert not form.is_valid()
    assert form.errors["total"] == [message]


def test_an_amount_is_a_decimal_from_what_people_type():
    form = PricedForm(data={"total": "£21,271.92"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["total"] == Decimal("21271.92")


class ChoiceAndTextForm(forms.Form):
    kind = choice_field(
        "Kind of plan", [("wsoa", "WSOA"), ("app", "APP")], required_message="Select the kind"
    )
    level = choice_field(
        "Level",
        [("1", "1")],
        required_message="Select the level",
        invalid_message="The level must be 1",
        widget=forms.Select,
    )
    title = text_field("Title", required_message="Enter the title")
    summary = text_field("Summary", max_length=None, rows=3)
    note = text_field("Note", max_length=5000)


def test_a_choice_says_what_to_choose_and_that_a_value_is_not_on_the_list():
    form = ChoiceAndTextForm(data={"kind": "priority", "title": "Plan"})

    assert not form.is_valid()
    assert form.errors["kind"] == ["Select the kind from the list"]
    assert form.errors["level"] == ["Select the level"]
    assert isinstance(form.fields["kind"].widget, forms.RadioSelect)
    assert ChoiceAndTextForm(data={"level": "2"}).errors["level"] == ["The level must be 1"]


def test_text_is_required_only_with_a_message_and_too_long_text_says_how_long():
    form = ChoiceAndTextForm(data={"kind": "app", "level": "1", "note": "x" * 5001})

    assert form.errors["title"] == ["Enter the title"]
    assert form.errors["note"] == ["Note must be 5,000 characters or fewer"]
    assert "summary" not in form.errors
    assert form.fields["summary"].widget.attrs["rows"] == 3
    assert form.fields["summary"].max_length is None


def test_initial_values_come_from_the_record_with_its_version():
    class Record:
        title, summary, version = "APP", "Area 4", 3

    assert initial_from(Record(), ("title", "summary")) == {
        "title": "APP",
        "summary": "Area 4",
        "version": 3,
    }


def test_an_optional_choice_says_what_none_means_and_what_to_choose_from():
    from sendtracker.core.forms import optional_choice
    from sendtracker.core.models import Region

    field = optional_choice(
        "Region", Region.objects.none(), empty_label="No region", invalid_message="Choose one"
    )

    assert not field.required
    assert field.empty_label == "No region"
    assert field.error_messages["invalid_choice"] == "Choose one"


def test_every_form_reads_dates_through_the_shared_field():
    """The shared field's messages and overflow check hold for every GOV.UK date input:
    no form declares crispy-forms-gds's DateInputField itself."""
    import importlib
    import pkgutil

    from crispy_forms_gds.fields import DateInputField
    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith(("grants", "programmes", "inspections", "sendtracker")):
            continue
        for info in pkgutil.walk_packages(config.module.__path__, config.name + "."):
            if "migrations" in info.name or "tests" in info.name:
                continue
            importlib.import_module(info.name)
    seen = 0
    stack = [forms.BaseForm]
    while stack:
        form_class = stack.pop()
        stack.extend(form_class.__subclasses__())
        for name, field in getattr(form_class, "base_fields", {}).items():
            if isinstance(field, DateInputField):
                seen += 1
                assert isinstance(field, DateField), (form_class, name)
    assert seen >= 20, seen


def test_a_meeting_date_of_twenty_digits_is_a_field_error_not_a_server_error(
    client, officer, leicester
):
    client.force_login(officer)
    response = client.post(
        f"/councils/{leicester.slug}/dashboard/meetings/new/",
        {
            "board_name": "SENDIB",
            "held_on_0": "9" * 20,
            "held_on_1": "3",
            "held_on_2": "2026",
            "attendees": "Chair",
            "action_1_due_on_0": "1",
            "action_1_due_on_1": "1" * 22,
            "action_1_due_on_2": "2026",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Enter a real date, like 27 3 2021") >= 2


def test_minus_zero_pounds_is_zero():
    assert str(MoneyField(label="Amount").clean("-0")) == "0.00"
    assert str(MoneyField(label="Amount").clean("-£0.00")) == "0.00"
