"""Reads of inspections and plans, scoped to the user, at a fixed number of queries."""

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from sendtracker.core.html import first_words
from sendtracker.core.status import DELAYED, SEVERITY, Status
from sendtracker.core.status import display as status_display

from .models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    ImprovementPlan,
    MilestoneKind,
    PlanKind,
    Stage,
    StatusUpdate,
)
from .models.actions import STAGE_ORDER, lead_titles


def plans_visible_to(user):
    """Plans the user may read, with their council and inspection."""
    return (
        ImprovementPlan.objects.visible_to(user)
        .select_related("council", "council__region", "inspection")
        .annotate(
            action_count=Count("actions"),
            **{f"count_{s.value}": Count("actions", filter=Q(actions__status=s)) for s in Status},
        )
    )


def plan_focus(plan: ImprovementPlan) -> list[tuple[AreaOfWeakness, list[AreaOfWeakness]]]:
    """What the plan page shows the plan addresses, from `plan.inspection_areas`.

    A priority or strategic action plan: its inspection's areas for priority action or
    for improvement, with their text. Any other plan: the areas it split into sub-areas
    of its own, each with those sub-areas (the plan's split, not the inspection's).
    """
    from .models.plans import PLAN_AREA_KINDS

    areas = plan.inspection_areas
    if plan.kind in (PlanKind.PRIORITY, PlanKind.STRATEGIC):
        kinds = PLAN_AREA_KINDS[plan.kind]
        return [(area, []) for area in areas if not area.parent_id and area.kind in kinds]
    focus: dict[int, tuple[AreaOfWeakness, list]] = {}
    for sub in areas:
        if sub.parent_id and sub.plan_id == plan.pk:
            focus.setdefault(sub.parent_id, (sub.parent, []))[1].append(sub)
    return list(focus.values())


def status_counts(actions) -> dict[str, int]:
    """Actions by status in one query: a count for every status, zeros included."""
    totals = dict(actions.order_by().values_list("status").annotate(n=Count("pk")))
    return {s.value: totals.get(s.value, 0) for s in Status}


def stage_counts(actions) -> dict[str, int]:
    totals = actions.aggregate(**{s.value: Count("pk", filter=Q(stage=s)) for s in Stage})
    return {s.value: totals[s.value] for s in Stage}


def plan_actions(plan: ImprovementPlan):
    """A plan's actions with what the plan page shows for each."""
    return (
        Action.objects.filter(plan=plan)
        .select_related("area", "area__parent", "signed_off_by")
        .prefetch_related(
            Prefetch("milestones", queryset=ActionMilestone.objects.order_by("kind", "due_on"))
        )
        .order_by("position", "pk")  # explicit: annotations with GROUP BY drop Meta.ordering
    )


def actions_for_export(actions):
    """`actions` (filtered and ordered) with what the plan export writes of each: three
    queries, the actions with their areas, their milestones and their named leads."""
    return actions.select_related("area", "area__parent").prefetch_related(
        Prefetch("milestones", queryset=ActionMilestone.objects.order_by("due_on", "pk")),
        "lead_users",
    )


@dataclass(frozen=True)
class ActionRow:
    """One row of the plan page: what its template shows, read without model instances."""

    pk: int
    ref: str
    description: str  # its first 30 words
    leads: str
    status: dict  # status.display()
    recovery_date: datetime.date | None
    stage: str  # the stage's label
    signed_off: bool
    action_milestones: list[datetime.date]
    area_id: int | None
    url: str
    lead_user_ids: frozenset[int] = frozenset()
    reason_needed: bool = False  # a delay imported without its reason or recovery date


ROW_FIELDS = (
    "pk",
    "ref",
    "description",
    "leads",
    "status",
    "stage",
    "recovery_date",
    "signed_off_at",
    "area_id",
    "reason_needed",
)


def action_row_values(actions):
    """The columns `action_rows` reads, for a queryset of actions (filtered, ordered)."""
    return actions.values(*ROW_FIELDS)


def action_rows(plan: ImprovementPlan, values) -> list[ActionRow]:
    """The plan page's rows for `action_row_values` (or a page of them): three queries,
    the actions', their action milestones' and their named leads', and no model
    instances, which on a page of fifty rows cost more than the queries."""
    values = list(values)
    ids = [v["pk"] for v in values]
    due = defaultdict(list)
    for action_id, due_on in _action_milestones_of(ids):
        due[action_id].append(due_on)
    named = defaultdict(list)  # action -> [(user id, role title)]
    for action_id, user_id, title, email in _named_leads_of(ids):
        named[action_id].append((user_id, title or email))
    plan_url = plan.get_absolute_url()
    stages = {value: str(label) for value, label in Stage.choices}
    shown = {status: status_display(status, plan.status_key) for status in Status}
    return [
        ActionRow(
            pk=v["pk"],
            ref=v["ref"],
            description=first_words(v["description"], 30),
            leads="; ".join(lead_titles([t for _, t in named[v["pk"]]], v["leads"])),
            status=shown[v["status"]],
            recovery_date=v["recovery_date"],
            stage=stages[v["stage"]],
            signed_off=v["signed_off_at"] is not None,
            action_milestones=due[v["pk"]],
            area_id=v["area_id"],
            url=f"{plan_url}actions/{v['pk']}/",
            lead_user_ids=frozenset(user_id for user_id, _ in named[v["pk"]]),
            reason_needed=v["reason_needed"],
        )
        for v in values
    ]


# The two reads below are plain parameterised statements, as core.access._role_rows is:
# on the plan page, where an officer lands after every update, building each with the
# ORM took several times longer than running it (benchmarks/bench_plans.py, cold).


