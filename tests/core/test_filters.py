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


def test_the_govuk_select_draws_what_djangos_select_draws():
    """Drawn in Python for speed, it must give the markup Django's template gives."""
    from django.test.html import parse_html

    from sendtracker.core.filters import GovukSelect

    choices = [("", "Any"), ("a", "A & <b>"), (3, "Three"), ("a", "A again")]
    for value in (None, "", "a", 3, "missing"):
        ours = GovukSelect(attrs={"id": "id_x"}, choices=choices).render("x", value)
        django = forms.Select(
            attrs={"class": "govuk-select", "id": "id_x"}, choices=choices
        ).render("x", value)
        assert parse_html(ours) == parse_html(django), value
    multiple = GovukSelect(choices=choices)
    multiple.allow_multiple_selected = True
    assert multiple.render("x", ["a", "3"]).count(" selected") == 3


def test_govuk_checkboxes_label_each_choice_and_tick_the_chosen():
    from django.test.html import parse_html

    from sendtracker.core.filters import GovukCheckboxes

    html = GovukCheckboxes(choices=[("on", "On <track>"), ("off", "Off")]).render(
        "status", ["off"], attrs={"id": "id_status"}
    )
    assert parse_html(html) == parse_html(
        '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
        '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
        'type="checkbox" name="status" value="on" id="id_status_0">'
        '<label class="govuk-label govuk-checkboxes__label" for="id_status_0">'
        "On &lt;track&gt;</label></div>"
        '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
        'type="checkbox" name="status" value="off" id="id_status_1" checked>'
        '<label class="govuk-label govuk-checkboxes__label" for="id_status_1">Off</label>'
        "</div></div>"
    )
