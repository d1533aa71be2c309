"""Plan markup drawn in Python, where the template language was measured too slow.

A plan page shows fifty actions, BRAG on a page every action of a plan (300 in the
benchmark) across five stages. Drawn by the template language, at a few microseconds
a value, they took longer than the rest of their pages and every query together;
drawn here, with the standard library's `html.escape` (what Django's `escape` does)
on every value and each date written once, they take a tenth to a twentieth of that.
tests/inspections/test_html.py holds the templates they replaced and checks that both
draw the same markup.
"""

from html import escape
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from sendtracker.core.html import date_text
from sendtracker.core.permissions import ALL, LED

from .models import Stage

ROW = (
    '<tr class="govuk-table__row">'
    '<th scope="row" class="govuk-table__header">{ref}</th>'
    '<td class="govuk-table__cell">'
    '<a class="govuk-link" href="{url}">{description}</a>{signed_off}</td>'
    '<td class="govuk-table__cell govuk-!-font-size-16">{leads}</td>'
    '<td class="govuk-table__cell"><strong class="govuk-tag {status_class} app-status" '
    'data-status="{status}">{status_label}</strong>{recovery}{reason_needed}</td>'
    '<td class="govuk-table__cell">{stage}</td>'
    '<td class="govuk-table__cell govuk-!-font-size-16">{milestones}</td>'
    '<td class="govuk-table__cell">{update}</td>'
    "</tr>"
)
TBODY = '<tbody class="govuk-table__body app-inplace" id="action-{pk}">{row}</tbody>'
SIGNED_OFF = '<br><strong class="govuk-tag govuk-tag--purple">Signed off</strong>'
RECOVERY = '<br><span class="govuk-!-font-size-16">Recovery {}</span>'
REASON_NEEDED = '<br><strong class="govuk-tag govuk-tag--yellow">Reason needed</strong>'
UPDATE = (
    '<a class="govuk-link" href="{url}status/?next={next}" hx-get="{url}status/" '
    'hx-target="#action-{pk}" hx-swap="outerHTML">'
    'Update<span class="govuk-visually-hidden"> status of action {ref}</span></a>'
)


def action_row(row, *, can_update: bool, next_url: str) -> SafeString:
    """The plan page's row (`<tr>`) of a selectors.ActionRow; with `can_update`, its
    "Update" link, which comes back to `next_url`."""
    language = get_language()
    ref = escape(row.ref)
    url = escape(row.url)
    return mark_safe(  # noqa: S308 (every value below is escaped)  # nosec B308, B703
        ROW.format(
            ref=ref,
            url=url,
            description=escape(row.description),
            signed_off=SIGNED_OFF if row.signed_off else "",
            leads=escape(row.leads),
            status_class=escape(row.status["css_class"]),
            status=escape(row.status["value"]),
            status_label=escape(str(row.status["label"])),
            recovery=(
                RECOVERY.format(date_text(row.recovery_date, "j M Y", language))
                if row.recovery_date
                else ""
            ),
            reason_needed=REASON_NEEDED if row.reason_needed else "",
            stage=escape(str(row.stage)),
            milestones="".join(
                f"{date_text(day, 'M Y', language)}<br>" for day in row.action_milestones
            )
            or "None",
            update=(
                UPDATE.format(url=url, next=escape(quote(next_url, safe="/")), pk=row.pk, ref=ref)
                if can_update
                else ""
            ),
        )
    )


TABLE = (
    '<table class="govuk-table app-actions">'
    '<caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>'
    '<thead class="govuk-table__head"><tr class="govuk-table__row">'
    '<th scope="col" class="govuk-table__header">Ref</th>'
    '<th scope="col" class="govuk-table__header app-actions__desc">Action</th>'
    '<th scope="col" class="govuk-table__header">Lead</th>'
    '<th scope="col" class="govuk-table__header">Status</th>'
    '<th scope="col" class="govuk-table__header">Stage</th>'
    '<th scope="col" class="govuk-table__header">Action milestone</th>'
    '<th scope="col" class="govuk-table__header">'
    '<span class="govuk-visually-hidden">Update</span></th>'
    "</tr></thead>{tbodies}</table>"
)


