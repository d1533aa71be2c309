"""An action's status: the plan page's in-place update, and the board's sign-off."""

from django.contrib import messages
from django.shortcuts import redirect

from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.inplace import InPlaceUpdateView

from .. import services
from ..forms import SignOffForm, StatusUpdateForm
from .mixins import ActionMixin
from .pages import action_row


class ActionStatusUpdateView(ActionMixin, InPlaceUpdateView):
    """The plan page's short form: posts here; htmx swaps the row, or the page reloads."""

    action_related = ()  # the form and the row show the action and its plan only
    form_class = StatusUpdateForm
    template_name = "inspections/action_status_form.html"
    row_template = "inspections/_action_row.html"
    success_message = "Action status updated."

    def get_object(self):
        return self.get_action()

    def get_initial(self):
        return StatusUpdateForm.initial_for(self.get_action())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.get_action()}

    def run(self, form):
        data = form.cleaned_data
        return services.update_action_status(
            action=self.get_action(),
            by=self.request.user,
            status=data["status"],
            stage=data["stage"],
            note=data["note"],
            reason=data["reason"],
            recovery_date=data["recovery_date"],
            evidence_of_output=data["evidence_of_output"],
            expected_version=data["version"],
        )

    def get_row_context(self):
        plan = self.get_plan()
        return {
            "row": action_row(self.get_action(), plan.get_absolute_url(), plan.status_key),
            "can_update": True,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.get_action(), **kwargs)

    def get_default_next_url(self):
        return self.get_plan().get_absolute_url()


class ActionSignOffView(ActionMixin, ServiceFormView):
    """A button on the action's page: the answer, or the refusal, is a banner there."""

    permission = "sign_off"
    form_class = SignOffForm
    refusal = "The sign-off could not be read. Try again."

    def run(self, form):
        return services.sign_off_action(
            action=self.get_action(),
            by=self.request.user,
            expected_version=form.cleaned_data["version"],
        )

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
