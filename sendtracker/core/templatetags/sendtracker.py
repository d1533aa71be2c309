import base64
from collections.abc import Mapping

import django_tables2 as tables
from django import template
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import call_with_appropriate, signature

from sendtracker.core import html
from sendtracker.core import status as status_scale
from sendtracker.core.chart_svg import chart_svg as chart_svg_markup
from sendtracker.core.permissions import has_permission

register = template.Library()


@register.simple_tag
def status_tag(status, key=None, show_colour=False):
    """A status as a GOV.UK tag with its word (and, if asked, its colour's name).

    Built here rather than by an included template: pages draw hundreds of them.
    """
    if not show_colour or not status:
        return mark_safe(html.status_tag(status, key))  # noqa: S308 (escaped there)  # nosec B308, B703
    shown = status_scale.display(status, key)
    return format_html(
        '<strong class="govuk-tag {} app-status" data-status="{}">{}'
        ' <span class="app-status__colour">({})</span></strong>',
        shown["css_class"],
        shown["value"],
        shown["label"],
        shown["colour"],
    )


@register.simple_tag(takes_context=True)
def pagination(context, page):
    """GOV.UK pagination for a Django Page, keeping the rest of the query string."""
    return html.pagination(page, context.request.GET)


@register.simple_tag
def status_legend(key=None):
    return html.status_legend(key)


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*labels_and_hrefs):
    """GOV.UK breadcrumbs: `{% breadcrumbs "Home" home_url "Councils" councils_url %}`."""
    return {"crumbs": list(zip(labels_and_hrefs[::2], labels_and_hrefs[1::2], strict=True))}


@register.simple_tag(takes_context=True)
def can(context, permission, obj=None):
    """{% can "change_council" council as can_change %}"""
    return has_permission(context["request"].user, permission, obj)


@register.simple_tag
def chart_svg(chart):
    """The SVG of a charts.LineChart (components/chart.html)."""
    return chart_svg_markup(chart)


@register.filter
def cell(row: dict, key: str) -> str:
    """A row's cell by its key (an import's raw row: `{{ row.raw|cell:"ref" }}`)."""
    return row.get(key, "")


@register.filter
def svg_data_uri(markup) -> str:
    """SVG markup as a data: URL for an <img src> (components/chart.html in packs)."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(markup).encode()).decode("ascii")


@register.simple_tag
def table_head(*headers):
    """A GOV.UK table's head row: {% table_head "Measure" "Latest|numeric" "Change|hidden" %}.

    `|numeric` right-aligns a column's header; `|hidden` keeps it for screen readers only.
    """
    return html.table_head(*headers)


@register.filter
def named_changes(entry):
    """An audit entry's changes without related managers' reprs (core.audit.named_changes)."""
    from sendtracker.core.audit import named_changes as changes

    return changes(entry)


@register.inclusion_tag("components/history.html")
def history_of(record, caption="History", limit=20):
    """The shared history table of one record (core.audit.history_for), newest first."""
    from sendtracker.core.audit import history_for

    return {"entries": list(history_for(record)[:limit]), "caption": caption}


ROW = '<tr class="govuk-table__row">{}</tr>'
FIRST_CELL = '<th scope="row" class="govuk-table__header">{}</th>'
CELL = '<td class="govuk-table__cell">{}</td>'
NUMERIC_CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'


def _plain_renderers(table):
    """For a table of plain columns (a value by its own name, no link), a function per
    column that renders a cell of a row of dicts as django-tables2 does (an empty value
    is the column's default, else its render method with the arguments it asks for)
    without its per-cell work (an accessor resolved, the method's signature read again
    for every cell), which was most of the national view's time; None otherwise."""
    renderers = []
    for bound_column in table.columns:
        column = bound_column.column
        accessor = str(bound_column.accessor)
        if (
            bound_column.link
            or isinstance(column, (tables.ManyToManyColumn, BaseLinkColumn))
            or "." in accessor
            or "__" in accessor
        ):
            return None
        renderer = _plain_renderer(table, bound_column, accessor)
        if renderer is None:
            return None
        renderers.append(renderer)
    return renderers


CELL_ARGUMENTS = {"value", "record", "column", "bound_column", "bound_row", "table"}


def _plain_renderer(table, bound_column, accessor: str):
    """`_plain_renderers`' function for one column, or None if its render method asks
    for an argument django-tables2 does not offer (it would not be called)."""
    render, column, default = bound_column.render, bound_column.column, bound_column.default
    wanted, takes_any = signature(render)
    if not set(wanted) <= CELL_ARGUMENTS:
        return None

    def rendered(row):
        value = row.record.get(accessor)
        if value in column.empty_values:
            return default
        offered = {
            "value": value,
            "record": row.record,
            "column": column,
            "bound_column": bound_column,
            "bound_row": row,
            "table": table,
        }
        return (
            call_with_appropriate(render, offered)
            if takes_any
            else render(**{name: offered[name] for name in wanted})
        )

    return rendered


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    """The body rows of a django-tables2 table (components/table.html), drawn here: a
    template loop over a fifty-row page's cells was half of the national view's time.
    Each cell is written as `{{ cell }}` writes it (render_value_in_context), the first
    as the row's header, a `numeric` column's right-aligned."""
    cells = [
        FIRST_CELL
        if index == 0
        else NUMERIC_CELL
        if getattr(column.column, "numeric", False)
        else CELL
        for index, column in enumerate(table.columns)
    ]
    rows = []
    renderers = _plain_renderers(table)
    for row in table.paginated_rows:
        if renderers is not None and isinstance(row.record, Mapping):
            values = (render(row) for render in renderers)
        else:
            values = (cell for _, cell in row.items())
        rows.append(
            ROW.format(
                "".join(
                    template_cell.format(render_value_in_context(value, context))
                    for template_cell, value in zip(cells, values, strict=True)
                )
            )
        )
    if not rows and table.empty_text:
        rows.append(
            format_html(
                '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{}">{}</td>'
                "</tr>",
                len(table.columns),
                table.empty_text,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 (each cell escaped as {{ cell }} escapes)  # nosec B308, B703
