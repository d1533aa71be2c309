"""The home page, starting with what needs the signed-in person.

Core's home page lists councils and sections; this one puts first, read through the
domain apps' selectors (so it lives here, not in core): for someone who leads actions
(an officer, a health partner) their actions due, overdue or delayed; for a board
member the actions awaiting the board's sign-off and the board's next meeting; for an
adviser the councils with new delays since their last visit.
"""

import datetime

from django.utils import timezone

from inspections import selectors as plan_selectors
from sendtracker.core.models import BoardMeeting, Council
from sendtracker.core.views.pages import HomeView as CoreHomeView

from ..history import end_of

SHOWN = 10


class HomeView(CoreHomeView):
    template_name = "dashboards/personal_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, access = self.request.user, context["access"]
        if not access.sees_anything:
            return context
        rows = plan_selectors.my_action_rows(plan_selectors.actions_led_by(user))
        if rows:
            urgent = plan_selectors.needing_attention(rows)
            context.update(leads_actions=True, my_actions=urgent[:SHOWN], my_more=len(urgent))
        if access.board_council_ids:
            context.update(self.board_context(user, access))
        if access.adviser_national or access.adviser_council_ids or access.adviser_region_ids:
            context.update(self.adviser_context(user, access))
        return context

    def board_context(self, user, access) -> dict:
        today = timezone.localdate()
        meetings = BoardMeeting.objects.filter(council__in=access.board_council_ids)
        return {
            "board": True,
            "awaiting_sign_off": plan_selectors.awaiting_sign_off(user, access.board_council_ids),
            "next_meeting": meetings.filter(held_on__gte=today)
            .select_related("council")
            .order_by("held_on", "pk")
            .first(),
            "last_meeting": meetings.filter(held_on__lt=today)
            .select_related("council")
            .order_by("-held_on", "-pk")
            .first(),
        }

    def adviser_context(self, user, access) -> dict:
        since = self.last_visit()
        councils = Council.objects.visible_to(user).values("pk")
        counts = plan_selectors.new_delays_by_council(user, councils, since=since)
        delayed = [
            (council, counts[council.pk])
            for council in Council.objects.filter(pk__in=counts).order_by("name")
        ]
        return {"adviser": True, "last_visit": since, "new_delays": delayed}

    def last_visit(self) -> datetime.datetime:
        """When the person last signed in before this visit (kept in the session at
        sign-in, core.views.pages.SignInView); four weeks ago for a first visit."""
        saved = self.request.session.get("previous_visit")
        if saved:
            try:
                return datetime.datetime.fromisoformat(saved)
            except ValueError:
                pass
        return end_of(timezone.localdate() - datetime.timedelta(weeks=4))
