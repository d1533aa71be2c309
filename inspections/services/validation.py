"""Checks and wording the services share."""

import datetime

from sendtracker.core.errors import DomainError


def required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


def check_dates(start, end, *, field: str, message: str) -> None:
    if start and end and end < start:
        raise DomainError(message, field=field)


def shown(value) -> str:
    if value is None or value == "":
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return f"“{str(value)[:120]}”"
