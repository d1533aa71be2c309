"""What reminders are due on a day, across every council, in a fixed number of queries.

The domain apps are read through their selectors (docs/architecture.md); board
meetings and people are core's. Nothing here sends or writes.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from grants import selectors as grants
from inspections import selectors as inspections
from sendtracker.core.models import BoardMeeting, User
from sendtracker.core.models.people import Role, RoleAssignment
from sendtracker.core.status import DELAYED

from .models import (
    ADDRESS_PROBLEMS,
    MANDATORY_KINDS,
    RETRIED,
    ReminderKind,
    ReminderLog,
    ReminderPreference,
)

MILESTONE_WORDS = {"action": "action milestone", "impact": "impact milestone"}


@dataclass(frozen=True)
class Reminder:
    """One email due to one person: what it is about and why, and its log's key."""

    kind: str
    recipient_id: int
    email: str
    name: str
    reason: str  # with kind, recipient and day, the log's unique key
    day: datetime.date
    about: str
    why: str
    link: str
    subject: tuple[str, int] | None = None  # ("app_label.model", id) of the record
    lines: tuple[str, ...] = field(default=())

    @property
    def kind_label(self) -> str:
        return ReminderKind(self.kind).label


def windows() -> dict[str, int]:
    return settings.REMINDER_WINDOWS


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class _ActionLinks:
    """Actions' addresses, reversed once a plan: reverse() for each of thousands of
    actions was most of the time taken on the national data."""

    SENTINEL = 999999999

    def __init__(self):
        self.plans: dict[tuple[str, int], str] = {}

    def __call__(self, slug: str, plan_id: int, action_id: int) -> str:
        if (slug, plan_id) not in self.plans:
            self.plans[slug, plan_id] = _url(
                reverse(
                    "inspections:action-detail",
                    kwargs={"council_slug": slug, "plan_id": plan_id, "action_id": self.SENTINEL},
                )
            )
        return self.plans[slug, plan_id].replace(str(self.SENTINEL), str(action_id))


@dataclass
class _People:
    """Who may be written to, read once: each person's address and name, and their
    choices (the optional kinds they turned off)."""

    users: dict[int, tuple[str, str]]
    turned_off: set[tuple[int, str]]

    def wants(self, user_id: int, kind: str) -> bool:
        return user_id in self.users and (
            kind in MANDATORY_KINDS or (user_id, kind) not in self.turned_off
        )


def _people(user_ids) -> _People:
    rows = User.objects.filter(pk__in=set(user_ids), is_active=True).values_list(
        "pk", "email", "name"
    )
    turned_off = set(
        ReminderPreference.objects.filter(user__in=set(user_ids), enabled=False).values_list(
            "user_id", "kind"
        )
    )
    return _People({pk: (email, name or email) for pk, email, name in rows}, turned_off)


