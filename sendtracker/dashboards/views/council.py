import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from inspections import fragments
from inspections import selectors as plan_selectors
from sendtracker.core.fragments import cached_fragment, data_key
from sendtracker.core.permissions import has_permission
from sendtracker.core.views.mixins import CouncilScopedMixin
from sendtracker.official import selectors as official_selectors

from .. import as_at as as_at_figures
from .. import history, html, selectors, trends
from ..forms import AsAtDateForm
from ..models import BoardMeeting

MEETINGS_SHOWN = 12


class CouncilDashboardView(CouncilScopedMixin, TemplateView):
    """What an improvement board opens: now, "since the last meeting", or "as at" one.

    The figures below the heading depend only on the council's records and the date,
    so they are rendered once per state and cached under the council's data version
    (every write raises it) and the date.
    """

    template_name = "dashboards/council.html"

    def get_context_data(self, **kwargs):
        user, council = self.request.user, self.council
        today = timezone.localdate()
        stamp = data_key([council], today=today)
        # One council's meetings, newest first: its own ordering (by council name first)
        # would join the council, which is already read.
        meetings = list(
            BoardMeeting.objects.visible_to(user)
            .filter(council=council)
            .order_by("-held_on", "-pk")[:MEETINGS_SHOWN]
        )
        for found in meetings:
            found.council = council
        mode, meeting, as_at = self.mode(meetings)
        summary = selectors.summaries_for([council], today=today)[council.pk]
        grants = selectors.grants_of(summary)
        if as_at is None:
            body = cached_fragment(
                "dashboards-council", (stamp,), lambda: self.render_body(today, summary)
            )
        else:
            # History before a past moment changes only if an update is back-dated, and
            # any write changes the stamp, so the moment and the stamp make the key.
            moment = history.end_of(as_at)
            body = cached_fragment(
                "dashboards-council-as-at",
                (stamp, moment.isoformat()),
                lambda: self.render_body_as_at(moment),
            )
            grants = as_at_figures.grant_figures_as_at(user, council, grants, day=as_at)
        board = ""
        if mode != "now" and meeting is not None:
            board = cached_fragment(
                "dashboards-board",
                (stamp, mode, meeting_key(meetings, meeting)),
                lambda: self.render_board(mode, meeting, meetings),
            )
        return super().get_context_data(
            body=body,
            board=board,
            mode=mode,
            meeting=meeting,
            meetings=meetings,
            as_at=as_at,
            grants=grants,
            can_record=has_permission(user, "change_council", council),
            # One indexed query of at most ~30 rows (the headline rate's years).
            official=official_selectors.council_panel(council),
            form=self.as_at_form,
            **kwargs,
        )

    def mode(self, meetings):
        """("now" | "since" | "as-at", the meeting it is about, the as-at day or None).

        As at a meeting (`?view=as-at&meeting=<id>`) or at any day (`&on=YYYY-MM-DD`).
        """
        view = self.request.GET.get("view", "now")
        self.as_at_form = AsAtDateForm(self.request.GET if "on" in self.request.GET else None)
        if view == "as-at" and "on" in self.request.GET:
            if self.as_at_form.is_valid():
                return "as-at", None, self.as_at_form.cleaned_data["on"]
            return "now", None, None  # and the form says what is wrong
        if view not in ("since", "as-at") or not meetings:
            return "now", None, None
        if view == "since":
            return "since", meetings[0], None
        chosen = self.request.GET.get("meeting", "")
        meeting = next((m for m in meetings if str(m.pk) == chosen), meetings[0])
        return "as-at", meeting, meeting.held_on

    def render_body(self, today: datetime.date, summary) -> str:
        context = selectors.council_dashboard(
            self.request.user, self.council, today=today, summary=summary
        )
        context["brag_tables"] = [
            (
                plan,
                fragments.render_brag_table(
                    plan, plan_selectors.brag_from_entry(plan, summary.brag.get(str(plan.pk)))
                ),
            )
            for plan in context["plans"]
        ]
        context["council"] = self.council
        return self.render_context(context)

    def render_context(self, context: dict) -> str:
        context["html"] = html.council_body(
            context,
            exceptions_link=reverse("dashboards:council-exceptions", args=[self.council.slug]),
        )
        return render_to_string("dashboards/_council_body.html", context)

    def render_body_as_at(self, moment: datetime.datetime) -> str:
        context = as_at_figures.council_dashboard_as_at(
            self.request.user, self.council, moment=moment
        )
        context["brag_tables"] = [
            (plan, fragments.render_brag_table(plan, groups))
            for plan, groups in context.pop("brag_groups")
        ]
        context["council"] = self.council
        context["as_at"] = timezone.localdate(moment)
        return self.render_context(context)

    def render_board(self, mode, meeting, meetings) -> str:
        user, council = self.request.user, self.council
        action_list = plan_selectors.council_actions_by_plan(user, council)
        events = plan_selectors.council_status_history(user, council)
        by_id = {a.pk: a for a in action_list}
        meeting_end = history.end_of(meeting.held_on)
        if mode == "since":
            start, end = meeting_end, timezone.now()
            previous = meeting
        else:
            older = [m for m in meetings if m.held_on < meeting.held_on]
            previous = older[0] if older else None
            start = history.end_of(previous.held_on) if previous else None
            end = meeting_end
        report = history.changes_between(events, start, end) if start else None
        # The counts are the as-at headline's (inspections.selectors.actions_as_at): the
        # same actions (those that existed at the moment) replayed the same way.
        counts_then = self.status_counts_at(start) if start else None
        counts_end = self.status_counts_at(end)
        context = {
            "mode": mode,
            "meeting": meeting,
            "previous": previous,
            "counts_then": counts_then,
            "counts": [(key, (counts_then or {}).get(key), n) for key, n in counts_end.items()],
            "report": report,
            "moved": [(by_id[c.action_id], c) for c in report.moved] if report else [],
            "slipped": [(by_id[c.action_id], c) for c in report.slipped] if report else [],
            "signed_off": [by_id[pk] for pk in report.signed_off] if report else [],
            "council": self.council,
            "status_key": action_list[0].plan.status_key if action_list else None,
        }
        return render_to_string("dashboards/_board.html", context)

    def status_counts_at(self, moment: datetime.datetime) -> dict[str, int]:
        """Actions by status at `moment`, counted as the as-at dashboard counts them."""
        then = plan_selectors.council_actions_as_at(self.request.user, self.council, moment)
        return plan_selectors.figures_of(then, today=timezone.localdate(moment))["status"]


def meeting_key(meetings, meeting) -> str:
    return ",".join(f"{m.pk}:{m.held_on}" for m in meetings) + f"@{meeting.pk}"


class TrendsView(CouncilScopedMixin, TemplateView):
    """Status counts per month, measures and grant spend over time, as charts with tables."""

    template_name = "dashboards/trends.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        body = cached_fragment(
            "dashboards-trends",
            (data_key([self.council], today=today),),
            lambda: render_to_string(
                "dashboards/_trends_body.html",
                trends.council_trends(self.request.user, self.council, today=today),
            ),
        )
        grant_chart = trends.grant_chart(self.request.user, self.council)
        return super().get_context_data(body=body, grant_chart=grant_chart, **kwargs)
