from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from inspections import selectors as plan_selectors
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import CouncilScopedMixin

from .. import services
from ..forms import BoardMeetingForm
from ..models import BoardMeeting


class MeetingCreateView(CouncilScopedMixin, ServiceFormView):
    """An officer records a board meeting: attendees, decisions, actions agreed."""

    form_class = BoardMeetingForm
    service = services.record_meeting
    service_fields = ("board_name", "held_on", "attendees", "apologies", "decisions")
    template_name = "dashboards/meeting_form.html"

    def get_initial(self):
        return {"board_name": self.council.improvement_board_name}

    def form_values(self, form):
        return {**super().form_values(form), "actions": form.agreed_actions()}

    def get_success_message(self):
        return f"{self.result} recorded."


class MeetingDetailView(CouncilScopedMixin, TemplateView):
    template_name = "dashboards/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = get_object_or_404(
            BoardMeeting.objects.visible_to(self.request.user).prefetch_related("actions"),
            council=self.council,
            pk=self.kwargs["meeting_id"],
        )
        meeting.council = self.council
        return super().get_context_data(
            meeting=meeting,
            signed_off=plan_selectors.signed_off_at(self.request.user, meeting),
            **kwargs,
        )
