"""The one write path: every service's change to a council's records goes through here.

A service wraps its writes in `council_write(council, by=user, parts=[PLANS])`: one
transaction, its audit entries attributed to `by`. Before the transaction commits,
each council the write named (or `changed()` added inside it) has, in one UPDATE of
its row, its `data_version` raised by one, and the version of each part of its
records the write changed ("plans", "programmes", "grants"). So:

- a page's cache key is the council's `data_version` (and the date, where the page
  depends on it: sendtracker.core.fragments.data_key): any write to anything the
  council's pages show changes it, and no page names the tables it reads;
- figures computed from a part of a council's records (dashboards.summaries) record
  the part's version they were computed at, and hold only while it is still the
  council's: no write can leave them wrong, and a write costs one statement more.

On PostgreSQL the UPDATE also takes the council's row lock, so concurrent writes to
one council commit one after the other. Writes nest: an inner `council_write` (a
service calling another) adds its councils to the outer one, which does the UPDATE.
Bulk loaders that bypass the services (generate_scale_data) call `refresh_councils`.
"""

import contextlib
import threading
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from sendtracker.core.audit import acting_as

# The parts of a council's records, as services name what they changed.
PLANS, PROGRAMMES, GRANTS = "plans", "programmes", "grants"
PARTS = (PLANS, PROGRAMMES, GRANTS)

_state = threading.local()


def _council_id(council) -> int:
    return council if isinstance(council, int) else council.pk


def changed(council, parts: Iterable[str] | None = None) -> None:
    """Inside a `council_write`: `council` (or its id) changed too, in these parts of its
    records (every part when None; none, only its data version, when empty)."""
    pending = getattr(_state, "pending", None)
    if pending is None:
        raise RuntimeError("changed() is only meaningful inside council_write()")
    if council is None:
        return
    parts = PARTS if parts is None else tuple(parts)
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise ValueError(f"Unknown parts: {', '.join(sorted(unknown))}")
    pending.setdefault(_council_id(council), set()).update(parts)


@contextlib.contextmanager
def council_write(*councils, by=None, parts: Iterable[str] | None = None):
    """One write to councils' records: a transaction, audited as `by`, that raises their
    data versions and the versions of `parts` (all when None, none when empty) before
    it commits. Call `changed()` inside for councils found later. With no council it is
    a plain audited transaction."""
    outer = getattr(_state, "pending", None) is None
    if outer:
        _state.pending = {}
    try:
        with transaction.atomic(), acting_as(by):
            for council in councils:
                changed(council, parts)
            yield
            if outer:
                _raise_versions(_state.pending)
    finally:
        if outer:
            _state.pending = None


def _raise_versions(pending: dict[int, set[str]]) -> None:
    from sendtracker.core.models import Council

    by_parts: dict[frozenset, list[int]] = {}
    for pk, parts in pending.items():
        by_parts.setdefault(frozenset(parts), []).append(pk)
    # One statement for the usual write (one council); councils in one order for every
    # writer, so that two writes to the same councils cannot deadlock.
    for parts, ids in sorted(by_parts.items(), key=lambda item: sorted(item[1])):
        versions = {f"{part}_version": F(f"{part}_version") + 1 for part in parts}
        Council.objects.filter(pk__in=sorted(ids)).update(
            data_version=F("data_version") + 1, **versions
        )


def refresh_councils(council_ids: Iterable[int], *, parts: Iterable[str] | None = None) -> None:
    """Raise these councils' versions, as a write would (after a bulk load)."""
    with council_write():
        for pk in council_ids:
            changed(pk, parts)


@contextlib.contextmanager
def unique_or_refused(message: str, *, field: str):
    """Inside a write: a row that a concurrent write has just taken the unique value of
    (the same new action ref, the same new email, submitted twice at once) is refused
    with `message` on `field`, as the service's own check refuses it when it is seen
    first, rather than failing the request. The check before it stays: this catches
    only the race between that check and the insert."""
    from django.db import IntegrityError

    from sendtracker.core.errors import DomainError

    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise DomainError(message, field=field) from None
