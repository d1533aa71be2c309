import django_filters

from sendtracker.core.filters import choice_filter, record_filter
from sendtracker.core.models import Region

from .models import Framework, Outcome, PublishedInspection, RevisitResult

YES_NO = [("yes", "Yes"), ("no", "No")]


class PublishedInspectionFilter(django_filters.FilterSet):
    region = record_filter(Region.objects.order_by("name"), empty_label="All regions")
    framework = choice_filter(Framework.choices, label="Framework", empty_label="Any framework")
    wsoa_required = choice_filter(
        YES_NO,
        label="Written statement of action required",
        empty_label="Either",
        method="by_yes_no",
    )
    revisit_result = choice_filter(
        RevisitResult.choices, label="Revisit result", empty_label="Any result"
    )
    outcome = choice_filter(Outcome.choices, label="2023 outcome", empty_label="Any outcome")

    class Meta:
        model = PublishedInspection
        fields = ["region", "framework", "wsoa_required", "revisit_result", "outcome"]

    def by_yes_no(self, queryset, name, value):
        return queryset.filter(**{name: value == "yes"})
