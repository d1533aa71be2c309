"""An action's status: the plan page's in-place update, and the board's sign-off."""

from django.contrib import messages
from django.shortcuts import redirect

from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.inplace import InPlaceUpdateView

from .. import selectors, services
from ..forms import SignOffForm, StatusUpdateForm
from ..models import Action
from .mixins import ActionMixin


class ActionStatusUpdateView(ActionMixin, InPlaceUpdateView):
    """The plan page's short form: posts here; htmx swaps the row, or the page reloads."""

    action_related = ()  # the form and the row show the action and its plan only
    form_class = StatusUpdateForm
    service = services.update_action_status
    service_fields = (
        "status",
        "stage",
        "note",
        "reason",
        "recovery_date",
        "evidence_of_output",
    )
    template_name = "inspections/action_status_form.html"
    row_template = "inspections/_action_row.html"
    context_object_name = "action"
    success_message = "Action status updated."

    def get_object(self):
        return self.get_action()

    def get_row_context(self):
        just_this = Action.objects.filter(pk=self.get_action().pk)
        [row] = selectors.action_rows(self.get_plan(), selectors.action_row_values(just_this))
        return {"row": row}

    def get_default_next_url(self):
        return self.get_plan().get_absolute_url()


class ActionSignOffView(ActionMixin, ServiceFormView):
    """A button on the action's page: the answer, or the refusal, is a banner there."""

    permission = "sign_off"
    form_class = SignOffForm
    service = services.sign_off_action
    refusal = "The sign-off could not be read. Try again."

    def add_domain_error(self, form, error):
        super().add_domain_error(form, error)
        self.refusal = error.message

    def form_invalid(self, form):
        messages.error(self.request, self.refusal)
        return redirect(self.get_success_url())

    def get(self, request, *args, **kwargs):
        return redirect(self.get_success_url())

    def get_success_message(self):
        return f"Action {self.get_action().ref} signed off."

    def get_success_url(self):
        return self.get_action().get_absolute_url()
