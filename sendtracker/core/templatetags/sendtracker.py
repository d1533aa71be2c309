import base64

from django import template

from sendtracker.core import status as status_scale
from sendtracker.core.permissions import has_permission

register = template.Library()


@register.inclusion_tag("components/status_tag.html")
def status_tag(status, key=None, show_colour=False):
    """A status as a GOV.UK tag with its word (and, if asked, its colour's name)."""
    if not status:
        return {"status": None}
    return {"status": status_scale.display(status, key), "show_colour": show_colour}


@register.inclusion_tag("components/status_legend.html")
def status_legend(key=None):
    return {"legend": status_scale.legend(key)}


@register.simple_tag(takes_context=True)
def can(context, permission, obj=None):
    """{% can "change_council" council as can_change %}"""
    return has_permission(context["request"].user, permission, obj)


@register.filter
def svg_data_uri(markup) -> str:
    """SVG markup as a data: URL for an <img src> (components/chart.html in packs)."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(markup).encode()).decode("ascii")
