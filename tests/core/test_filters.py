"""The shared filter pieces: a GOV.UK select and a choice filter whose blank means any."""

from django import forms

from sendtracker.core.filters import choice_filter, govuk_select


def test_govuk_select_carries_the_govuk_class_and_more():
    select = govuk_select(id="region")

    assert isinstance(select, forms.Select)
    assert select.attrs == {"class": "govuk-select", "id": "region"}


def test_a_choice_filter_offers_any_first_then_the_choices():
    status = choice_filter([("open", "Open")], empty_label="Any status", label="Status")

    field = status.field
    assert list(field.choices) == [("", "Any status"), ("open", "Open")]
    assert field.label == "Status"
    assert field.widget.attrs["class"] == "govuk-select"


def test_a_record_filter_offers_any_first_then_the_records(reference_places):
    from sendtracker.core.filters import record_filter
    from sendtracker.core.models import Region

    region = record_filter(Region.objects.order_by("name"), empty_label="All regions")

    choices = list(region.field.choices)
    assert choices[0] == ("", "All regions")
    assert len(choices) == 1 + Region.objects.count()
    assert region.field.widget.attrs["class"] == "govuk-select"
