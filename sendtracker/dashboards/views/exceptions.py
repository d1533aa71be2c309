"""A council's exception report: delayed actions of its plans beside delayed and
overdue milestones of its programmes.

Here, not in inspections, because it reads two domain apps (through their selectors),
which only dashboards may do (docs/architecture.md). A plan's own exception report
(actions only) stays in inspections.
"""

from django.utils import timezone
from django.views.generic import TemplateView

from inspections import selectors as plan_selectors
from programmes import selectors as programme_selectors
from sendtracker.core.views.mixins import CouncilScopedMixin


class CouncilExceptionsView(CouncilScopedMixin, TemplateView):
    template_name = "dashboards/council_exceptions.html"

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        return super().get_context_data(
            rows=plan_selectors.council_exceptions(user, self.council, today=today),
            milestones=programme_selectors.council_milestone_exceptions(
                user, self.council, today=today
            ),
            **kwargs,
        )
