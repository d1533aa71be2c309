"""The plan page's action rows, drawn in Python.

A plan page shows fifty actions. Drawn by the template language (an include a row, a
dozen values each), its rows took longer than the rest of the page and its queries
together; drawn here, with the standard library's escaping (what Django's `escape`
does) and each date written once, they take a twentieth of that. The row's other
states (just saved, or with its form open) stay in `inspections/_action_row.html`,
which draws the row itself with `action_cells`.
"""

from html import escape
from urllib.parse import quote

from django import template
from django.template.defaultfilters import date
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ROW = (
    '<tr class="govuk-table__row">'
    '<th scope="row" class="govuk-table__header">{ref}</th>'
    '<td class="govuk-table__cell">'
    '<a class="govuk-link" href="{url}">{description}</a>{signed_off}</td>'
    '<td class="govuk-table__cell govuk-!-font-size-16">{leads}</td>'
    '<td class="govuk-table__cell"><strong class="govuk-tag {status_class} app-status" '
    'data-status="{status}">{status_label}</strong>{recovery}</td>'
    '<td class="govuk-table__cell">{stage}</td>'
    '<td class="govuk-table__cell govuk-!-font-size-16">{milestones}</td>'
    '<td class="govuk-table__cell">{update}</td>'
    "</tr>"
)
TBODY = '<tbody class="govuk-table__body app-inplace" id="action-{pk}">{row}</tbody>'
SIGNED_OFF = '<br><strong class="govuk-tag govuk-tag--purple">Signed off</strong>'
RECOVERY = '<br><span class="govuk-!-font-size-16">Recovery {}</span>'
UPDATE = (
    '<a class="govuk-link" href="{url}status/?next={next}" hx-get="{url}status/" '
    'hx-target="#action-{pk}" hx-swap="outerHTML">'
    'Update<span class="govuk-visually-hidden"> status of action {ref}</span></a>'
)


class Dates(dict):
    """Dates written as the `date` filter writes them, each once: a plan's milestones
    fall in a few months."""

    def __init__(self, format_string: str):
        super().__init__()
        self.format_string = format_string

    def __missing__(self, day):
        self[day] = text = escape(date(day, self.format_string))
        return text


def row_html(row, *, can_update: bool, next_url: str, months: Dates, days: Dates) -> str:
    """The row's markup, every value from the row escaped."""
    ref = escape(row.ref)
    url = escape(row.url)
    return ROW.format(
        ref=ref,
        url=url,
        description=escape(row.description),
        signed_off=SIGNED_OFF if row.signed_off else "",
        leads=escape(row.leads),
        status_class=escape(row.status["css_class"]),
        status=escape(row.status["value"]),
        status_label=escape(str(row.status["label"])),
        recovery=RECOVERY.format(days[row.recovery_date]) if row.recovery_date else "",
        stage=escape(str(row.stage)),
        milestones="".join(f"{months[d]}<br>" for d in row.action_milestones) or "None",
        update=(
            UPDATE.format(url=url, next=escape(quote(next_url, safe="/")), pk=row.pk, ref=ref)
            if can_update
            else ""
        ),
    )


@register.simple_tag
def action_tbodies(rows, *, can_update: bool, next_url: str) -> SafeString:
    """Each action of `rows` (selectors.ActionRow) in the tbody htmx swaps; with
    `can_update`, its "Update" link, which comes back to `next_url`."""
    months, days = Dates("M Y"), Dates("j M Y")
    return mark_safe(  # noqa: S308 (row_html escapes every value)
        "".join(
            TBODY.format(
                pk=row.pk,
                row=row_html(
                    row, can_update=can_update, next_url=next_url, months=months, days=days
                ),
            )
            for row in rows
        )
    )


@register.simple_tag
def action_cells(row, *, can_update: bool, next_url: str) -> SafeString:
    """One action's row, for `inspections/_action_row.html`'s tbody."""
    return mark_safe(  # noqa: S308 (row_html escapes every value)
        row_html(
            row,
            can_update=can_update,
            next_url=next_url,
            months=Dates("M Y"),
            days=Dates("j M Y"),
        )
    )
