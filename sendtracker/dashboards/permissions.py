"""Who may record a board meeting on a council's dashboard: whoever keeps the council's records."""

from sendtracker.core.permissions import can_change_council


def can_record_meeting(user, council) -> bool:
    return can_change_council(user, council)