def _action_milestones_of(action_ids: list[int]) -> list[tuple[int, datetime.date]]:
    """(action id, due on) of the action milestones of these actions, soonest first."""
    if not action_ids:
        return []
    meta = ActionMilestone._meta
    table, action, due_on, kind = _names(meta, "action", "due_on", "kind")
    marks = ", ".join(["%s"] * len(action_ids))
    sql = (
        f"SELECT {action}, {due_on} FROM {table} "  # noqa: S608  # nosec B608
        f"WHERE {kind} = %s AND {action} IN ({marks}) ORDER BY {due_on}, {action}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [MilestoneKind.ACTION.value, *action_ids])
        return [(pk, _as_date(day)) for pk, day in cursor.fetchall()]


def _named_leads_of(action_ids: list[int]) -> list[tuple[int, int, str, str]]:
    """(action id, user id, job title, email) of these actions' named leads, in the
    order they were named."""
    if not action_ids:
        return []
    through = Action.lead_users.through
    table, pk, action, user = _names(through._meta, "id", "action", "user")
    users, user_pk, title, email = _names(
        through._meta.get_field("user").related_model._meta, "id", "job_title", "email"
    )
    marks = ", ".join(["%s"] * len(action_ids))
    sql = (
        f"SELECT {table}.{action}, {table}.{user}, {users}.{title}, {users}.{email} "  # noqa: S608  # nosec B608
        f"FROM {table} INNER JOIN {users} ON {users}.{user_pk} = {table}.{user} "
        f"WHERE {table}.{action} IN ({marks}) ORDER BY {table}.{pk}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, action_ids)
        return cursor.fetchall()


def _names(meta, *fields: str) -> tuple[str, ...]:
    """The quoted table name of `meta`'s model, then its `fields`' column names."""
    quote = connection.ops.quote_name
    return (quote(meta.db_table), *(quote(meta.get_field(f).column) for f in fields))


def _as_date(value) -> datetime.date:
    """A DATE column's value: a date from PostgreSQL, ISO text from SQLite."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def plan_areas(plan: ImprovementPlan, area_ids=()) -> dict[int, AreaOfWeakness]:
    """The areas the plan's actions may address, and any other of `area_ids`, by id, each
    with `allowed` (ImprovementPlan.allows), in reading order: from
    `plan.inspection_areas`, and a query only for an area outside the plan's inspection."""
    wanted = set(area_ids)
    areas = {a.pk: a for a in plan.inspection_areas if a.allowed or a.pk in wanted}
    if missing := wanted - areas.keys():
        for area in AreaOfWeakness.objects.filter(pk__in=missing).select_related("parent"):
            area.allowed = False
            areas[area.pk] = area
    return areas


@dataclass(frozen=True)
class BragRow:
    pk: int
    ref: str
    signed_off: bool
    stage_index: int
    status: dict


@dataclass
class BragGroup:
    area: "AreaOfWeakness | AreaHeading | None"
    rows: list[BragRow]


def brag_on_a_page(plan: ImprovementPlan) -> list[BragGroup]:
    """Areas x actions x stages: each action marks the stage it has reached. Two queries
    (the actions' columns, the areas), without an Action instance per row."""
    actions = list(
        Action.objects.filter(plan=plan)
        .order_by("position", "pk")
        .values_list("pk", "ref", "signed_off_at", "stage", "status", "area_id")
    )
    areas = plan_areas(plan, {area_id for *_, area_id in actions if area_id})
    return group_brag_rows(plan, ((areas.get(area_id), *rest) for *rest, area_id in actions))


def group_brag_rows(plan: ImprovementPlan, actions) -> list[BragGroup]:
    """BRAG groups of `actions`: (area, pk, ref, signed_off_at, stage, status), in order."""
    groups: list[BragGroup] = []
    for area, pk, ref, signed_off_at, stage, status in actions:
        if not groups or groups[-1].area != area:
            groups.append(BragGroup(area=area, rows=[]))
        groups[-1].rows.append(
            BragRow(
                pk=pk,
                ref=ref,
                signed_off=signed_off_at is not None,
                stage_index=STAGE_ORDER.index(Stage(stage)),
                status=status_display(status, plan.status_key),
            )
        )
    return groups


@dataclass(frozen=True)
class AreaHeading:
    """What the BRAG on a page shows of an area (AreaOfWeakness), kept as values."""

    pk: int
    label: str
    short_title: str
    title: str


def brag_entries_by_council(council_ids) -> dict[int, dict[str, dict]]:
    """Each council's BRAG on a page of each of its plans, as values a JSON field keeps
    (the councils' summary rows: dashboards.summaries), by plan id; read one back with
    brag_from_entry. Two queries, however many councils."""
    actions = Action.objects.filter(plan__council__in=council_ids).order_by(
        "plan_id", "position", "pk"
    )
    rows = list(
        actions.values_list(
            "plan__council_id",
            "plan_id",
            "area_id",
            "pk",
            "ref",
            "signed_off_at",
            "stage",
            "status",
        )
    )
    areas = AreaOfWeakness.objects.filter(pk__in={row[2] for row in rows if row[2]}).order_by()
    headings = {
        area.pk: [area.label, area.short_title, area.title]
        for area in areas.select_related("parent")
    }
    found: dict[int, dict[str, dict]] = defaultdict(dict)
    for council_id, plan_id, area_id, pk, ref, signed_off_at, stage, status in rows:
        entry = found[council_id].setdefault(str(plan_id), {"areas": {}, "rows": []})
        if area_id:
            entry["areas"][str(area_id)] = headings[area_id]
        entry["rows"].append([area_id, pk, ref, signed_off_at is not None, stage, status])
    return found


def brag_from_entry(plan: ImprovementPlan, entry: dict | None) -> list[BragGroup]:
    """brag_on_a_page of `plan` from brag_entries_by_council's entry for it: no query."""
    if not entry:
        return []
    areas = {
        int(pk): AreaHeading(int(pk), label, short_title, title)
        for pk, (label, short_title, title) in entry["areas"].items()
    }
    return group_brag_rows(
        plan,
        (
            (areas.get(area_id), pk, ref, True if signed_off else None, stage, status)
            for area_id, pk, ref, signed_off, stage, status in entry["rows"]
        ),
    )


@dataclass
class Exception_:
    action: Action
    days_overdue: int


def exception_report(actions, *, today: datetime.date | None = None) -> list[Exception_]:
    """Every delayed action, worst first, with its reason, lead and recovery date."""
    delayed = (
        actions.filter(status__in=DELAYED)
        .select_related("plan", "plan__council", "area", "area__parent")
        .with_first_action_due()
    )
    return exception_rows(delayed, today=today or timezone.localdate())


# A council's delays and latest changes as plain values, kept in its summary row
# (dashboards.summaries) so that its dashboard reads them with its figures. -------------


def delay_entry(action: Action) -> dict:
    """What a council's exception report shows of a delayed action (with its plan and
    `first_action_due`), as values a JSON field keeps."""
    return {
        "pk": action.pk,
        "plan_id": action.plan_id,
        "position": action.position,
        "ref": action.ref,
        "status": action.status,
        "status_key": action.plan.status_key,
        "reason": action.status_reason,
        "reason_needed": action.reason_needed,
        "recovery_date": _iso(action.recovery_date),
        "first_action_due": _iso(action.first_action_due),
    }


def delays_by_council(council_ids) -> dict[int, list[dict]]:
    """Per council, delay_entry of each delayed action of its plans: one query."""
    delays: dict[int, list[dict]] = {}
    actions = (
        actions_of_councils(council_ids)
        .filter(status__in=DELAYED)
        .select_related("plan")
        .only(*EXCEPTION_FIELDS)
        .with_first_action_due()
        .order_by("plan_id", "position", "pk")
    )
    for action in actions:
        delays.setdefault(action.plan.council_id, []).append(delay_entry(action))
    return delays


def ranked_delays(entries: list[dict], *, today: datetime.date) -> list[tuple[dict, int]]:
    """delay_entry values, worst first as exception_report ranks them, each with its days
    past its first action milestone on `today`."""
    rank = {status.value: index for index, status in enumerate(SEVERITY)}
    rows = []
    for entry in entries:
        due = entry["first_action_due"] and datetime.date.fromisoformat(entry["first_action_due"])
        rows.append((entry, (today - due).days if due and due < today else 0))
    rows.sort(key=lambda r: (rank[r[0]["status"]], -r[1], r[0]["plan_id"], r[0]["position"]))
    return rows


def change_entry(update: StatusUpdate) -> dict:
    """What a council's recent changes show of a status update (with its action), as
    values a JSON field keeps."""
    return {
        "at": update.at.isoformat(),
        "pk": update.action_id,
        "plan_id": update.action.plan_id,
        "ref": update.action.ref,
        "old_status": update.old_status,
        "new_status": update.new_status,
        "signed_off": update.signed_off,
    }


def recent_changes_by_council(council_ids, *, limit: int) -> dict[int, list[dict]]:
    """Per council, change_entry of the newest `limit` status updates of its actions,
    newest first: one query (a window numbering each council's updates)."""
    updates = (
        StatusUpdate.objects.filter(action__plan__council__in=council_ids)
        .annotate(
            council_id=F("action__plan__council_id"),
            newest=Window(
                RowNumber(),
                partition_by=F("action__plan__council_id"),
                order_by=[F("at").desc(), F("pk").desc()],
            ),
        )
        .filter(newest__lte=limit)
        .select_related("action")
        .only("at", "old_status", "new_status", "signed_off", "action__ref", "action__plan_id")
        .order_by("council_id", "newest")
    )
    changes: dict[int, list[dict]] = {}
    for update in updates:
        changes.setdefault(update.council_id, []).append(change_entry(update))
    return changes


def _iso(day) -> str | None:
    return _as_date(day).isoformat() if day else None


def updates_since(actions, since: datetime.datetime):
    """Every status update of these actions at or after `since`, newest first."""
    return (
        StatusUpdate.objects.filter(action__in=actions, at__gte=since)
        .select_related("action", "action__plan", "action__plan__council", "by")
        .order_by("-at", "-pk")
    )


def action_timeline(action: Action):
    return action.updates.select_related("by").order_by("-at", "-pk")


# Figures for dashboards ------------------------------------------------------------------


def action_figures_by_council(actions, *, today: datetime.date | None = None) -> dict[int, dict]:
    """Per council: actions by status and by stage, overdue and in all: one grouped query.

    Overdue is ActionQuerySet.overdue()'s rule, counted in the same query.
    """

    today = today or timezone.localdate()
    passed = Exists(
        ActionMilestone.objects.filter(
            action=OuterRef("pk"), kind=MilestoneKind.ACTION, due_on__lt=today
        )
    )
    overdue = ~Q(status=Status.COMPLETE) & (
        Q(recovery_date__lt=today) | (Q(recovery_date__isnull=True) & Q(passed))
    )
    rows = (
        actions.order_by()
        .values("plan__council")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=overdue),
            signed_off=Count("pk", filter=Q(signed_off_at__isnull=False)),
            **{f"status_{s.value}": Count("pk", filter=Q(status=s)) for s in Status},
            **{f"stage_{s.value}": Count("pk", filter=Q(stage=s)) for s in Stage},
        )
    )
    return {
        row["plan__council"]: {
            "total": row["total"],
            "overdue": row["overdue"],
            "signed_off": row["signed_off"],
            "status": {s.value: row[f"status_{s.value}"] for s in Status},
            "stage": {s.value: row[f"stage_{s.value}"] for s in Stage},
        }
        for row in rows
    }


