"""The council dashboard's tables and lists, drawn in Python (sendtracker.core.html).

The dashboard draws some sixty rows below its heading: actions by status and stage, the
high-needs years, the exception report, the measures scorecard, the next milestones and
the recent changes. Drawn by the template language they took longer than every query of
the page together, on each first visit after a write; drawn here, a fifth of that.
tests/dashboards/test_html.py holds the template they replaced and checks that both draw
the same markup.
"""

import datetime
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from programmes.selectors import format_value
from sendtracker.core import status as status_scale
from sendtracker.core.html import day_text, status_tag, table_head, whole_pounds
from sendtracker.core.status import Status

HIDDEN = '<span class="govuk-visually-hidden">{}</span>'
ROW = '<tr class="govuk-table__row">{}</tr>'
HEADER = '<th scope="row" class="govuk-table__header">{}</th>'
NUMERIC = '<td class="govuk-table__cell govuk-table__cell--numeric"{}>{}</td>'
CELL = '<td class="govuk-table__cell">{}</td>'
SMALL_CELL = '<td class="govuk-table__cell govuk-!-font-size-16">{}</td>'
LINK = '<a class="govuk-link" href="{}">{}</a>'
TBODY = '<tbody class="govuk-table__body">{}</tbody>'


def _safe(markup: str) -> SafeString:
    return mark_safe(markup)  # noqa: S308 (every value is escaped where it is written)  # nosec B308, B703


def _figure(name: str, count, link: str | None, hidden: str) -> str:
    """A numeric cell of a count, linked to the plan's actions it counts if there is one."""
    shown = LINK.format(link, f"{count}{HIDDEN.format(hidden)}") if link else str(count)
    return NUMERIC.format(f' data-figure="{name}"', shown)


def action_figures(actions: dict, plan, council) -> SafeString:
    """Actions by status (with overdue and signed off), then by stage: two tables whose
    counts link to the council's latest plan's actions filtered to them."""
    url = escape(plan.get_absolute_url()) if plan else None
    key = plan.status_key if plan else None

    def link(query: str) -> str | None:
        return f"{url}?{query}" if url else None

    rows = [
        ROW.format(
            HEADER.format(status_tag(status, key))
            + _figure(f"status-{escape(status)}", count, link(f"status={status}"), " actions")
        )
        for status, count in actions["status"].items()
    ]
    rows.append(
        ROW.format(
            HEADER.format("Overdue")
            + _figure("overdue", actions["overdue"], link("overdue=true"), " overdue actions")
        )
    )
    rows.append(
        ROW.format(
            HEADER.format("Signed off by the board")
            + NUMERIC.format(' data-figure="signed-off"', actions["signed_off"])
        )
    )
    stages = actions["stage"]
    return _safe(
        '<table class="govuk-table" id="action-figures">'
        '<caption class="govuk-table__caption govuk-table__caption--s">'
        f"Actions in {escape(council.name)}'s plans, by status "
        f"({actions['total']} in all)</caption>"
        f"{table_head('Status', 'Actions|numeric')}{TBODY.format(''.join(rows))}</table>"
        '<table class="govuk-table" id="stage-figures">'
        '<caption class="govuk-table__caption govuk-table__caption--s">'
        "Actions by stage reached</caption>"
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        + "".join(
            '<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            f"{escape(stage[:1].upper() + stage[1:])}</th>"
            for stage in stages
        )
        + "</tr></thead>"
        + TBODY.format(
            ROW.format(
                "".join(
                    _figure(
                        f"stage-{escape(stage)}",
                        count,
                        link(f"stage={stage}"),
                        f" actions at the {escape(stage)} stage",
                    )
                    for stage, count in stages.items()
                )
            )
        )
        + "</table>"
    )


def high_needs_table(rows, *, as_at) -> SafeString:
    """The High Needs Block years (programmes.derive.HighNeedsRow): spend, allocation and
    the cumulative deficit as reported."""
    body = "".join(
        ROW.format(
            HEADER.format(
                escape(row.label) + (" (forecast)" if row.year.kind == "forecast" else "")
            )
            + NUMERIC.format("", f"£{whole_pounds(row.total_spend)}")
            + NUMERIC.format("", f"£{whole_pounds(row.year.allocation)}")
            + NUMERIC.format(
                "",
                "Not reported"
                if row.cumulative_deficit is None
                else f"£{whole_pounds(row.cumulative_deficit)}",
            )
        )
        for row in rows
    )
    current = " (current, not as at)" if as_at else ""
    return _safe(
        '<table class="govuk-table govuk-!-font-size-16">'
        '<caption class="govuk-table__caption govuk-table__caption--s">'
        f"High Needs Block: spend, allocation and deficit trend{current}</caption>"
        + table_head(
            "Year", "Total spend|numeric", "Allocation|numeric", "Cumulative deficit|numeric"
        )
        + f"{TBODY.format(body)}</table>"
    )


