"""Checks and wording the services share."""

from sendtracker.core.errors import DomainError


def required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def check_dates(start, end, *, field: str, message: str) -> None:
    if start and end and end < start:
        raise DomainError(message, field=field)