def plan_labels() -> dict[str, dict[str, str]]:
    """What plan kinds and inspection outcomes are called, by their values."""
    from .models import Outcome, PlanKind

    return {"kind": dict(PlanKind.choices), "outcome": dict(Outcome.choices)}


def actions_of_councils(council_ids):
    """Every action of these councils' plans, unscoped: for figures kept per council."""
    return Action.objects.filter(plan__council__in=council_ids)


def plans_of_councils(council_ids):
    return ImprovementPlan.objects.filter(council__in=council_ids)


def empty_action_figures() -> dict:
    """action_figures_by_council's figures for a council with no action."""
    return {
        "total": 0,
        "overdue": 0,
        "signed_off": 0,
        "status": {s.value: 0 for s in Status},
        "stage": {s.value: 0 for s in Stage},
    }


def overdue_changes_on(council_ids, *, today: datetime.date) -> dict[int, datetime.date]:
    """Per council, the first day after `today` on which an open action becomes overdue.

    An action is overdue once its recovery date (or, without one, its first action
    milestone) has passed (ActionQuerySet.overdue), so its count changes on the day
    after that date. Councils with no such day ahead are left out. One query.
    """

    changes: dict[int, datetime.date] = {}
    rows = (
        actions_of_councils(council_ids)
        .exclude(status=Status.COMPLETE)
        .values_list("plan__council_id", "recovery_date")
        .annotate(
            first_due=Min("milestones__due_on", filter=Q(milestones__kind=MilestoneKind.ACTION))
        )
        .order_by()
    )
    for council_id, recovery, first_due in rows:
        due = recovery or _as_date(first_due)
        if due is None or due < today:
            continue
        day = due + datetime.timedelta(days=1)
        if council_id not in changes or day < changes[council_id]:
            changes[council_id] = day
    return changes


