import base64

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from sendtracker.core import status as status_scale
from sendtracker.core.chart_svg import chart_svg as chart_svg_markup
from sendtracker.core.permissions import has_permission

register = template.Library()


@register.simple_tag
def status_tag(status, key=None, show_colour=False):
    """A status as a GOV.UK tag with its word (and, if asked, its colour's name).

    Built here rather than by an included template: pages draw hundreds of them.
    """
    if not status:
        return mark_safe('<span class="govuk-hint">No status</span>')
    shown = status_scale.display(status, key)
    colour = (
        format_html(' <span class="app-status__colour">({})</span>', shown["colour"])
        if show_colour
        else ""
    )
    return format_html(
        '<strong class="govuk-tag {} app-status" data-status="{}">{}{}</strong>',
        shown["css_class"],
        shown["value"],
        shown["label"],
        colour,
    )


@register.inclusion_tag("components/status_legend.html")
def status_legend(key=None):
    return {"legend": status_scale.legend(key)}


@register.simple_tag(takes_context=True)
def can(context, permission, obj=None):
    """{% can "change_council" council as can_change %}"""
    return has_permission(context["request"].user, permission, obj)


@register.simple_tag
def chart_svg(chart):
    """The SVG of a charts.LineChart (components/chart.html)."""
    return chart_svg_markup(chart)


@register.filter
def svg_data_uri(markup) -> str:
    """SVG markup as a data: URL for an <img src> (components/chart.html in packs)."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(markup).encode()).decode("ascii")


@register.simple_tag
def table_head(*headers):
    """A GOV.UK table's head row: {% table_head "Measure" "Latest|numeric" "Change|hidden" %}.

    `|numeric` right-aligns a column's header; `|hidden` keeps it for screen readers only.
    """
    cells = []
    for header in headers:
        text, _, kind = header.partition("|")
        css = " govuk-table__header--numeric" if kind == "numeric" else ""
        label = (
            format_html('<span class="govuk-visually-hidden">{}</span>', text)
            if kind == "hidden"
            else text
        )
        cells.append(
            format_html('<th scope="col" class="govuk-table__header{}">{}</th>', css, label)
        )
    return format_html(
        '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>',
        format_html_join("", "{}", ((cell,) for cell in cells)),
    )


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
