import django_filters

from sendtracker.core.filters import choice_filter

from .models import Programme, ProgrammeKind, ProgrammeStatus


class ProgrammeFilter(django_filters.FilterSet):
    """Narrows a list of programmes by kind and lifecycle status, as plain GET parameters."""

    kind = choice_filter(ProgrammeKind.choices, empty_label="All kinds")
    status = choice_filter(ProgrammeStatus.choices, empty_label="Any status")

    class Meta:
        model = Programme
        fields = ["kind", "status"]
