from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import PermissionMixin

from . import selectors, services
from .filters import ReminderLogFilter
from .forms import ReminderChoicesForm
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


class ReminderLogView(PermissionMixin, SingleTableMixin, FilterView):
    """Every reminder sent or tried, and the people whose address needs looking at."""

    permission = "manage_users"
    table_class = ReminderLogTable
    filterset_class = ReminderLogFilter
    template_name = "reminders/log.html"

    def get_queryset(self):
        return selectors.log_for_administrators()

    def get_context_data(self, **kwargs):
        return super().get_context_data(people_to_check=selectors.people_to_check(), **kwargs)
