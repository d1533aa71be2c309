"""The one write path: every service's change to a council's records goes through here.

A service wraps its writes in `council_write(council, by=user)`: one transaction, its
audit entries attributed to `by`. Before the transaction commits, each council the
write named (or `changed()` added inside it) has its `data_version` raised by one and
its figures recomputed by whoever registered to keep them (`keep_figures`), inside the
same transaction. So:

- a page's cache key is the council's `data_version` (and the date, where the page
  depends on it): any write to anything the council's pages show changes it, and no
  page needs a stamp of its own naming the tables it reads;
- the per-council figures the dashboards read (dashboards.summaries) are as true as
  the records they summarise, the moment the write commits.

Raising the version is an UPDATE of the council's row, taken before the figures are
recomputed: on PostgreSQL a second write to the same council waits there until the
first commits, and then recomputes from what the first wrote, so concurrent writes
cannot leave figures that miss one of them. Writes nest: an inner `council_write` (a
service calling another) adds its councils to the outer one, which does the work once.

Bulk loaders that bypass the services (generate_scale_data) call
`refresh_councils(ids)` when done, and `manage.py rebuild_summaries` recomputes every
council's figures (after a restore) and reports any that were wrong.
"""

import contextlib
import threading
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import F

from sendtracker.core.audit import acting_as

# The parts of a council's figures, as services name what they changed.
PLANS, PROGRAMMES, GRANTS = "plans", "programmes", "grants"

# A part of the figures and the function that recomputes it for some councils (ids),
# inside the caller's transaction.
_keepers: dict[str, Callable[[list[int]], None]] = {}

_state = threading.local()


def keep_figures(part: str, refresh: Callable[[list[int]], None]) -> None:
    """Register `refresh(council_ids)` to recompute figures of `part` after writes to it."""
    _keepers[part] = refresh


def parts() -> list[str]:
    return list(_keepers)


def _council_id(council) -> int:
    return council if isinstance(council, int) else council.pk


def changed(council, parts: Iterable[str] | None = None) -> None:
    """Inside a `council_write`: `council` (or its id) changed too, in these parts of
    its figures (every part when None; none, only its data version, when empty)."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        raise RuntimeError("changed() is only meaningful inside council_write()")
    if council is None:
        return
    wanted = pending.setdefault(_council_id(council), set())
    wanted.update(_keepers if parts is None else parts)


@contextlib.contextmanager
def council_write(*councils, by=None, parts: Iterable[str] | None = None):
    """One write to councils' records: a transaction, audited as `by`, whose councils'
    data versions and figures (`parts` of them: all when None, none when empty) are
    brought up to date before it commits. Call `changed()` inside for councils found
    later. With no council it is a plain audited transaction."""
    outer = getattr(_state, "pending", None) is None
    if outer:
        _state.pending = {}
    try:
        with transaction.atomic(), acting_as(by):
            for council in councils:
                changed(council, parts)
            yield
            if outer:
                pending, _state.pending = _state.pending, {}
                while pending:  # a keeper's refresh may itself name councils (rare)
                    _bring_up_to_date(pending)
                    pending, _state.pending = _state.pending, {}
    finally:
        if outer:
            _state.pending = None


def _bring_up_to_date(pending: dict[int, set[str]]) -> None:
    from sendtracker.core.models import Council

    ids = sorted(pending)  # one order for every writer: no deadlock between two
    Council.objects.filter(pk__in=ids).update(data_version=F("data_version") + 1)
    for part, refresh in _keepers.items():
        wanted = [pk for pk in ids if part in pending[pk]]
        if wanted:
            refresh(wanted)


def refresh_councils(council_ids: Iterable[int], *, parts: Iterable[str] | None = None) -> None:
    """Raise these councils' data versions and recompute their figures (after a bulk load)."""
    with council_write():
        for pk in council_ids:
            changed(pk, parts)