def latest_plan_by_council(plans) -> dict[int, ImprovementPlan]:
    """Each council's most recently approved plan (unapproved last), with its inspection."""
    latest: dict[int, ImprovementPlan] = {}
    for plan in plans.select_related("council", "inspection").order_by(
        "council_id", "-approved_on", "-pk"
    ):
        if plan.council_id not in latest or (
            latest[plan.council_id].approved_on is None and plan.approved_on
        ):
            latest[plan.council_id] = plan
    return latest


def status_history(actions) -> list[tuple[int, datetime.datetime, str, str, bool]]:
    """Every status update of these actions, oldest first.

    Each is (action id, at, new status, new stage, signed off): enough to replay the
    plan's state at any moment in one query.
    """
    return list(
        StatusUpdate.objects.filter(action__in=actions)
        .order_by("at", "pk")
        .values_list("action_id", "at", "new_status", "new_stage", "signed_off")
    )


# As at a moment, from the status history -------------------------------------------------
def actions_as_at(actions, moment: datetime.datetime) -> list[Action]:
    """These actions as they stood at `moment`, replayed from their StatusUpdates: one query.

    Each action's status, stage, status_reason, recovery_date and signed_off_at are
    replaced by those of its latest update at or before `moment` (Not started at the
    Action stage if it had none); the instances are for reading only, never to save.
    An action added (`created_at`) after `moment` is left out, unless an update of it
    is earlier (history recorded after the fact, as imports do); an action whose
    creation was not recorded counts as existing. Each action also carries
    `first_action_due`, the earliest of its action milestones.
    """

    own = StatusUpdate.objects.filter(action=OuterRef("pk"), at__lte=moment).order_by("-at", "-pk")

    def latest(field):
        return Subquery(own.values(field)[:1])

    first_due = ActionMilestone.objects.filter(
        action=OuterRef("pk"), kind=MilestoneKind.ACTION
    ).order_by("due_on")
    rows = (
        actions.annotate(
            then_status=latest("new_status"),
            then_stage=latest("new_stage"),
            then_reason=latest("reason"),
            then_recovery=latest("recovery_date"),
            then_signed=Subquery(own.filter(signed_off=True).values("at")[:1]),
            # Leaving Complete withdraws a sign-off (inspections.services).
            then_reopened=Subquery(own.exclude(new_status=Status.COMPLETE).values("at")[:1]),
            first_action_due=Subquery(first_due.values("due_on")[:1]),
        )
        .filter(
            Q(then_status__isnull=False) | Q(created_at__isnull=True) | Q(created_at__lte=moment)
        )
        .order_by("plan_id", "position", "pk")
    )
    result = []
    for action in rows:
        action.status = action.then_status or Status.NOT_STARTED
        action.stage = action.then_stage or Stage.ACTION
        action.status_reason = action.then_reason or ""
        action.recovery_date = _as_date(action.then_recovery)
        signed, reopened = action.then_signed, action.then_reopened
        action.signed_off_at = signed if signed and (not reopened or reopened < signed) else None
        action.first_action_due = _as_date(action.first_action_due)
        result.append(action)
    return result


def _as_date(value) -> datetime.date | None:
    # SQLite returns a subquery's date as text.
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def figures_of(actions: list[Action], *, today: datetime.date) -> dict:
    """Actions by status and stage, overdue, signed off and in all, over loaded actions.

    The same rules as action_figures_by_council (overdue: ActionQuerySet.overdue), for
    actions replayed by actions_as_at; `today` is the day they are seen from.
    """
    figures = {
        "total": len(actions),
        "overdue": 0,
        "signed_off": 0,
        "status": {s.value: 0 for s in Status},
        "stage": {s.value: 0 for s in Stage},
    }
    for action in actions:
        figures["status"][action.status] += 1
        figures["stage"][action.stage] += 1
        figures["signed_off"] += action.signed_off_at is not None
        if action.status != Status.COMPLETE and (
            (action.recovery_date and action.recovery_date < today)
            or (
                action.recovery_date is None
                and action.first_action_due
                and action.first_action_due < today
            )
        ):
            figures["overdue"] += 1
    return figures


