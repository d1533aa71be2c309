"""The checks every app's services make of their arguments, each refusing with the
DomainError a user reads beside the form field."""

from django.db.models import Choices

from sendtracker.core.errors import DomainError


def required(value: str, field: str, message: str) -> str:
    """`value` without surrounding spaces; refused if that leaves nothing."""
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def one_of(value, choices: type[Choices], field: str, message: str) -> None:
    """Refuse a value that is not one of `choices`' values."""
    if value not in choices.values:
        raise DomainError(message, field=field)


def check_dates(start, end, *, field: str, message: str) -> None:
    """Refuse an `end` before `start` (either may be blank)."""
    if start and end and end < start:
        raise DomainError(message, field=field)
