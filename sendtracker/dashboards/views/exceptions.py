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
from sendtracker.core.views.exports import ExportMixin
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import exports


class CouncilExceptionsView(ExportMixin, CouncilScopedMixin, TemplateView):
    template_name = "dashboards/council_exceptions.html"

    def tables(self) -> dict:
        user, today = self.request.user, timezone.localdate()
        return {
            "rows": plan_selectors.council_exceptions(user, self.council, today=today),
            "milestones": programme_selectors.council_milestone_exceptions(
                user, self.council, today=today
            ),
        }

    def get_export(self):
        tables = self.tables()
        return exports.exceptions(self.council, tables["rows"], tables["milestones"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.tables(), **kwargs)
