from django import template

register = template.Library()


@register.filter
def pounds(value, blank="–"):
    """£21,271.92 from a Decimal; `blank` when there is none."""
    if value is None or value == "":
        return blank
    return f"£{value:,.2f}"
