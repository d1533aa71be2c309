"""The board's view of time: a plan "as at" a meeting, and what changed since the last.

Derived from the actions' StatusUpdate history (inspections.selectors.status_history:
(action id, at, status, stage, signed off), oldest first), never from snapshots: an
action's status at a moment is the one its latest update at or before it set, and an
action with no update by then was Not started.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from sendtracker.core.status import DELAYED, SEVERITY, Status

_RANK = {status.value: rank for rank, status in enumerate(SEVERITY)}
NOT_STARTED = Status.NOT_STARTED.value


def end_of(day: datetime.date) -> datetime.datetime:
    """The last moment of `day` in the service's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def states_at(history, moment: datetime.datetime) -> dict[int, tuple[str, str]]:
    """Each action's (status, stage) at `moment`, for actions updated by then."""
    states: dict[int, tuple[str, str]] = {}
    for action_id, at, status, stage, _signed in history:
        if at > moment:
            break
        states[action_id] = (status, stage)
    return states


def counts_at(history, moment: datetime.datetime, action_ids) -> dict[str, int]:
    """Actions by status at `moment`, a count for every status on the scale."""
    states = states_at(history, moment)
    counts = {s.value: 0 for s in Status}
    for action_id in action_ids:
        counts[states.get(action_id, (NOT_STARTED, ""))[0]] += 1
    return counts


@dataclass
class Change:
    action_id: int
    before: str
    after: str

    @property
    def slipped(self) -> bool:
        """Now delayed and worse than before on the scale."""
        return self.after in DELAYED and _RANK[self.after] < _RANK[self.before]


@dataclass
class SinceReport:
    since: datetime.datetime
    until: datetime.datetime
    moved: list[Change] = field(default_factory=list)
    slipped: list[Change] = field(default_factory=list)
    signed_off: list[int] = field(default_factory=list)


def changes_between(history, since: datetime.datetime, until: datetime.datetime) -> SinceReport:
    """What moved (its status differs), slipped (moved into a worse delay) and was signed off."""
    before = states_at(history, since)
    after = states_at(history, until)
    report = SinceReport(since, until)
    report.signed_off = sorted(
        {action_id for action_id, at, *_, signed in history if signed and since < at <= until}
    )
    for action_id in sorted(after):
        old = before.get(action_id, (NOT_STARTED, ""))[0]
        new = after[action_id][0]
        if old != new:
            change = Change(action_id, old, new)
            report.moved.append(change)
            if change.slipped:
                report.slipped.append(change)
    return report


def month_ends(last: datetime.date, months: int) -> list[datetime.date]:
    """The last day of each of `months` months, oldest first, ending with `last`'s month."""
    ends = []
    year, month = last.year, last.month
    for _ in range(months):
        following = datetime.date(year + (month == 12), month % 12 + 1, 1)
        ends.append(following - datetime.timedelta(days=1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(ends))


def monthly_counts(history, action_ids, ends) -> list[tuple[datetime.date, dict[str, int]]]:
    """Status counts at the end of each month in `ends`, in one pass over the history."""
    states: dict[int, str] = {}
    rows = []
    position = 0
    for day in ends:
        moment = end_of(day)
        while position < len(history) and history[position][1] <= moment:
            states[history[position][0]] = history[position][2]
            position += 1
        counts = {s.value: 0 for s in Status}
        for action_id in action_ids:
            counts[states.get(action_id, NOT_STARTED)] += 1
        rows.append((day, counts))
    return rows
