import django_tables2 as tables

from sendtracker.core.tables import Table

from .models import ReminderLog


class ReminderLogTable(Table):
    created_at = tables.DateTimeColumn(verbose_name="When", format="j M Y, H:i")
    recipient = tables.Column(verbose_name="To", accessor="email")
    kind = tables.Column(verbose_name="Reminder")
    about = tables.Column(verbose_name="What")
    why = tables.Column(verbose_name="Why")
    status = tables.Column(verbose_name="Status")
    notify_id = tables.Column(verbose_name="Notify id")
    error = tables.Column(verbose_name="Error")

    class Meta:
        model = ReminderLog
        fields = ["created_at", "recipient", "kind", "about", "why", "status", "notify_id", "error"]
        per_page = 50
        orderable = False
        empty_text = "No reminders match."
