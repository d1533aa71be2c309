"""Which plan or action the URL names, found within the URL's council."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from sendtracker.core.views.mixins import CouncilRecordMixin

from .. import selectors
from ..models import Action


class PlanMixin(CouncilRecordMixin):
    """The URL's plan, found with its council in one query, then the council's scope."""

    find_record = staticmethod(selectors.plan_at)

    def get_plan(self):
        return self.plan

    def service_kwargs(self):
        return {"plan": self.get_plan()}

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        return super().get_context_data(plan=plan, status_key=plan.status_key, **kwargs)


class ActionMixin(PlanMixin):
    # What the page shows of the action's relations, read with it (plan always).
    action_related: tuple[str, ...] = (
        "plan__inspection",
        "area__parent",
        "signed_off_by",
        "signed_off_meeting__council",
    )

    def get_council(self):
        """The URL's action with its plan and council, in one query, then the council's scope.

        Any part of the URL that does not match (council, plan or action) is a 404, as is
        a council the user may not see: nobody learns which records exist elsewhere. The
        row carries its plan and council, so they are matched here rather than in SQL.
        """
        action = get_object_or_404(
            Action.objects.select_related("plan__council", *self.action_related),
            pk=self.kwargs["action_id"],
        )
        if (
            action.plan_id != self.kwargs["plan_id"]
            or action.plan.council.slug != self.kwargs["council_slug"]
        ):
            raise Http404("No action found matching the query")
        self.action, self.plan = action, action.plan
        return self.council_visible(action.plan.council)

    def get_action(self):
        return self.action

    def service_kwargs(self):
        return {"action": self.action}
