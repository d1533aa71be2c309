from django import template
from django.utils.html import format_html
from django_tables2 import RequestConfig

from sendtracker.core import status as status_scale

from ..filters import ProgrammeFilter
from ..selectors import format_value
from ..tables import ProgrammeTable, RiskTable

register = template.Library()


@register.filter
def measure_value(value, unit):
    """A value in its unit: 11%, £36,500,000, 4,267."""
    return format_value(value, unit)


@register.filter
def status_css(status):
    return status_scale.display(status)["css_class"] if status else ""


@register.simple_tag
def rating_tag(rating):
    """A measure's rating as a tag with its own words, in the colour of the status it means."""
    return format_html(
        '<strong class="govuk-tag {} app-status" data-rating="{}">{}</strong>',
        status_scale.display(rating.status)["css_class"],
        rating.key,
        rating.label,
    )


@register.filter
def money_k(value):
    """Pounds as £'000, as council finance tables print them; negatives in brackets."""
    if value is None:
        return ""
    thousands = round(value / 1000)
    return f"({-thousands:,})" if thousands < 0 else f"{thousands:,}"


@register.simple_tag(takes_context=True)
def programme_table(context, programmes, *, caption: str, exclude: str = ""):
    """The programmes the view chose, filtered by ?kind= and ?status=, as a table.

    A list the view has already cut to a number of rows cannot be filtered further, so
    it is drawn as it is.
    """
    request = context["request"]
    if not programmes.query.is_sliced:
        programmes = ProgrammeFilter(request.GET, queryset=programmes).qs
    table = ProgrammeTable(programmes, exclude=exclude.split() or None)
    table.caption = caption
    RequestConfig(request, paginate=False).configure(table)
    return table


@register.simple_tag(takes_context=True)
def risk_table(context, risks, programme, *, may_change: bool):
    table = RiskTable(risks, programme=programme, may_change=may_change)
    table.caption = "Risks"
    return table
