import django_filters
from django import forms

from sendtracker.core.models import Council, CouncilType, Region


def govuk_select(**attrs) -> forms.Select:
    return forms.Select(attrs={"class": "govuk-select", **attrs})


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
