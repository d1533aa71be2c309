import django_filters
from django.db.models import Exists, OuterRef

from grants.models import Allocation, DeterminationStatus, GrantDetermination
from sendtracker.core.filters import choice_filter, record_filter
from sendtracker.core.models import Council, Region


class DeterminationFilter(django_filters.FilterSet):
    """Filters the determinations list; region and council look only at visible allocations."""

    financial_year = choice_filter(None, label="Year", empty_label="All years")
    status = choice_filter(DeterminationStatus.choices, empty_label="All statuses")
    ring_fenced = choice_filter(
        [("yes", "Ring-fenced"), ("no", "Not ring-fenced")],
        label="Ring-fenced",
        empty_label="Either",
        method="filter_ring_fenced",
    )
    region = record_filter(
        Region.objects.all(),
        label="Region of council paid",
        empty_label="All regions",
        method="filter_region",
    )
    council = record_filter(
        Council.objects.none(),
        label="Council paid",
        empty_label="All councils",
        method="filter_council",
        to_field_name="slug",
    )

    class Meta:
        model = GrantDetermination
        fields = ["financial_year", "status", "ring_fenced", "region", "council"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        self.filters["council"].queryset = Council.objects.visible_to(user).order_by("name")
        years = GrantDetermination.objects.order_by("-financial_year").values_list(
            "financial_year", flat=True
        )
        self.filters["financial_year"].extra["choices"] = [(y, y) for y in dict.fromkeys(years)]

    def _with_visible_allocation(self, queryset, **lookup):
        visible = Allocation.objects.visible_to(self.request.user).filter(
            determination=OuterRef("pk"), **lookup
        )
        return queryset.filter(Exists(visible))

    def filter_ring_fenced(self, queryset, name, value):
        return queryset.filter(ring_fenced=value == "yes")

    def filter_region(self, queryset, name, value):
        return self._with_visible_allocation(queryset, council__region=value)

    def filter_council(self, queryset, name, value):
        return self._with_visible_allocation(queryset, council=value)