def exception_rows(actions, *, today: datetime.date) -> list[Exception_]:
    """exception_report's rows over loaded actions (with `first_action_due`)."""
    rank = {status.value: index for index, status in enumerate(SEVERITY)}
    rows = []
    for action in actions:
        if action.status not in DELAYED:
            continue
        # Days past the first action milestone; a recovery date in the future stops the
        # clock only when it is set, so the board sees how far the action has slipped.
        due = action.first_action_due
        rows.append(Exception_(action, (today - due).days if due and due < today else 0))
    rows.sort(
        key=lambda r: (rank[r.action.status], -r.days_overdue, r.action.plan_id, r.action.position)
    )
    return rows


def brag_groups(plan: ImprovementPlan, actions: list[Action]) -> list[BragGroup]:
    """brag_on_a_page over loaded actions (in position order; others' are skipped)."""
    return group_brag_rows(
        plan,
        (
            (a.area, a.pk, a.ref, a.signed_off_at, a.stage, a.status)
            for a in actions
            if a.plan_id == plan.pk
        ),
    )


# A council's records for the dashboards and packs ------------------------------------------


def plan_in(council, plan_id: int):
    """The URL's plan, only if it is the URL council's (the council is already scoped)."""
    return ImprovementPlan.objects.select_related("inspection").filter(council=council, pk=plan_id)


def plan_with_council(plan_id) -> ImprovementPlan | None:
    """The plan with its council (and region) and inspection, unscoped: the caller checks
    that the user may see its council."""
    # Unordered: the model's ordering (by council name) would join the council twice.
    return (
        ImprovementPlan.objects.select_related("council__region", "inspection")
        .filter(pk=plan_id)
        .order_by()
        .first()
    )


def plan_at(council_slug: str, plan_id) -> ImprovementPlan | None:
    """The plan a URL names (`plan_with_council`) if it is the URL council's, else None;
    the caller checks that the user may see the council."""
    plan = plan_with_council(plan_id)
    if plan is None or plan.council.slug != council_slug:
        return None
    return plan


def council_plan(council, plan_id) -> ImprovementPlan:
    """The URL's plan with its inspection, if it is the URL council's; a 404 otherwise.

    The council is already scoped to the user; it is set on the plan for its URLs."""
    from django.http import Http404

    plan = plan_in(council, plan_id).order_by().first()  # one plan: no need of its ordering
    if plan is None:
        raise Http404("No such plan")
    plan.council = council
    return plan


def council_plans(user, council) -> list[ImprovementPlan]:
    """The council's plans the user may read, latest approved first, with their inspection."""
    plans = list(
        ImprovementPlan.objects.visible_to(user)
        .filter(council=council)
        .select_related("inspection")
        .order_by("-approved_on", "pk")
    )
    for plan in plans:
        plan.council = council  # the caller's council, for URLs, without a query
    return plans


def plans_by_council(user, council_ids) -> dict[int, list[ImprovementPlan]]:
    """council_plans for many councils, keyed by council id: one query."""
    plans: dict[int, list[ImprovementPlan]] = {}
    for plan in (
        ImprovementPlan.objects.visible_to(user)
        .filter(council__in=council_ids)
        .select_related("inspection")
        .order_by("-approved_on", "pk")
    ):
        plans.setdefault(plan.council_id, []).append(plan)
    return plans


# The frameworks' clocks (inspections/clocks.py) --------------------------------------------


def _overrides_of(*, council=None, inspection_ids=(), plan_ids=(), council_ids=None) -> dict:
    """The deadline overrides of a council, or of some inspections and plans: one query.
    Of several councils (`council_ids`): each council's, by council id."""
    from .clocks import index_overrides
    from .models import DeadlineOverride

    rows = DeadlineOverride.objects.order_by()  # indexed by key: the order is not used
    if council_ids is not None:
        by_council = defaultdict(list)
        for row in rows.filter(council__in=council_ids):
            by_council[row.council_id].append(row)
        return {pk: index_overrides(found) for pk, found in by_council.items()}
    if council is not None:
        rows = rows.filter(council=council)
    else:
        rows = rows.filter(Q(inspection_id__in=inspection_ids) | Q(plan_id__in=plan_ids))
    return index_overrides(rows)


def inspections_with_deadlines(council, inspections, *, today: datetime.date | None = None):
    """The council's inspections (a list), each with `deadlines`: its clocks and its
    plans', with their status today. One query (the overrides) on top of the
    inspections read with their areas, plans, revisits and monitoring inspections
    prefetched, as the council's inspections page reads them."""
    from . import clocks

    inspections = list(inspections)
    today = today or timezone.localdate()
    overrides = _overrides_of(council=council)
    starts = sorted(i.started_on for i in inspections)
    for inspection in inspections:
        plans = list(inspection.plans.all())
        found = clocks.inspection_deadlines(
            inspection,
            plans=plans,
            names_weaknesses=any(a.kind == "weakness" for a in inspection.areas.all()),
            first_revisit_on=min((r.started_on for r in inspection.revisits.all()), default=None),
            first_monitoring_on=min(
                (m.started_on for m in inspection.monitoring_inspections.all()), default=None
            ),
            next_inspection_on=next((d for d in starts if d > inspection.started_on), None),
            overrides=overrides,
        )
        for plan in plans:
            found += clocks.plan_deadlines(plan, overrides=overrides)
        inspection.deadlines = clocks.assess(found, today)
    return inspections


