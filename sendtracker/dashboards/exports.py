"""The dashboards' tables as CSV and XLSX (sendtracker.core.exports): a council's
exception report, and the region and national views' council rows."""

from sendtracker.core.exports import DATE, MONEY, NUMBER, STATUS, Column, Export
from sendtracker.core.status import display

EXCEPTION_COLUMNS = [
    Column("Kind", lambda r: r["kind"]),
    Column("Ref", lambda r: r["ref"]),
    Column("Action or milestone", lambda r: r["description"]),
    Column("Plan or programme", lambda r: r["where"]),
    Column("Status", lambda r: r["status"], STATUS),
    Column("Reason", lambda r: r["reason"]),
    Column("Lead", lambda r: r["lead"]),
    Column("Recovery date", lambda r: r["recovery_date"], DATE),
    Column("Due", lambda r: r["due"], DATE),
    Column("Days overdue", lambda r: r["days_overdue"], NUMBER),
]


def exception_rows(actions, milestones) -> list[dict]:
    """The exception report's two tables as one list: delayed actions (worst first),
    then delayed and overdue milestones (worst first), as the page lists them."""
    rows = [
        {
            "kind": "Plan action",
            "ref": row.action.ref,
            "description": row.action.description,
            "where": row.action.plan.title,
            "status": display(row.action.status, row.action.plan.status_key),
            "reason": row.action.status_reason,
            "lead": row.action.leads,
            "recovery_date": row.action.recovery_date,
            "due": row.action.first_action_due,
            "days_overdue": row.days_overdue,
        }
        for row in actions
    ]
    rows += [
        {
            "kind": "Programme milestone",
            "ref": row.milestone.ref,
            "description": row.milestone.title,
            "where": f"{row.workstream.programme.name}: {row.workstream.name}",
            "status": row.node.status,
            "reason": row.milestone.override_reason,
            "lead": row.milestone.owner,
            "recovery_date": None,
            "due": row.node.end,
            "days_overdue": row.days_overdue,
        }
        for row in milestones
    ]
    return rows


def exceptions(council, actions, milestones) -> Export:
    return Export(
        name=f"{council.slug}-exceptions",
        sheet="Exception report",
        columns=EXCEPTION_COLUMNS,
        rows=exception_rows(actions, milestones),
    )


COUNCIL_ROW_COLUMNS = [
    Column("Council", lambda r: r["name"]),
    Column("Region", lambda r: r["region"]),
    Column("Inspection outcome", lambda r: r["outcome"]),
    Column("Plan", lambda r: r["plan"] or ""),
    Column("Plan approved", lambda r: r["plan_approved_on"], DATE),
    Column("Actions", lambda r: r["actions"], NUMBER),
    Column("Delayed", lambda r: r["delayed"], NUMBER),
    Column("On track", lambda r: r["on_track"], NUMBER),
    Column("Complete", lambda r: r["complete"], NUMBER),
    Column("Overdue", lambda r: r["overdue"], NUMBER),
    Column("Programme", lambda r: r["programme_status"], STATUS),
    Column("Grants allocated", lambda r: r["allocated"], MONEY),
    Column("Grants paid", lambda r: r["paid"], MONEY),
    Column("High-needs deficit", lambda r: r["deficit"] if r["deficit_label"] else None, MONEY),
    Column("Deficit year", lambda r: r["deficit_label"]),
]


def council_rows(rows, *, name: str) -> Export:
    """The region or national view's rows (dashboards.rows.table_data), as sorted."""
    return Export(name=name, sheet="Councils", columns=COUNCIL_ROW_COLUMNS, rows=rows)
