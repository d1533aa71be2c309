import django_filters
from django import forms

from sendtracker.core.models import Council, CouncilType, Region


class CouncilFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        label="Name or code",
        method="filter_name_or_code",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        empty_label="All regions",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    type = django_filters.ChoiceFilter(
        choices=CouncilType.choices,
        empty_label="All types",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    class Meta:
        model = Council
        fields = ["name", "region", "type"]

    def filter_name_or_code(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(dfe_la_code=int(value))
        return queryset.filter(name__icontains=value) | queryset.filter(ons_code__iexact=value)