def plan_deadlines(plan: ImprovementPlan, *, today: datetime.date | None = None) -> list:
    """The plan's clocks and those of its inspection that it answers, with their status
    today: the overrides in one query, and the first revisit or monitoring inspection in
    one more for a plan that a visit follows (a WSOA, a priority action plan)."""
    from . import clocks

    today = today or timezone.localdate()
    inspection = plan.inspection
    overrides = _overrides_of(
        inspection_ids=[plan.inspection_id] if plan.inspection_id else [], plan_ids=[plan.pk]
    )
    found = clocks.plan_deadlines(plan, overrides=overrides)
    answers = clocks.PLAN_ANSWERS.get(plan.kind, ())
    if inspection is not None and answers:
        first_visits = (
            type(inspection)
            .objects.filter(pk=inspection.pk)
            .aggregate(
                revisit=Min("revisits__started_on"),
                monitoring=Min("monitoring_inspections__started_on"),
            )
        )
        found += [
            deadline
            for deadline in clocks.inspection_deadlines(
                inspection,
                plans=[plan],
                first_revisit_on=first_visits["revisit"],
                first_monitoring_on=first_visits["monitoring"],
                overrides=overrides,
            )
            if deadline.kind in answers
        ]
    return clocks.assess(found, today)


def council_deadlines(user, council, *, plans=None, today: datetime.date | None = None) -> list:
    """The clocks of the council's latest inspection and of its plans, with their status
    today (the council dashboard's and pack's): two queries, the inspection with what
    followed it and the overrides, given the council's plans (council_plans) read already.
    """
    from . import clocks
    from .models import Inspection

    today = today or timezone.localdate()
    if plans is None:
        plans = council_plans(user, council)
    inspections = list(
        _with_clock_dates(Inspection.objects.visible_to(user).filter(council=council)).order_by(
            "-started_on", "-pk"
        )
    )
    if not inspections:
        return []
    return clocks.assess(
        _latest_clocks(inspections[0], plans, _overrides_of(council=council)), today
    )


def _with_clock_dates(inspections):
    """Inspections with what their clocks need of what followed them."""
    from .models import AreaKind

    return inspections.annotate(
        first_revisit_on=Min("revisits__started_on"),
        first_monitoring_on=Min("monitoring_inspections__started_on"),
        names_weaknesses=Exists(
            AreaOfWeakness.objects.filter(inspection=OuterRef("pk"), kind=AreaKind.WEAKNESS)
        ),
    )


def _latest_clocks(latest, plans, overrides) -> list:
    """The clocks (unassessed) of a council's latest inspection (with _with_clock_dates'
    values) and of the plans among `plans` that answer it; the clocks of earlier
    inspections have run their course."""
    from . import clocks

    answering = [p for p in plans if p.inspection_id == latest.pk]
    found = clocks.inspection_deadlines(
        latest,
        plans=answering,
        names_weaknesses=latest.names_weaknesses,
        first_revisit_on=latest.first_revisit_on,
        first_monitoring_on=latest.first_monitoring_on,
        overrides=overrides,
    )
    for plan in answering:
        found += clocks.plan_deadlines(plan, overrides=overrides)
    return found


def deadlines_by_council(council_ids) -> dict[int, list[dict]]:
    """council_deadlines' clocks of each council, before their status on a day, as values
    a JSON field keeps (the councils' summary rows: dashboards.summaries); read them back
    with deadlines_on. Three queries, however many councils."""
    from .models import Inspection

    latest = {}
    for inspection in _with_clock_dates(
        Inspection.objects.filter(council__in=council_ids)
    ).order_by("council_id", "-started_on", "-pk"):
        latest.setdefault(inspection.council_id, inspection)
    if not latest:
        return {}
    answering = defaultdict(list)
    plans = ImprovementPlan.objects.filter(inspection__in=[i.pk for i in latest.values()])
    # Each council's plans in their own order, without joining the council to sort by it.
    for plan in plans.order_by("council_id", "-approved_on", "title"):
        answering[plan.council_id].append(plan)
    overrides = _overrides_of(council_ids=list(latest))
    return {
        pk: [
            deadline_entry(d)
            for d in _latest_clocks(inspection, answering[pk], overrides.get(pk, {}))
        ]
        for pk, inspection in latest.items()
    }


_DEADLINE_DATES = ("worked_out_on", "done_on", "override_on")


def deadline_entry(deadline) -> dict:
    """A clock (clocks.Deadline, before its status) as JSON values."""
    entry = {
        f.name: getattr(deadline, f.name)
        for f in dataclasses.fields(deadline)
        if f.name != "status"
    }
    entry["kind"] = str(entry["kind"])
    for name in _DEADLINE_DATES:
        entry[name] = entry[name] and entry[name].isoformat()
    return entry


def deadlines_on(entries: list[dict], today: datetime.date) -> list:
    """deadline_entry's clocks back, with their status on `today` (clocks.assess)."""
    from . import clocks

    found = []
    for entry in entries:
        values = dict(entry)
        for name in _DEADLINE_DATES:
            values[name] = values[name] and datetime.date.fromisoformat(values[name])
        found.append(clocks.Deadline(**values))
    return clocks.assess(found, today)


def council_actions(user, council):
    """The council's actions the user may read (a queryset, for the selectors below)."""
    return Action.objects.visible_to(user).filter(plan__council=council)


def council_action_ids(user, council) -> list[int]:
    """The ids of the council's actions the user may read: one query."""
    return list(council_actions(user, council).values_list("pk", flat=True))


def council_status_history(user, council) -> list[tuple]:
    """status_history of the council's actions the user may read: one query."""
    return status_history(council_actions(user, council))


def council_actions_by_plan(user, council) -> list[Action]:
    """The council's actions the user may read, by plan and position, with their plan."""
    return list(
        council_actions(user, council)
        .select_related("plan", "plan__council")
        .order_by("plan", "position")
    )


def council_actions_as_at(user, council, moment: datetime.datetime) -> list[Action]:
    """The council's actions the user may read as they stood at `moment` (actions_as_at)."""
    return actions_as_at(
        council_actions(user, council).select_related(
            "plan", "plan__council", "area", "area__parent"
        ),
        moment,
    )


