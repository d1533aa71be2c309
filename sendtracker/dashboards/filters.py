import django_filters
from django import forms

from inspections.models import Framework, Outcome
from sendtracker.core.models import Council, Region
from sendtracker.core.status import Status

select = forms.Select(attrs={"class": "govuk-select"})


class CouncilRowFilter(django_filters.FilterSet):
    """Filters the region and national views; figures come from the rows, not from SQL.

    `rows` ({council id: row}) is given by the view, so that a filter on an inspection
    outcome or a programme status narrows the councils without querying the domain
    apps' tables again.
    """

    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.order_by("name"), empty_label="All regions", widget=select
    )
    framework = django_filters.ChoiceFilter(
        label="Inspection framework",
        choices=Framework.choices,
        empty_label="Any framework",
        method="by_row",
        widget=select,
    )
    outcome = django_filters.ChoiceFilter(
        label="Inspection outcome",
        choices=Outcome.choices,
        empty_label="Any outcome",
        method="by_row",
        widget=select,
    )
    status = django_filters.ChoiceFilter(
        label="Programme status",
        choices=Status.choices,
        empty_label="Any status",
        method="by_row",
        widget=select,
    )

    class Meta:
        model = Council
        fields = ["region", "framework", "outcome", "status"]

    def __init__(self, *args, rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows or {}

    FIELDS = {"framework": "framework", "outcome": "outcome_value", "status": "programme_status"}

    def by_row(self, queryset, name, value):
        key = self.FIELDS[name]
        return queryset.filter(pk__in=[pk for pk, row in self.rows.items() if row[key] == value])
