"""Plan markup drawn in Python, where the template language was measured too slow.

A plan page shows fifty actions, BRAG on a page every action of a plan (300 in the
benchmark) across five stages. Drawn by the template language, at a few microseconds
a value, they took longer than the rest of their pages and every query together;
drawn here, with the standard library's `html.escape` (what Django's `escape` does)
on every value and each date written once, they take a tenth to a twentieth of that.
tests/inspections/test_html.py holds the templates they replaced and checks that both
draw the same markup.
"""

import functools
from html import escape
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from sendtracker.core.html import date_text
from sendtracker.core.permissions import ALL, LED
from sendtracker.core.status import Status

from .filters import SORT_CHOICES
from .models import Stage

ROW = (
    '<tr class="govuk-table__row">'
    '<th scope="row" class="govuk-table__header">{ref}</th>'
    '<td class="govuk-table__cell">'
    '<a class="govuk-link" href="{url}">{description}</a>{signed_off}</td>'
    '<td class="govuk-table__cell govuk-!-font-size-16">{leads}</td>'
    '<td class="govuk-table__cell">{status}{recovery}{reason_needed}</td>'
    '<td class="govuk-table__cell">{stage}</td>'
    '<td class="govuk-table__cell govuk-!-font-size-16">{milestones}</td>'
    '<td class="govuk-table__cell">{update}</td>'
    "</tr>"
)
STATUS = '<strong class="govuk-tag {css_class} app-status" data-status="{value}">{label}</strong>'
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
    return mark_safe(  # noqa: S308 (_row escapes every value)  # nosec B308, B703
        _row(row, can_update, escape(quote(next_url, safe="/")), get_language())
    )


def _row(row, can_update: bool, next_param: str, language: str) -> str:
    """`action_row`'s markup; `next_param`: the escaped, quoted URL to come back to."""
    ref = escape(row.ref)
    url = escape(row.url)
    return ROW.format(
        ref=ref,
        url=url,
        description=escape(row.description),
        signed_off=SIGNED_OFF if row.signed_off else "",
        leads=escape(row.leads),
        status=_status(row.status["css_class"], row.status["value"], str(row.status["label"])),
        recovery=(
            RECOVERY.format(date_text(row.recovery_date, "j M Y", language))
            if row.recovery_date
            else ""
        ),
        reason_needed=REASON_NEEDED if row.reason_needed else "",
        stage=_escaped(str(row.stage)),
        milestones="".join(
            f"{date_text(day, 'M Y', language)}<br>" for day in row.action_milestones
        )
        or "None",
        update=UPDATE.format(url=url, next=next_param, pk=row.pk, ref=ref) if can_update else "",
    )


@functools.lru_cache(maxsize=256)
def _status(css_class: str, value: str, label: str) -> str:
    """A row's status tag: a handful per scale, so drawn once each."""
    return STATUS.format(css_class=escape(css_class), value=escape(value), label=escape(label))


