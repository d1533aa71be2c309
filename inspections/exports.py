"""A plan's actions, its exception report, the list of plans and "My actions", as CSV
and XLSX (sendtracker.core.exports).

The plan export is a contract with the plan import: it reads back what it writes.
One row per action, in the plan page's order (or the order its filters chose), with
these headings, exactly (the dashes are en dashes):

    Ref | Area | Action | Lead(s) | Progress | Evidence – output | Action milestone |
    Evidence – impact | Impact milestone(s) | Stage | Status | Reason for delay |
    Recovery date | Board status

- Area: the area's number and title, "2. The poor quality of EHC plans"; a sub-area's
  number is its area's and its own, "2.1. Joint commissioning" (`area_heading`).
  Blank for an action with no area.
- Lead(s): the action's leads by role title (Action.lead_titles), joined with "; ".
- Action milestone, Impact milestone(s): one milestone a line, in date order, each
  "31/12/2021" or "31/12/2021 – what is due" (an en dash between spaces).
- Stage: its word (Action, Evidence, Completed, Impact, Sustained).
- Status: its word (Not started, On track, Minor delay, Major delay, Complete); in
  XLSX the cell is filled with the status's colour in the plan's status key.
- Recovery date: a date (an Excel date in XLSX, 2026-11-30 in CSV).
- Board status: "Signed off", or blank.
- Text is written as it is stored. In CSV, text beginning with =, +, -, @, tab or
  carriage return has a leading apostrophe; in XLSX it is a text cell with Excel's
  quote prefix and no apostrophe (core.exports).
"""

from sendtracker.core.exports import DATE, LINES, NUMBER, STATUS, Column, Export
from sendtracker.core.status import Status, display

from .models import MilestoneKind

HEADINGS = [
    "Ref",
    "Area",
    "Action",
    "Lead(s)",
    "Progress",
    "Evidence – output",
    "Action milestone",
    "Evidence – impact",
    "Impact milestone(s)",
    "Stage",
    "Status",
    "Reason for delay",
    "Recovery date",
    "Board status",
]
SIGNED_OFF = "Signed off"


def area_heading(area) -> str:
    """ "2. Title", or "2.1. Title" for a sub-area (its parent read with it)."""
    if area is None:
        return ""
    number = f"{area.parent.number}.{area.number}" if area.parent_id else str(area.number)
    return f"{number}. {area.title}"


def milestone_lines(action, kind: str) -> str:
    """The action's milestones of `kind` (prefetched), one a line, in date order."""
    milestones = sorted(
        (m for m in action.milestones.all() if m.kind == kind), key=lambda m: (m.due_on, m.pk)
    )
    return "\n".join(
        f"{m.due_on:%d/%m/%Y} – {m.description}" if m.description else f"{m.due_on:%d/%m/%Y}"
        for m in milestones
    )


ACTION_COLUMNS = [
    Column("Ref", lambda a: a.ref),
    Column("Area", lambda a: area_heading(a.area)),
    Column("Action", lambda a: a.description),
    Column("Lead(s)", lambda a: "; ".join(a.lead_titles)),
    Column("Progress", lambda a: a.progress),
    Column("Evidence – output", lambda a: a.evidence_of_output),
    Column("Action milestone", lambda a: milestone_lines(a, MilestoneKind.ACTION), LINES, 30),
    Column("Evidence – impact", lambda a: a.evidence_of_impact),
    Column("Impact milestone(s)", lambda a: milestone_lines(a, MilestoneKind.IMPACT), LINES, 30),
    Column("Stage", lambda a: a.get_stage_display()),
    Column("Status", lambda a: a.status, STATUS),
    Column("Reason for delay", lambda a: a.status_reason),
    Column("Recovery date", lambda a: a.recovery_date, DATE),
    Column("Board status", lambda a: SIGNED_OFF if a.signed_off_at else ""),
]


def _of_plan(plan, what: str, *, sheet: str, columns, rows) -> Export:
    """One of a plan's tables, named after its council and plan, in the plan's key."""
    return Export(
        name=f"{plan.council.slug}-plan-{plan.pk}-{what}",
        sheet=sheet,
        columns=columns,
        rows=rows,
        status_key=plan.status_key,
    )


def plan_actions(plan, actions) -> Export:
    """The plan's `actions` (from selectors.actions_for_export) as the plan export."""
    return _of_plan(plan, "actions", sheet="Actions", columns=ACTION_COLUMNS, rows=actions)


PLAN_COLUMNS = [
    Column("Council", lambda p: p.council.name),
    Column("Plan", lambda p: p.title),
    Column("Kind", lambda p: p.get_kind_display()),
    Column("Judged fit for purpose on", lambda p: p.approved_on, DATE),
    Column("Actions", lambda p: p.action_count, NUMBER),
    *(
        Column(status.label, lambda p, s=status: getattr(p, f"count_{s.value}"), NUMBER)
        for status in Status
    ),
]


def plans(rows) -> Export:
    """The plans list (selectors.plans_visible_to, with its counts), as sorted."""
    return Export(name="improvement-plans", sheet="Plans", columns=PLAN_COLUMNS, rows=rows)


EXCEPTION_COLUMNS = [
    Column("Ref", lambda r: r.action.ref),
    Column("Area", lambda r: area_heading(r.action.area)),
    Column("Action", lambda r: r.action.description),
    Column("Status", lambda r: r.action.status, STATUS),
    Column("Reason for delay", lambda r: r.action.status_reason),
    Column("Lead(s)", lambda r: r.action.leads),
    Column("Recovery date", lambda r: r.action.recovery_date, DATE),
    Column("First action milestone", lambda r: r.action.first_action_due, DATE),
    Column("Days overdue", lambda r: r.days_overdue, NUMBER),
]


def plan_exceptions(plan, rows) -> Export:
    """A plan's exception report (selectors.exception_report), worst first."""
    return _of_plan(
        plan, "exceptions", sheet="Exception report", columns=EXCEPTION_COLUMNS, rows=rows
    )


MY_ACTION_COLUMNS = [
    Column("Council", lambda r: r.action.plan.council.name),
    Column("Plan", lambda r: r.action.plan.title),
    Column("Ref", lambda r: r.action.ref),
    Column("Action", lambda r: r.action.description),
    Column("Status", lambda r: display(r.action.status, r.action.plan.status_key), STATUS),
    Column("Stage", lambda r: r.action.get_stage_display()),
    Column("Needs you", lambda r: r.why_label),
    Column("Due", lambda r: r.due_on, DATE),
]


def my_actions(rows) -> Export:
    """The actions a person leads (selectors.my_action_rows), as filtered."""
    return Export(name="my-actions", sheet="My actions", columns=MY_ACTION_COLUMNS, rows=rows)
