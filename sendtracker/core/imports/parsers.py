"""Cell parsers: each takes the cell's text and returns a value or raises CellError."""

import datetime
import re
from decimal import Decimal, InvalidOperation


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(max_length: int = 300):
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError(f"must be {max_length} characters or fewer")
        return value

    return parse


def money(value: str) -> Decimal:
    """Pounds and pence: "£21,271.92" -> Decimal("21271.92"); never negative."""
    cleaned = re.sub(r"[£,\s]", "", value)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CellError("must be an amount in pounds and pence, like 21271.92") from None
    if not amount.is_finite():
        raise CellError("must be an amount in pounds and pence, like 21271.92")
    if amount < 0:
        raise CellError("cannot be negative")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError("cannot have more than 2 decimal places")
    return amount.quantize(Decimal("0.01"))


def whole_number(value: str) -> int:
    if not re.fullmatch(r"[0-9]{1,6}", value):
        raise CellError("must be a whole number, like 14")
    return int(value)


def date(value: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError("must be a date, like 15/02/2023")


def normalise(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", value.lower()).strip()


def lookup(index: dict, *, what: str):
    """A parser that finds `normalise(value)` in `index`, or says what was not found."""

    def parse(value: str):
        found = index.get(normalise(value))
        if found is None:
            raise CellError(f"“{value}” is not a {what} we know")
        return found

    return parse