@functools.lru_cache(maxsize=256)
def _escaped(text: str) -> str:
    """`text` escaped, for the few labels (stages) every row repeats."""
    return escape(text)


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

    next_param = escape(quote(next_url, safe="/"))
    language = get_language()
    tables = []
    for group in groups:
        area = group["area"]
        tbodies = "".join(
            TBODY.format(pk=row.pk, row=_row(row, may_update(row), next_param, language))
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


FILTERS = (
    '<details class="govuk-details"{open}>'
    '<summary class="govuk-details__summary">'
    '<span class="govuk-details__summary-text">Filter and sort actions</span></summary>'
    '<div class="govuk-details__text">{summary}'
    '<form method="get" class="app-filters" role="search" aria-label="Filter actions">'
    "{fields}"
    '<button type="submit" class="govuk-button govuk-button--secondary" '
    'data-module="govuk-button">Apply</button>'
    '<a class="govuk-link govuk-body" href="{path}">Clear filters</a>'
    "</form></div></details>"
)
ERROR_SUMMARY = (
    '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">'
    '<h2 class="govuk-error-summary__title">There is a problem</h2>'
    '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">'
    "{}</ul></div></div></div>"
)
ERROR_MESSAGE = (
    '<p class="govuk-error-message" id="{id}_error">'
    '<span class="govuk-visually-hidden">Error:</span> {message}</p>'
)
CHECKBOX = (
    '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
    'type="checkbox" name="{name}" value="{value}" id="{id}"{checked}>'
    '<label class="govuk-label govuk-checkboxes__label" for="{id}">{label}</label></div>'
)


def action_filters(*, data, errors, areas, path: str) -> SafeString:
    """The plan page's "Filter and sort actions" form (inspections.filters.ActionFilter's
    fields), open once anything was submitted, with what was submitted (`data`, the query
    string) in its fields and each error of `errors` ({field: [message]}) beside its
    field and in the summary above; `areas`: [(id, label)] for the area list, or None
    for a plan without an inspection, which has no area field.

    Drawn here without a form: on a plan page, the filter set and Django's bound fields
    took longer than the rows of actions. It draws what Django drew from the filter set.
    """

    def group(name: str, control: str, *, label: str) -> str:
        """A labelled field's form group, with its error message if any."""
        error = "".join(
            ERROR_MESSAGE.format(id=f"id_{name}", message=escape(str(message)))
            for message in errors.get(name, ())
        )
        return (
            f'<div class="govuk-form-group{" govuk-form-group--error" if error else ""}">'
            f'<label class="govuk-label" for="id_{name}">{label}</label>{error}{control}</div>'
        )

    def invalid(name: str, css: str) -> tuple[str, str]:
        """The control's extra class and attributes when its value was refused."""
        if name not in errors:
            return "", ""
        return f" {css}--error", f' aria-invalid="true" aria-describedby="id_{name}_error"'

    def select(name: str, choices, *, empty: str | None = None) -> str:
        chosen = data.get(name)
        chosen = "" if chosen is None else str(chosen)
        options = [("", empty)] if empty is not None else []
        options += [(str(value), label) for value, label in choices]
        drawn, selected = [], False
        for value, label in options:
            this = not selected and value == chosen  # the first option of a value only
            selected |= this
            drawn.append(
                f'<option value="{escape(value)}"{" selected" if this else ""}>'
                f"{escape(str(label))}</option>"
            )
        extra_class, attrs = invalid(name, "govuk-select")
        return (
            f'<select class="govuk-select{extra_class}" name="{name}" id="id_{name}"{attrs}>'
            f"{''.join(drawn)}</select>"
        )

    def text(name: str, input_type: str, width: int) -> str:
        value = data.get(name)
        value = f' value="{escape(value)}"' if value else ""
        extra_class, attrs = invalid(name, "govuk-input")
        return (
            f'<input type="{input_type}" name="{name}"{value} '
            f'class="govuk-input govuk-input--width-{width}{extra_class}" id="id_{name}"{attrs}>'
        )

    statuses = set(data.getlist("status")) if data else set()
    checkboxes = "".join(
        CHECKBOX.format(
            name="status",
            value=escape(value),
            id=f"id_status_{index}",
            checked=" checked" if value in statuses else "",
            label=escape(str(label)),
        )
        for index, (value, label) in enumerate(Status.choices)
    )
    status_error = "".join(
        ERROR_MESSAGE.format(id="id_status", message=escape(str(message)))
        for message in errors.get("status", ())
    )
    overdue = data.get("overdue")
    overdue_checked = overdue not in (None, "") and overdue.lower() != "false"
    fields = [
        f'<div class="govuk-form-group{" govuk-form-group--error" if status_error else ""}">'
        '<fieldset class="govuk-fieldset"'
        f"{' aria-describedby="id_status_error"' if status_error else ''}>"
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Status</legend>'
        f"{status_error}"
        '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
        f"{checkboxes}</div></fieldset></div>",
        group("stage", select("stage", Stage.choices, empty="Any stage"), label="Stage"),
        group("area", select("area", areas, empty="Any area"), label="Area")
        if areas is not None
        else "",
        group("lead", text("lead", "text", 20), label="Lead"),
        group("changed_since", text("changed_since", "date", 10), label="Changed since"),
        '<div class="govuk-form-group"><div class="govuk-checkboxes govuk-checkboxes--small">'
        '<div class="govuk-checkboxes__item"><input type="checkbox" name="overdue" '
        f'class="govuk-checkboxes__input" id="id_overdue"{" checked" if overdue_checked else ""}>'
        '<label class="govuk-label govuk-checkboxes__label" for="id_overdue">Overdue only</label>'
        "</div></div></div>",
        group("sort", select("sort", SORT_CHOICES), label="Sort by"),
    ]
    summary = (
        ERROR_SUMMARY.format(
            "".join(
                f'<li><a href="#id_{name}{"_0" if name == "status" else ""}">'
                f"{escape(str(message))}</a></li>"
                for name, messages in errors.items()
                for message in messages
            )
        )
        if errors
        else ""
    )
    return mark_safe(  # noqa: S308 (every value above is escaped)  # nosec B308, B703
        FILTERS.format(
            open=" open" if data else "",
            summary=summary,
            fields="".join(fields),
            path=escape(path),
        )
    )