def exceptions_table(rows, *, council, link: str) -> SafeString:
    """The delayed actions, worst first: (inspections.selectors.delay_entry, days overdue)
    pairs (ranked_delays); the caption links to the full exception report at `link`."""
    urls = ActionUrls(council)
    body = []
    for entry, days in rows:
        reason = escape(Truncator(entry["reason"]).words(20, truncate=" …"))
        if entry["reason_needed"]:
            reason = f'<strong class="govuk-tag govuk-tag--yellow">Reason needed</strong> {reason}'
        recovery = entry["recovery_date"]
        body.append(
            ROW.format(
                HEADER.format(LINK.format(urls.of(entry), escape(entry["ref"])))
                + CELL.format(status_tag(entry["status"], entry["status_key"]))
                + SMALL_CELL.format(reason)
                + CELL.format(day_text(recovery and datetime.date.fromisoformat(recovery)))
                + NUMERIC.format("", days)
            )
        )
    count = len(rows)
    return _safe(
        '<table class="govuk-table" id="exceptions">'
        '<caption class="govuk-table__caption govuk-table__caption--s">'
        f'<a class="govuk-link" href="{escape(link)}">{count} delayed action'
        f"{'' if count == 1 else 's'}</a></caption>"
        f"{table_head('Action', 'Status', 'Reason', 'Recovery date', 'Days overdue|numeric')}"
        f"{TBODY.format(''.join(body))}</table>"
    )


class ActionUrls:
    """The escaped URLs of a council's actions, from their plan's and their own ids."""

    def __init__(self, council):
        self.council = council
        self.plans: dict[int, str] = {}

    def of(self, entry: dict) -> str:
        plan_id = entry["plan_id"]
        if plan_id not in self.plans:
            self.plans[plan_id] = escape(
                self.council.url_of("inspections:plan-detail", plan_id=plan_id)
            )
        return f"{self.plans[plan_id]}actions/{entry['pk']}/"


def scorecard_table(measures, *, off_track: int) -> SafeString:
    """Each measure's latest value against its target, rated (programmes.selectors.
    scorecard's rows, or RatedMeasures as at a day)."""
    body = []
    for m in measures:
        measure, latest = m.measure, m.latest
        url = measure.get_absolute_url
        url = url() if callable(url) else url
        shown = (
            f"{escape(format_value(latest.value, measure.unit))} "
            f'<span class="govuk-body-s">({day_text(latest.on, "M Y")})</span>'
            if latest
            else "None yet"
        )
        direction = measure.get_direction_display
        direction = direction() if callable(direction) else direction
        body.append(
            ROW.format(
                HEADER.format(LINK.format(escape(url), escape(measure.name)))
                + NUMERIC.format("", shown)
                + NUMERIC.format(
                    "",
                    f"{escape(format_value(measure.target_value, measure.unit))} "
                    f'<span class="govuk-body-s">by {day_text(measure.target_on, "M Y")}</span>',
                )
                + CELL.format(escape(str(direction)))
                + CELL.format(
                    '<strong class="govuk-tag {} app-status" data-rating="{}">{}</strong>'.format(
                        escape(status_scale.display(m.rating.status)["css_class"]),
                        escape(m.rating.key),
                        escape(str(m.rating.label)),
                    )
                )
            )
        )
    return _safe(
        '<table class="govuk-table govuk-!-font-size-16">'
        '<caption class="govuk-table__caption govuk-table__caption--s">'
        f"{off_track} of {len(measures)} measures off target</caption>"
        f"{table_head('Measure', 'Latest|numeric', 'Target|numeric', 'Direction', 'Status')}"
        f"{TBODY.format(''.join(body))}</table>"
    )


def next_milestones(nodes) -> SafeString:
    """The programmes' next milestones: name, due date and status."""
    return _safe(
        '<ul class="govuk-list">'
        + "".join(
            f"<li>{escape(str(node['milestone']))} – due {day_text(node['end'])} "
            f"{status_tag(node['status'])}</li>"
            for node in nodes
        )
        + "</ul>"
    )


def recent_changes(entries, *, council) -> SafeString:
    """The newest status updates (inspections.selectors.change_entry): day, action,
    from → to, signed off."""
    urls = ActionUrls(council)
    items = []
    for entry in entries:
        new = escape(str(Status(entry["new_status"]).label))
        if entry["old_status"] != entry["new_status"]:
            old = Status(entry["old_status"]).label if entry["old_status"] else "new"
            change = f"{escape(str(old))} → {new}"
        else:
            change = new
        signed_off = " (signed off)" if entry["signed_off"] else ""
        at = datetime.datetime.fromisoformat(entry["at"])
        link = LINK.format(urls.of(entry), f"action {escape(entry['ref'])}")
        items.append(f"<li>{day_text(at)}: {link} {change}{signed_off}</li>")
    return _safe(f'<ul class="govuk-list govuk-!-font-size-16">{"".join(items)}</ul>')


def council_body(context: dict, *, exceptions_link: str) -> dict[str, SafeString]:
    """The pieces of dashboards/_council_body.html drawn here, from the context that
    selectors.council_dashboard (or as_at.council_dashboard_as_at) gives it."""
    plans, programmes = context["plans"], context["programmes"]
    return {
        "figures": action_figures(
            context["actions"], plans[0] if plans else None, context["council"]
        ),
        "high_needs": high_needs_table(context["high_needs"], as_at=context.get("as_at")),
        "exceptions": exceptions_table(
            context["exceptions"], council=context["council"], link=exceptions_link
        ),
        "scorecard": scorecard_table(context["measures"], off_track=context["measures_off_track"]),
        "next_milestones": next_milestones(programmes.next_milestones if programmes else []),
        "recent_changes": recent_changes(context["recent_changes"], council=context["council"]),
    }
