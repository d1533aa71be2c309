import django_filters

from inspections.models import Framework, Outcome
from sendtracker.core.filters import choice_filter, record_filter
from sendtracker.core.models import Council, Region
from sendtracker.core.status import Status


class CouncilRowFilter(django_filters.FilterSet):
    """Filters the region and national views; figures come from the rows, not from SQL.

    `rows` ({council id: row}) is given by the view, so that a filter on an inspection
    outcome or a programme status narrows the councils without querying the domain
    apps' tables again.
    """

    region = record_filter(Region.objects.order_by("name"), empty_label="All regions")
    framework = choice_filter(
        Framework.choices,
        label="Inspection framework",
        empty_label="Any framework",
        method="by_row",
    )
    outcome = choice_filter(
        Outcome.choices, label="Inspection outcome", empty_label="Any outcome", method="by_row"
    )
    status = choice_filter(
        Status.choices, label="Programme status", empty_label="Any status", method="by_row"
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
