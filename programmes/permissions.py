"""Who may change a programme and what hangs from it: workstreams, milestones, measures,
risks. The council's officers and site administrators, as core decides for its records."""

from sendtracker.core.permissions import can_change_council


def can_change_programme(user, programme) -> bool:
    return can_change_council(user, programme.council)
