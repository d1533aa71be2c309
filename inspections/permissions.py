"""Who may do what to an improvement plan and its actions, in the words of the plan page.

Each answers for the record's council through core's rules (sendtracker.core.permissions),
so a role means the same here as on every other page.
"""

from sendtracker.core import permissions as core
from sendtracker.core.permissions import can_change_council, can_sign_off


def can_change_plan(user, plan) -> bool:
    """The council's officers (and site administrators) keep its plans."""
    return can_change_council(user, plan.council)


def can_update_action(user, action) -> bool:
    """An action's status is updated by whoever keeps its plan, or by a health partner
    of the council who leads it (core's `update_action`)."""
    return core.can_update_action(user, action)


def can_sign_off_action(user, action) -> bool:
    """Only a board member of the plan's council signs an action off."""
    return can_sign_off(user, action.plan.council)
