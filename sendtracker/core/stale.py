"""The optimistic lock every edit form carries, and what a refused form shows.

A record people edit has a `version`. Its service reads the row under a lock and calls
`check_version`; a form opened before someone else saved is refused with a
StaleEditError whose `changes` (a list of `Change`) every form page shows through
templates/components/stale_changes.html, and nothing is overwritten.
"""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Model
from django.utils.text import capfirst

from sendtracker.core.errors import Change, Changes, StaleEditError

__all__ = [
    "Change",
    "Changes",
    "StaleEditError",
    "changes_since",
    "check_version",
    "lock_checked",
    "shown",
]

# The message of a refused form, naming the record ({what}); a record's status update
# (a line of its history) says UPDATED.
SAVED = (
    "Someone else saved this {what} after you opened the form. Your changes have not been "
    "saved. Check what is saved now, then make your changes again."
)
UPDATED = (
    "Someone else updated this {what} after you opened it. Your update has not been saved. "
    "Check their changes below, then make your update again."
)


def shown(value, field=None) -> str:
    """A value as the change list shows it: choices by their label, "(blank)" for none."""
    if value is None or value == "":
        return "(blank)"
    if hasattr(value, "all"):  # a related manager: the saved set, by name
        value = value.all()
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(str(item) for item in value) or "(none)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return f"{value:%-d %B %Y}"
    if field is not None and getattr(field, "choices", None):
        value = dict(field.flatchoices).get(value, value)
    text = str(value)
    return text if len(text) <= 120 else f"{text[:119]}…"


def _differs(saved, yours) -> bool:
    if hasattr(saved, "all"):
        return {item.pk for item in saved.all()} != {item.pk for item in yours}
    return saved != yours


def check_version(
    current: Model,
    expected_version: int | None,
    *,
    what: str,
    fields: dict | None = None,
    since: Callable[[], Iterable[Change]] | None = None,
    message: str = SAVED,
) -> None:
    """Refuse the write if `current` (read under a lock) moved on since the form was opened.

    The StaleEditError carries `changes_since(current, fields=..., since=...)`; its
    `message` may name `{what}`. An `expected_version` of None (a caller that opened
    no form, such as an import) checks nothing.
    """
    if expected_version is None or current.version == expected_version:
        return
    raise StaleEditError(
        message.format(what=what), changes=changes_since(current, fields=fields, since=since)
    )


def lock_checked(
    record: Model,
    expected_version: int | None,
    *,
    what: str,
    fields: dict | None = None,
    since: Callable[[Model], Iterable[Change]] | None = None,
    message: str = SAVED,
) -> Model:
    """Read `record` again under a lock and `check_version` it; return the locked row.

    `since`, if given, is called with the locked row.
    """
    current = type(record)._default_manager.select_for_update().get(pk=record.pk)
    check_version(
        current,
        expected_version,
        what=what,
        fields=fields,
        since=None if since is None else (lambda: since(current)),
        message=message,
    )
    return current


def changes_since(
    current: Model,
    *,
    fields: dict | None = None,
    since: Callable[[], Iterable[Change]] | None = None,
) -> Changes:
    """What someone else changed: the lines of history `since()` gives, then each of
    `fields` (name: the value the form sent) whose saved value differs, with both."""
    changes = Changes(since() if since is not None else [])
    for name, yours in (fields or {}).items():
        saved = getattr(current, name)
        if _differs(saved, yours):
            field = type(current)._meta.get_field(name)
            label = capfirst(str(getattr(field, "verbose_name", name)))
            changes.append(Change(label, shown(saved, field), shown(yours, field)))
    return changes
