from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_tables2 import SingleTableView

from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import PermissionMixin

from . import selectors, services
from .forms import ReminderChoicesForm
from .models import LogStatus
from .tables import ReminderLogTable


class ReminderChoicesView(ServiceFormView):
    """A person's own choice of optional reminders (on their account page too)."""

    form_class = ReminderChoicesForm
    template_name = "reminders/choices.html"
    success_message = "Your reminder choices are saved."

    def get_initial(self):
        return {"kinds": services.reminder_choices(self.request.user)}

    def run(self, form):
        services.set_reminder_choices(user=self.request.user, wanted=form.cleaned_data["kinds"])

    def saved(self, form):
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(reverse("account"))


class ReminderLogView(PermissionMixin, SingleTableView):
    """Every reminder sent or tried, and the people whose address needs looking at."""

    permission = "manage_users"
    table_class = ReminderLogTable
    template_name = "reminders/log.html"

    def status(self) -> str:
        status = self.request.GET.get("status", "")
        return status if status in LogStatus.values else ""

    def get_queryset(self):
        return selectors.log_for_administrators(self.status())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=LogStatus.choices,
            status=self.status(),
            people_to_check=selectors.people_to_check(),
            **kwargs,
        )
