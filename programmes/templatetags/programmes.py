from django import template

from sendtracker.core import status as status_scale

from ..selectors import format_value

register = template.Library()


@register.filter
def measure_value(value, unit):
    """A value in its unit: 11%, £36,500,000, 4,267."""
    return format_value(value, unit)


@register.filter
def status_css(status):
    return status_scale.display(status)["css_class"] if status else ""


@register.inclusion_tag("programmes/_rating_tag.html")
def rating_tag(rating):
    """A measure's rating as a tag with its own words, in the colour of the status it means."""
    return {
        "label": rating.label,
        "css_class": status_scale.display(rating.status)["css_class"],
        "key": rating.key,
    }


@register.filter
def money_k(value):
    """Pounds as £'000, as council finance tables print them; negatives in brackets."""
    if value is None:
        return ""
    thousands = round(value / 1000)
    return f"({-thousands:,})" if thousands < 0 else f"{thousands:,}"