# What the council's exception reports (its dashboard's and its own page) show of a
# delayed action: read alone, they load a tenth of the columns.
EXCEPTION_FIELDS = (
    *("ref", "description", "leads", "status", "status_reason", "reason_needed"),
    *("recovery_date", "position", "plan__title", "plan__status_key", "plan__council_id"),
)


def council_exceptions(user, council, *, today: datetime.date) -> list[Exception_]:
    """exception_report over the council's actions the user may read."""
    delayed = (
        council_actions(user, council)
        .filter(status__in=DELAYED)
        .select_related("plan")
        .only(*EXCEPTION_FIELDS)
        .with_first_action_due()
    )
    rows = exception_rows(delayed, today=today)
    for row in rows:
        row.action.plan.council = council  # for the action's URL, without a join
    return rows


def exceptions_by_council(user, council_ids, *, today: datetime.date) -> dict[int, list]:
    """council_exceptions for many councils, keyed by council id: one query."""
    actions = Action.objects.visible_to(user).filter(plan__council__in=council_ids)
    rows: dict[int, list[Exception_]] = {}
    for row in exception_report(actions, today=today):
        rows.setdefault(row.action.plan.council_id, []).append(row)
    return rows


# What a council's lists of recent changes show of a status update.
UPDATE_FIELDS = (
    *("at", "old_status", "new_status", "signed_off", "action__ref"),
    *("action__plan__status_key", "action__plan__council_id"),
)


def council_updates(
    user, council, *, since: datetime.datetime, until: datetime.datetime | None = None, limit: int
) -> list[StatusUpdate]:
    """The newest `limit` status updates of the council's actions the user may read."""
    updates = (
        StatusUpdate.objects.filter(action__in=council_actions(user, council), at__gte=since)
        .select_related("action__plan")
        .only(*UPDATE_FIELDS)
        .order_by("-at", "-pk")
    )
    if until is not None:
        updates = updates.filter(at__lte=until)
    updates = list(updates[:limit])
    for update in updates:
        update.action.plan.council = council  # for the action's URL, without a join
    return updates


def actions_of_plan(plan: ImprovementPlan):
    """Every action of the plan (its readers see them all), for the counts below."""
    return Action.objects.filter(plan=plan)


def plan_action_count(plan: ImprovementPlan) -> int:
    return actions_of_plan(plan).count()


def council_action_count(council) -> int:
    """How many actions the council's plans have in all: one query."""
    return Action.objects.filter(plan__council=council).count()


# What needs a person: the actions they lead, those awaiting their board's sign-off -------

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class MyAction:
    """An action someone leads, with why it needs them now (if it does)."""

    action: Action
    why: str  # "delayed", "overdue", "due" (within DUE_SOON_DAYS) or ""
    due_on: datetime.date | None  # the recovery date, else the next action milestone

    @property
    def why_label(self) -> str:
        return {"delayed": "Delayed", "overdue": "Overdue", "due": "Due soon"}.get(self.why, "")


def actions_led_by(user):
    """The actions `user` leads by name, among those they may read (a queryset)."""
    return (
        Action.objects.visible_to(user)
        .filter(lead_users=user)
        .select_related("plan", "plan__council")
        .annotate(
            next_action_due=Min(
                "milestones__due_on", filter=Q(milestones__kind=MilestoneKind.ACTION)
            )
        )
        .order_by("plan__council__name", "plan", "position", "pk")
    )


