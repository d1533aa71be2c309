import django_filters

from sendtracker.core.filters import choice_filter

from .models import LogStatus, ReminderKind, ReminderLog


class ReminderLogFilter(django_filters.FilterSet):
    status = choice_filter(LogStatus.choices, empty_label="All statuses")
    kind = choice_filter(ReminderKind.choices, label="Reminder", empty_label="All reminders")

    class Meta:
        model = ReminderLog
        fields = ["status", "kind"]
