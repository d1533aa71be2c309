"""The checks every app's services make of their arguments, each refusing with the
DomainError a user reads beside the form field."""

import re

from django.db.models import Choices

from sendtracker.core.errors import DomainError


def required(value: str, field: str, message: str) -> str:
    """`value` without surrounding spaces; refused if that leaves nothing."""
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    return value


# Characters that change what a page shows without being seen: line breaks and other
# control characters, and the bidirectional overrides and isolates (U+202E can make a
# reference read backwards).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def required_line(value: str, field: str, message: str, *, what: str) -> str:
    """`required`, for a short field (a reference, a title, a name): one line of text
    only, refused if it holds a line break or a character that changes how it reads."""
    value = required(value, field, message)
    if _HIDDEN.search(value):
        raise DomainError(
            f"{what[0].upper()}{what[1:]} must be one line of text, without line breaks or "
            "hidden formatting characters",
            field=field,
        )
    return value


def one_of(value, choices: type[Choices], field: str, message: str) -> None:
    """Refuse a value that is not one of `choices`' values."""
    if value not in choices.values:
        raise DomainError(message, field=field)


def check_dates(start, end, *, field: str, message: str) -> None:
    """Refuse an `end` before `start` (either may be blank)."""
    if start and end and end < start:
        raise DomainError(message, field=field)
