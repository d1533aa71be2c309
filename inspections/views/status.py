"""An action's status: the plan page's in-place update, and the board's sign-off."""

from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.inplace import InPlaceUpdateView

from .. import selectors, services
from ..forms import SignOffForm, StatusUpdateForm
from ..models import Action
from .mixins import ActionMixin


class ActionStatusUpdateView(ActionMixin, InPlaceUpdateView):
    """The plan page's short form: posts here; htmx swaps the row, or the page reloads."""

    action_related = ()  # the form and the row show the action and its plan only
    # Officers update any action of their council; a health partner those they lead.
    permission = "update_action"
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

    def permission_object(self):
        return self.get_action()

    def get_row_context(self):
        just_this = Action.objects.filter(pk=self.get_action().pk)
        [row] = selectors.action_rows(self.get_plan(), selectors.action_row_values(just_this))
        return {"row": row}

    def get_default_next_url(self):
        return self.get_plan().get_absolute_url()


class ActionSignOffView(ActionMixin, ServiceFormView):
    """The board's sign-off of a complete action at one of its meetings: a page of its
    own (meeting, minute reference); a refusal is a GOV.UK error on the field."""

    permission = "sign_off"
    form_class = SignOffForm
    service = services.sign_off_action
    template_name = "inspections/form.html"
    heading = "Sign off the action"
    editing = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("versioned", None)
        return {**kwargs, "action": self.get_action()}

    def record(self):
        return self.get_action()

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(
            caption=f"{self.get_plan().title} · Action {action.ref}",
            back_url=self.get_success_url(),
            **kwargs,
        )

    def get_success_message(self):
        return f"Action {self.get_action().ref} signed off."

    def get_success_url(self):
        return self.get_action().get_absolute_url()