def action_tables(groups, *, updates: str, user_id: int | None, next_url: str) -> SafeString:
    """A table for each group ({"area": AreaOfWeakness or None, "rows": [ActionRow]}),
    each row in the tbody that htmx swaps when it is updated in place, with an "Update"
    link where the user may update it: `updates` is core.permissions.actions_updatable_by
    (ALL, or LED: the actions `user_id` leads)."""

    def may_update(row) -> bool:
        return updates == ALL or (updates == LED and user_id in row.lead_user_ids)

    tables = []
    for group in groups:
        area = group["area"]
        tbodies = "".join(
            TBODY.format(
                pk=row.pk, row=action_row(row, can_update=may_update(row), next_url=next_url)
            )
            for row in group["rows"]
        )
        caption = f"{escape(area.label)}: {escape(area.title)}" if area else "Actions"
        tables.append(TABLE.format(caption=caption, tbodies=tbodies))
    return mark_safe("".join(tables))  # noqa: S308 (action_row and the above escape)  # nosec B308, B703


BRAG = (
    '<table class="govuk-table app-brag">'
    '<caption class="govuk-table__caption govuk-table__caption--m">'
    "{title}: actions by stage</caption>"
    '<thead class="govuk-table__head"><tr class="govuk-table__row">'
    '<th scope="col" class="govuk-table__header">Area</th>'
    '<th scope="col" class="govuk-table__header">Ref</th>{stages}</tr></thead>'
    '<tbody class="govuk-table__body">{rows}</tbody></table>'
)
BRAG_STAGE = '<th scope="col" class="govuk-table__header app-brag__stage">{}</th>'
BRAG_AREA = (
    '<th scope="rowgroup" rowspan="{rows}" class="govuk-table__header app-brag__area">{area}</th>'
)
BRAG_ACTION = (
    '<th scope="row" class="govuk-table__header govuk-!-font-weight-regular">'
    '<a class="govuk-link" href="{url}">{ref}</a>{signed_off}</th>'
)
BRAG_CELL = '<td class="govuk-table__cell app-brag__cell">{}</td>'
BRAG_DONE = BRAG_CELL.format('<span class="app-brag__done">Done</span>')
BRAG_NOT_REACHED = BRAG_CELL.format('<span class="govuk-visually-hidden">Not reached</span>')
BRAG_EMPTY = (
    '<tr class="govuk-table__row">'
    '<td class="govuk-table__cell" colspan="7">This plan has no actions yet.</td></tr>'
)


def brag_table(plan, groups) -> SafeString:
    """The BRAG matrix of `groups` (selectors.BragGroup): areas x actions x stages."""
    plan_url = escape(plan.get_absolute_url())
    stages = list(Stage)
    rows = []
    for group in groups:
        area = group.area
        heading = BRAG_AREA.format(
            rows=len(group.rows),
            area=(
                f'{escape(area.label)}<br><span class="govuk-!-font-weight-regular">'
                f"{escape(area.short_title or area.title)}</span>"
                if area
                else "No area"
            ),
        )
        for index, row in enumerate(group.rows):
            status = '<strong class="govuk-tag {} app-status" data-status="{}">{}</strong>'.format(
                escape(row.status["css_class"]),
                escape(row.status["value"]),
                escape(str(row.status["label"])),
            )
            cells = "".join(
                BRAG_DONE
                if stage < row.stage_index
                else BRAG_CELL.format(status)
                if stage == row.stage_index
                else BRAG_NOT_REACHED
                for stage in range(len(stages))
            )
            action = BRAG_ACTION.format(
                url=f"{plan_url}actions/{row.pk}/",
                ref=escape(row.ref),
                signed_off=' <span class="govuk-tag govuk-tag--purple">Signed off</span>'
                if row.signed_off
                else "",
            )
            rows.append(
                f'<tr class="govuk-table__row">{heading if index == 0 else ""}{action}{cells}</tr>'
            )
    return mark_safe(  # noqa: S308 (every value above is escaped)  # nosec B308, B703
        BRAG.format(
            title=escape(plan.title),
            stages="".join(BRAG_STAGE.format(escape(str(stage.label))) for stage in stages),
            rows="".join(rows) or BRAG_EMPTY,
        )
    )
