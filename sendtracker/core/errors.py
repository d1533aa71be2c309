import datetime
from dataclasses import dataclass


class DomainError(Exception):
    """A rule of the domain refused a write.

    Carries the message a user should read and, where the rule is about one input,
    the form field it belongs to. Views turn it into a GOV.UK form error.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Change:
    """One line of what someone else changed since a form was opened.

    Either a field: its `label`, the value `saved` now and what the form sent (`yours`);
    or a line of the record's history (`yours` None): when and by whom (`label`) and
    what they did (`saved`).
    """

    label: str
    saved: str
    yours: str | None = None

    @classmethod
    def update(cls, at: datetime.datetime, by, what: str) -> "Change":
        """A line of history: at a time, by a user (None: the system), what they did."""
        return cls(f"{at:%d %b %Y %H:%M} by {by.email if by else 'the system'}", what)


class Changes(list):
    """A stale edit's changes, as templates/components/stale_changes.html shows them."""

    @property
    def history(self) -> list[Change]:
        return [change for change in self if change.yours is None]

    @property
    def fields(self) -> list[Change]:
        return [change for change in self if change.yours is not None]


class StaleEditError(DomainError):
    """Someone else saved the record after this form was opened (see core.stale)."""

    def __init__(self, message: str, *, changes: list[Change] | None = None):
        super().__init__(message)
        self.changes = Changes(changes or [])