def _lead_candidates(today: datetime.date) -> list[tuple]:
    """(kind, action id, reason, day, why) for the actions' leads: a date coming within
    the window, or overdue (one a week, counted from the day it fell overdue)."""
    ahead = today + datetime.timedelta(days=windows()["days_before_action_date"])
    every = windows()["overdue_every_days"]
    found = []
    for action_id, kind, due in inspections.milestones_due_between(today, ahead):
        found.append(
            (
                ReminderKind.ACTION_DUE,
                action_id,
                f"action:{action_id}:{kind}",
                due,
                f"{MILESTONE_WORDS.get(kind, kind).capitalize()} due {_day(due)}",
            )
        )
    for action_id, due in inspections.recovery_dates_between(today, ahead):
        found.append(
            (
                ReminderKind.ACTION_DUE,
                action_id,
                f"action:{action_id}:recovery",
                due,
                f"Recovery date {_day(due)}",
            )
        )
    for action_id, since in inspections.overdue_since(today=today):
        if since is None:
            continue
        week = since + datetime.timedelta(days=every * ((today - since).days // every))
        weeks = (today - since).days // 7
        late = _count(weeks, "week") if weeks else "less than a week"
        found.append(
            (
                ReminderKind.ACTION_OVERDUE,
                action_id,
                f"action:{action_id}:overdue",
                week,
                f"Overdue since {_day(since)} ({late})",
            )
        )
    return found


def _upcoming_meetings(today: datetime.date) -> list[dict]:
    """Board meetings from today to the window's end (never one already held), each
    with the date of the board's meeting before it."""
    ahead = today + datetime.timedelta(days=windows()["days_before_meeting"])
    previous = (
        BoardMeeting.objects.filter(
            council=OuterRef("council"),
            board_name=OuterRef("board_name"),
            held_on__lt=OuterRef("held_on"),
        )
        .order_by()
        .values("council")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    return list(
        BoardMeeting.objects.filter(held_on__range=(today, ahead))
        .annotate(previous_on=Subquery(previous))
        .order_by("held_on", "pk")
        .values(
            "pk",
            "board_name",
            "held_on",
            "previous_on",
            "council_id",
            "council__name",
            "council__slug",
        )
    )


def _already(today: datetime.date) -> set[tuple]:
    """Keys of reminders sent or settled (not to be tried again). Every reminder's day
    is at most an overdue interval before today, so older rows never match."""
    since = today - datetime.timedelta(days=windows()["overdue_every_days"])
    return set(
        ReminderLog.objects.filter(day__gte=since)
        .exclude(status__in=RETRIED)
        .values_list("recipient_id", "kind", "reason", "day")
    )


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """Every reminder due on `today` not yet sent (a failed one is due again), to the
    people who want it. Twelve queries whatever the number of councils and actions
    (eleven when no board meets in the window)."""
    lead_found = _lead_candidates(today)  # 3 queries
    action_ids = {row[1] for row in lead_found}
    leads = defaultdict(list)
    for action_id, user_id in inspections.named_leads_of(action_ids):  # 1
        leads[action_id].append(user_id)
    facts = inspections.action_facts(action_ids)  # 1

    meetings = _upcoming_meetings(today)  # 1
    reports = grants.usage_reports_due_between(  # 1
        today, today + datetime.timedelta(days=windows()["days_before_grant_report"])
    )
    council_ids = {m["council_id"] for m in meetings} | {r["council_id"] for r in reports}
    holders = defaultdict(lambda: defaultdict(list))  # council -> role -> [user id]
    for council_id, role, user_id in RoleAssignment.objects.filter(  # 1
        council__in=council_ids,
        role__in=[Role.COUNCIL_OFFICER, Role.HEALTH_PARTNER, Role.BOARD_MEMBER],
    ).values_list("council_id", "role", "user_id"):
        holders[council_id][role].append(user_id)
    open_actions = defaultdict(list)
    meeting_councils = {m["council_id"] for m in meetings}
    for row in inspections.open_actions_of_councils(meeting_councils) if meetings else ():  # 1
        open_actions[row["plan__council_id"]].append(row)

    everyone = {u for ids in leads.values() for u in ids} | {
        u for roles in holders.values() for ids in roles.values() for u in ids
    }
    people = _people(everyone)  # 2
    done = _already(today)  # 1

    due: list[Reminder] = []
    links = _ActionLinks()

    def add(kind, user_id, reason, day, about, why, link, subject=None, lines=()):
        if not people.wants(user_id, kind) or (user_id, kind, reason, day) in done:
            return
        email, name = people.users[user_id]
        due.append(
            Reminder(kind, user_id, email, name, reason, day, about, why, link, subject, lines)
        )

    for kind, action_id, reason, day, why in lead_found:
        action = facts.get(action_id)
        if action is None:
            continue
        about = f"Action {action['ref']}, {action['plan__title']} ({action['plan__council__name']})"
        for user_id in leads.get(action_id, ()):
            add(
                kind, user_id, reason, day, about, why,
                links(action["plan__council__slug"], action["plan_id"], action_id),
                ("inspections.action", action_id), (action["description"][:200],),
            )  # fmt: skip

    lookback = windows()["first_meeting_lookback_days"]
    for meeting in meetings:
        council_id, held_on = meeting["council_id"], meeting["held_on"]
        since = meeting["previous_on"] or held_on - datetime.timedelta(days=lookback)
        about = f"{meeting['board_name']}, {_day(held_on)} ({meeting['council__name']})"
        reason = f"meeting:{meeting['pk']}"
        meeting_link = _url(
            reverse(
                "dashboards:meeting-detail",
                kwargs={"council_slug": meeting["council__slug"], "meeting_id": meeting["pk"]},
            )
        )
        actions = open_actions.get(council_id, [])
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        stale = [a for a in actions if a["updated_at"] < start]
        if stale:
            lines = tuple(
                f"Action {a['ref']}: {a['description'][:80]} – "
                + links(a["plan__council__slug"], a["plan_id"], a["pk"])
                for a in stale
            )
            why = f"{_count(len(stale), 'action')} not updated since {_day(since)}"
            for role in (Role.COUNCIL_OFFICER, Role.HEALTH_PARTNER):
                for user_id in holders[council_id][role]:
                    add(
                        ReminderKind.MEETING_UPDATES, user_id, reason, held_on, about, why,
                        meeting_link, ("core.boardmeeting", meeting["pk"]), lines,
                    )  # fmt: skip
        delayed = sum(1 for a in actions if a["status"] in DELAYED)
        slug = meeting["council__slug"]
        lines = (
            "Exception report: " + _url(reverse("dashboards:council-exceptions", args=[slug])),
            "Pack: " + _url(reverse("packs:council-pack", args=[slug])),
        )
        why = f"The exception report ({_count(delayed, 'delayed action')}) and the pack are ready"
        for user_id in holders[council_id][Role.BOARD_MEMBER]:
            add(
                ReminderKind.MEETING_PACK, user_id, reason, held_on, about, why,
                meeting_link, ("core.boardmeeting", meeting["pk"]), lines,
            )  # fmt: skip

    for report in reports:
        due_on = report["determination__period_end"]
        about = f"{report['determination__title']} ({report['council__name']})"
        why = f"Usage report due {_day(due_on)}, at the end of the grant period"
        link = _url(reverse("grants:allocation-detail", kwargs={"pk": report["pk"]}))
        for user_id in holders[report["council_id"]][Role.COUNCIL_OFFICER]:
            add(
                ReminderKind.GRANT_REPORT, user_id, f"allocation:{report['pk']}:usage", due_on,
                about, why, link, ("grants.allocation", report["pk"]),
            )  # fmt: skip
    return due


def log_for_administrators():
    """The reminder log, newest first (ReminderLogFilter narrows it)."""
    return ReminderLog.objects.order_by("-created_at", "-pk")


def people_to_check():
    """People administrators must look at: active people with a role and no email
    address, and people whose latest reminder could not be delivered."""
    latest = ReminderLog.objects.filter(recipient=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        User.objects.filter(is_active=True)
        .annotate(
            last_status=Subquery(latest.values("status")[:1]),
            last_error=Subquery(latest.values("error")[:1]),
            last_at=Subquery(latest.values("created_at")[:1]),
        )
        .filter(Q(email="", role_assignments__isnull=False) | Q(last_status__in=ADDRESS_PROBLEMS))
        .distinct()
        .order_by("email", "pk")
    )