def my_action_rows(actions, *, today: datetime.date | None = None) -> list[MyAction]:
    """`actions` (from actions_led_by) with why each needs its lead: delayed, overdue
    (a recovery date or an action milestone passed: ActionQuerySet.overdue, read from
    the annotation) or due within DUE_SOON_DAYS. One query."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    rows = []
    for action in actions:
        due = action.recovery_date or action.next_action_due
        if action.status == Status.COMPLETE:
            why = ""
        elif action.status in DELAYED:
            why = "delayed"
        elif due is not None and due < today:
            why = "overdue"
        elif due is not None and due <= soon:
            why = "due"
        else:
            why = ""
        rows.append(MyAction(action, why, due))
    return rows


def needing_attention(rows: list[MyAction]) -> list[MyAction]:
    """The rows that need their lead now, delayed first, then overdue, then due soon."""
    order = {"delayed": 0, "overdue": 1, "due": 2}
    urgent = [row for row in rows if row.why]
    return sorted(urgent, key=lambda r: (order[r.why], r.due_on or datetime.date.max))


def awaiting_sign_off(user, council_ids):
    """Complete actions of `council_ids` not yet signed off, for their board."""
    return list(
        Action.objects.visible_to(user)
        .filter(plan__council__in=council_ids, status=Status.COMPLETE, signed_off_at__isnull=True)
        .select_related("plan", "plan__council")
        .order_by("plan__council__name", "plan", "position")
    )


def signed_off_at(user, meeting) -> list[Action]:
    """The actions the board signed off at `meeting`, among those the user may read."""
    return list(
        Action.objects.visible_to(user)
        .filter(signed_off_meeting=meeting)
        .select_related("plan", "plan__council")
        .order_by("plan", "position", "pk")
    )


def new_delays_by_council(user, council_ids, *, since: datetime.datetime) -> dict[int, int]:
    """How many actions of each council became delayed after `since` (a status update
    into Minor or Major delay from a status that was not a delay), among those the user
    may read: one query."""
    rows = (
        StatusUpdate.objects.filter(
            action__in=Action.objects.visible_to(user).filter(plan__council__in=council_ids),
            at__gt=since,
            new_status__in=DELAYED,
        )
        .exclude(old_status__in=DELAYED)
        .values("action__plan__council")
        .annotate(actions=Count("action", distinct=True))
    )
    return {row["action__plan__council"]: row["actions"] for row in rows}


# Across every council, for reminders: fixed queries whatever the number of actions ------


def milestones_due_between(start: datetime.date, end: datetime.date) -> list[tuple]:
    """Action and impact milestones due from `start` to `end` (both included) of actions
    not complete: (action id, milestone kind, due date) rows, one query."""
    return list(
        ActionMilestone.objects.filter(due_on__range=(start, end))
        .exclude(action__status=Status.COMPLETE)
        .order_by("due_on", "pk")
        .values_list("action_id", "kind", "due_on")
    )


def recovery_dates_between(start: datetime.date, end: datetime.date) -> list[tuple]:
    """Recovery dates from `start` to `end` of actions not complete: (action id, date)."""
    return list(
        Action.objects.filter(recovery_date__range=(start, end))
        .exclude(status=Status.COMPLETE)
        .order_by("recovery_date", "pk")
        .values_list("pk", "recovery_date")
    )


def overdue_since(*, today: datetime.date) -> list[tuple]:
    """Every overdue action (ActionQuerySet.overdue) with the day it fell overdue: its
    passed recovery date, else its first passed action milestone. One query."""
    rows = (
        Action.objects.overdue(today)
        .annotate(
            first_passed=Min(
                "milestones__due_on",
                filter=Q(milestones__kind=MilestoneKind.ACTION, milestones__due_on__lt=today),
            )
        )
        .order_by("pk")
        .values_list("pk", "recovery_date", "first_passed")
    )
    return [
        (pk, recovery if recovery is not None and recovery < today else first)
        for pk, recovery, first in rows
    ]


def action_facts(action_ids) -> dict[int, dict]:
    """What a message says of each action: its ref, description, plan and council, one
    query, no model instances."""
    rows = Action.objects.filter(pk__in=list(action_ids)).values(
        "pk",
        "ref",
        "description",
        "plan_id",
        "plan__title",
        "plan__council_id",
        "plan__council__name",
        "plan__council__slug",
    )
    return {row["pk"]: row for row in rows}


def named_leads_of(action_ids) -> list[tuple]:
    """(action id, user id) for the named leads of these actions, one query."""
    return list(
        Action.lead_users.through.objects.filter(action_id__in=list(action_ids))
        .order_by("action_id", "user_id")
        .values_list("action_id", "user_id")
    )


def open_actions_of_councils(council_ids) -> list[dict]:
    """The councils' actions not signed off, with when each was last updated and
    whether it is delayed: one query."""
    return list(
        Action.objects.filter(plan__council__in=list(council_ids), signed_off_at__isnull=True)
        .order_by("plan__council_id", "plan_id", "position", "pk")
        .values(
            "pk",
            "ref",
            "description",
            "status",
            "updated_at",
            "plan_id",
            "plan__council_id",
            "plan__council__slug",
        )
    )


# Comparing with Ofsted's published list (dashboards' published inspections pages) ---------


@dataclass
class InspectionRecord:
    """An inspection as this app records it, in the terms Ofsted's list uses."""

    council_id: int
    framework: str
    started_on: datetime.date
    outcome: str
    weaknesses: int  # top-level areas of weakness (2016)
    priority_areas: int  # top-level areas for priority action (2023)
    revisit_started_on: datetime.date | None = None
    revisit_sufficient: int | None = None
    revisit_insufficient: int | None = None


def inspection_records(user, council_ids) -> dict[int, list[InspectionRecord]]:
    """The councils' inspections the user may see, with their areas counted and their
    first revisit's judgements: two queries however many councils."""
    from .models import AreaKind, Inspection, Revisit

    top = Q(areas__parent__isnull=True)
    inspections = (
        Inspection.objects.visible_to(user)
        .filter(council_id__in=council_ids)
        .annotate(
            weakness_count=Count("areas", filter=top & Q(areas__kind=AreaKind.WEAKNESS)),
            priority_count=Count("areas", filter=top & Q(areas__kind=AreaKind.PRIORITY_ACTION)),
        )
        .order_by("council_id", "started_on")
    )
    records = {
        i.pk: InspectionRecord(
            i.council_id, i.framework, i.started_on, i.outcome, i.weakness_count, i.priority_count
        )
        for i in inspections
    }
    revisits = (
        Revisit.objects.filter(inspection_id__in=records)
        .annotate(
            sufficient=Count("judgements", filter=Q(judgements__sufficient_progress=True)),
            insufficient=Count("judgements", filter=Q(judgements__sufficient_progress=False)),
        )
        .order_by("-started_on")
    )
    for revisit in revisits:  # the first revisit is written last
        record = records[revisit.inspection_id]
        record.revisit_started_on = revisit.started_on
        record.revisit_sufficient = revisit.sufficient
        record.revisit_insufficient = revisit.insufficient
    by_council = defaultdict(list)
    for record in records.values():
        by_council[record.council_id].append(record)
    return dict(by_council)


def plan_for_publication(plan: ImprovementPlan) -> tuple[list[AreaOfWeakness], list[Action]]:
    """What a published version of the plan is made from (sendtracker.publications): the
    areas it addresses (`plan_focus`, then any other area an action addresses, each area
    before its sub-areas) and its actions in order, each with its area (and parent),
    milestones and named leads. Three queries.

    Every field is read, internal ones too: the publication decides what is public."""
    areas: dict[int, AreaOfWeakness] = {}
    for area, subs in plan_focus(plan):
        areas.update((a.pk, a) for a in [area, *subs])
    actions = list(plan_actions(plan).prefetch_related("lead_users"))
    for action in actions:
        if action.area_id and action.area_id not in areas:
            if action.area.parent_id:
                areas.setdefault(action.area.parent_id, action.area.parent)
            areas[action.area_id] = action.area
    return list(areas.values()), actions
