import datetime

import django_filters
from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from sendtracker.core.filters import GovukCheckboxes, choice_filter, record_filter
from sendtracker.core.models import Council
from sendtracker.core.status import DELAYED, SEVERITY, Status

from .models import Action, AreaOfWeakness, Stage, StatusUpdate
from .selectors import DUE_SOON_DAYS

SORTS = {
    "ref": ("Reference", ["position", "pk"]),
    "status": ("Status, worst first", None),
    "due": (
        "Action milestone, soonest first",
        [F("first_action_due").asc(nulls_last=True), "position"],
    ),
    "updated": ("Last updated, newest first", ["-updated_at", "position"]),
}
SORT_CHOICES = [(key, label) for key, (label, _) in SORTS.items()]


class ActionFilter(django_filters.FilterSet):
    """Filters of the plan page; every one works as a plain GET form.

    It checks and applies what was submitted; the form is drawn by
    inspections.html.action_filters, from the same choices, without it.
    """

    status = django_filters.MultipleChoiceFilter(choices=Status.choices, widget=GovukCheckboxes)
    stage = choice_filter(Stage.choices, empty_label="Any stage")
    area = record_filter(
        AreaOfWeakness.objects.none(), empty_label="Any area", method="filter_area"
    )
    lead = django_filters.CharFilter(
        method="filter_lead",
        label="Lead",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label="Overdue only",
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
    changed_since = django_filters.DateFilter(
        method="filter_changed_since",
        label="Changed since",
        widget=forms.DateInput(
            attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}
        ),
    )
    sort = choice_filter(
        SORT_CHOICES,
        method="sort_by",
        empty_label=None,
        label="Sort by",
    )

    class Meta:
        model = Action
        fields = ["status", "stage", "area", "lead", "overdue", "changed_since", "sort"]

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None and plan.inspection_id:
            self.filters["area"].queryset = plan.allowed_areas().select_related("parent")
        self.form.fields["changed_since"].error_messages["invalid"] = "Enter a real date"

    def filter_lead(self, queryset, name, value):
        """Free-text leads, or a named lead's role title or email address."""
        named = Action.lead_users.through.objects.filter(action=OuterRef("pk")).filter(
            Q(user__job_title__icontains=value) | Q(user__email__icontains=value)
        )
        return queryset.filter(Q(leads__icontains=value) | Exists(named))

    def filter_area(self, queryset, name, value):
        return queryset.filter(area=value) | queryset.filter(area__parent=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_changed_since(self, queryset, name, value):
        return queryset.filter(
            Exists(StatusUpdate.objects.filter(action=OuterRef("pk"), at__date__gte=value))
        )

    def sort_by(self, queryset, name, value):
        if value == "status":
            rank = Case(
                *[When(status=s, then=Value(i)) for i, s in enumerate(SEVERITY)],
                output_field=IntegerField(),
            )
            return queryset.annotate(status_rank=rank).order_by("status_rank", "position")
        if value == "due":
            queryset = queryset.with_first_action_due()
        return queryset.order_by(*SORTS.get(value, SORTS["ref"])[1])


NEEDS = [
    ("now", "Due, overdue or delayed"),
    ("delayed", "Delayed"),
    ("overdue", "Overdue"),
    ("due", "Due in the next 30 days"),
]


class MyActionFilter(django_filters.FilterSet):
    """Filters of "My actions": what needs the lead now, status, council."""

    needs = choice_filter(NEEDS, empty_label="All my actions", method="filter_needs", label="Show")
    status = choice_filter(Status.choices, empty_label="Any status")
    council = record_filter(
        Council.objects.none(), empty_label="Any council", field_name="plan__council"
    )

    class Meta:
        model = Action
        fields = ["needs", "status", "council"]

    def __init__(self, *args, councils=None, **kwargs):
        super().__init__(*args, **kwargs)
        if councils is not None:
            self.filters["council"].queryset = councils

    def filter_needs(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        delayed = Q(status__in=DELAYED)
        overdue = Q(pk__in=queryset.overdue(today).values("pk"))
        due = ~Q(status=Status.COMPLETE) & (
            Q(recovery_date__range=(today, soon))
            | Q(recovery_date__isnull=True, next_action_due__range=(today, soon))
        )
        chosen = {"delayed": delayed, "overdue": overdue, "due": due}.get(value)
        if chosen is None:
            chosen = delayed | overdue | due
        return queryset.filter(chosen)
