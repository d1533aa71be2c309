"""The plan page's tables of actions, drawn by inspections.html (see there why)."""

from django import template

from .. import html

register = template.Library()


@register.simple_tag
def action_tables(groups, *, updates: str, user_id, next_url: str):
    """A table of actions for each group of rows: {"area": ..., "rows": [ActionRow]}."""
    return html.action_tables(groups, updates=updates, user_id=user_id, next_url=next_url)


@register.simple_tag
def action_cells(row, *, can_update: bool, next_url: str):
    """One action's row, inside `inspections/_action_row.html`'s tbody."""
    return html.action_row(row, can_update=can_update, next_url=next_url)
