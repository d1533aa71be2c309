"""Form pages: every write goes through grants.services."""

from grants import selectors, services
from grants.forms import (
    AcceptAllocationForm,
    AllocationAmountsForm,
    AllocationForm,
    ConfirmForm,
    DeterminationEditForm,
    DeterminationForm,
    InstalmentForm,
    PaymentForm,
    SuccessMeasureForm,
    UsageStatementForm,
)
from grants.views.base import AllocationMixin, DeterminationMixin, GrantFormView, one_or_404
from sendtracker.core.forms import initial_from

DETERMINATION_FIELDS = list(DeterminationForm.base_fields)


class DeterminationCreateView(GrantFormView):
    form_class = DeterminationForm
    service = services.create_determination
    heading = "Record a grant determination"
    success_message = "Determination saved."

    def get_initial(self):
        return {"legal_basis": "section_31", "status": "draft"}


class DeterminationEditView(DeterminationMixin, GrantFormView):
    form_class = DeterminationEditForm
    service = services.update_determination
    heading = "Change determination"
    success_message = "Determination saved."

    def get_initial(self):
        return initial_from(self.determination, DETERMINATION_FIELDS)

    def record(self):
        return self.determination

    def form_values(self, form):
        values = super().form_values(form)
        if not values["letter"]:
            values.pop("letter")  # keep the letter already uploaded
        return values


class SuccessMeasureCreateView(DeterminationMixin, GrantFormView):
    form_class = SuccessMeasureForm
    service = services.add_success_measure
    heading = "Add a success measure"
    success_message = "Success measure added."

    def get_form_kwargs(self):
        top = self.determination.success_measures.filter(parent=None).order_by("position")
        return {**super().get_form_kwargs(), "measures": top}


class InstalmentCreateView(DeterminationMixin, GrantFormView):
    form_class = InstalmentForm
    service = services.add_instalment
    heading = "Add an instalment"
    success_message = "Instalment added."

    def run(self, form):
        instalment = super().run(form)
        if instalment.outside_period:
            self.success_message = (
                f"Instalment added. It is due on {instalment.due_on:%-d %B %Y}, "
                f"outside the grant period."
            )
        return instalment


class AllocationCreateView(DeterminationMixin, GrantFormView):
    form_class = AllocationForm
    service = services.create_allocation
    heading = "Add an allocation"
    success_message = "Allocation added."


class AllocationAmountsView(AllocationMixin, GrantFormView):
    form_class = AllocationAmountsForm
    service = services.set_allocation_amounts
    heading = "Change the amounts"
    success_message = "Amounts saved."

    def get_initial(self):
        a = self.allocation
        return {"base_funding": a.base_funding, "top_up": a.top_up, "total": a.total}


class AcceptAllocationView(AllocationMixin, GrantFormView):
    form_class = AcceptAllocationForm
    service = services.accept_allocation
    heading = "Record the council's acceptance"
    success_message = "Acceptance recorded."


class PaymentCreateView(AllocationMixin, GrantFormView):
    form_class = PaymentForm
    service = services.record_payment
    heading = "Record a payment"
    success_message = "Payment recorded."

    def get_form_kwargs(self):
        instalments = self.allocation.determination.instalments.all()
        return {**super().get_form_kwargs(), "instalments": instalments}


class CloseAllocationView(AllocationMixin, GrantFormView):
    form_class = ConfirmForm
    service = services.close_allocation
    heading = "Close this allocation"
    success_message = "Allocation closed."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": "Close allocation"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro="Once closed, no more payments or statements of grant usage can be recorded.",
            **kwargs,
        )


class UsageStatementCreateView(AllocationMixin, GrantFormView):
    """Officers submit their own council's statements; another council's allocation is a 404."""

    permission = "submit_usage_statement"
    form_class = UsageStatementForm
    service = services.submit_usage_statement
    service_fields = ("period", "period_start", "period_end", "narrative", "lines")
    heading = "Submit a statement of grant usage"
    success_message = "Statement of grant usage submitted."

    def permission_object(self):
        return self.allocation.council


class AcceptUsageStatementView(GrantFormView):
    form_class = ConfirmForm
    service = services.accept_usage_statement
    heading = "Accept this statement of grant usage"
    success_message = "Statement accepted."

    def load(self):
        self.statement = one_or_404(
            "statement", selectors.usage_statement_detail, self.request.user, self.kwargs["pk"]
        )
        self.allocation = self.statement.allocation

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": "Accept statement"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(allocation=self.allocation, **kwargs)

    def service_kwargs(self):
        return {"statement": self.statement}

    def get_success_url(self):
        return self.statement.get_absolute_url()
