"""The plan page's rows, drawn by inspections.html (see there why in Python)."""

from django import template

from .. import html

register = template.Library()


@register.simple_tag
def action_tbodies(rows, *, can_update: bool, next_url: str):
    """Each action of `rows` (selectors.ActionRow) in its tbody, as htmx swaps it."""
    return html.action_tbodies(rows, can_update=can_update, next_url=next_url)


@register.simple_tag
def action_cells(row, *, can_update: bool, next_url: str):
    """One action's row, inside `inspections/_action_row.html`'s tbody."""
    return html.action_row(row, can_update=can_update, next_url=next_url)
