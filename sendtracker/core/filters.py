"""Filter forms of list pages: GOV.UK fields that work as plain GET forms.

Their widgets draw themselves in Python. Django draws each option and checkbox from a
template of its own, which on a plan page's filter form (a few dozen options) took
longer than every query of the page; these give the same markup in a tenth of the time.
They take flat choices (no groups), as filters use.
"""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from sendtracker.core.models import Council, CouncilType, Region


class GovukSelect(forms.Select):
    """A GOV.UK select; as in Django's, only the first option of a value is selected."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "govuk-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        options = []
        has_selected = False
        for option, label in self.choices:
            option = str(option)
            selected = (self.allow_multiple_selected or not has_selected) and option in values
            has_selected |= selected
            options.append((option, " selected" if selected else "", label))
        options = format_html_join("", '<option value="{}"{}>{}</option>', options)
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    """GOV.UK small checkboxes, one per choice, each with its label."""

    def render(self, name, value, attrs=None, renderer=None):
        values = set(self.format_value(value))
        attrs = self.build_attrs(self.attrs, attrs)
        attrs.pop("class", None)  # the inputs' class is GOV.UK's own, written below
        base_id = attrs.pop("id", f"id_{name}")
        items = format_html_join(
            "",
            '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            'type="checkbox" name="{name}" value="{value}" id="{id}"{checked}>'
            '<label class="govuk-label govuk-checkboxes__label" for="{id}">{label}</label></div>',
            (
                {
                    "name": name,
                    "value": option,
                    "id": f"{base_id}_{i}",
                    "checked": " checked" if option in values else "",
                    "label": label,
                }
                for i, (option, label) in enumerate((str(v), label) for v, label in self.choices)
            ),
        )
        return format_html(
            '<div class="govuk-checkboxes govuk-checkboxes--small" '
            'data-module="govuk-checkboxes"{}>{}</div>',
            flatatt(attrs),
            items,
        )


def govuk_select(**attrs) -> forms.Select:
    return GovukSelect(attrs=attrs)


def choice_filter(choices, *, empty_label: str, **kwargs) -> django_filters.ChoiceFilter:
    """A GOV.UK select of `choices` whose blank option, `empty_label`, means any."""
    return django_filters.ChoiceFilter(
        choices=choices, empty_label=empty_label, widget=govuk_select(), **kwargs
    )


def record_filter(queryset, *, empty_label: str, **kwargs) -> django_filters.ModelChoiceFilter:
    """A GOV.UK select of records (regions, councils, areas) whose blank means any."""
    return django_filters.ModelChoiceFilter(
        queryset=queryset, empty_label=empty_label, widget=govuk_select(), **kwargs
    )


class CouncilFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label="Name or code",
        method="filter_name_or_code",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )
    region = record_filter(Region.objects.all(), empty_label="All regions")
    type = choice_filter(CouncilType.choices, empty_label="All types")

    class Meta:
        model = Council
        fields = ["name", "region", "type"]

    def filter_name_or_code(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(dfe_la_code=int(value))
        return queryset.filter(name__icontains=value) | queryset.filter(ons_code__iexact=value)
