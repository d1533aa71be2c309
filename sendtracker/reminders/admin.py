from django.contrib import admin

from sendtracker.core.admin import ReadOnlyAdmin

from .models import ReminderLog, ReminderPreference


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "email", "kind", "about", "day", "status", "notify_id"]
    list_filter = ["status", "kind", "backend"]
    search_fields = ["email", "about", "reason", "notify_id"]


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "enabled", "updated_at"]
    list_filter = ["kind", "enabled"]
