"""Cell parsers: each takes the cell's text and returns a value or raises CellError."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from sendtracker.core.money import TOO_MUCH

from .limits import quote


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def text(max_length: int = 300):
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError(f"must be {max_length:,} characters or fewer")
        return value

    return parse


def money(value: str) -> Decimal:
    """Pounds and pence: "£21,271.92" -> Decimal("21271.92"); never negative."""
    cleaned = re.sub(r"[£,\s]", "", value)
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CellError("must be an amount in pounds and pence, like 21271.92") from None
    # From a trillion up cannot be stored (money_field), nor compared to the penny.
    if not amount.is_finite() or abs(amount) >= TOO_MUCH:
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


def lookup(index: dict, *, what: str = "", message: str = "“{value}” is not a {what} we know"):
    """A parser that finds `normalise(value)` in `index`, or says what was not found.

    `message` may name the cell's `{value}` and `{what}`, and say what to write instead.
    """

    def parse(value: str):
        found = index.get(normalise(value))
        if found is None:
            raise CellError(message.format(value=quote(value), what=what))
        return found

    return parse


# Dates as councils write them in plans: "31/03/2022", "2022-03-31", "31 March 2022",
# "Dec 21", "Sept 2023", "March 22", and Excel's serial numbers ("44561").
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE_PATTERN = re.compile(
    r"(?P<iso>\b\d{4}-\d{1,2}-\d{1,2}\b)"
    r"|(?P<dmy>\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b)"
    rf"|(?P<dmony>\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+(?:\d{{4}}|\d{{2}})\b)"
    rf"|(?P<mony>\b{_MONTH}\s*[-'’]?\s*(?:\d{{4}}|\d{{2}})\b)"
    r"|(?P<serial>^\d{5}(?:\.0+)?$)",
    re.IGNORECASE,
)
EXCEL_EPOCH = datetime.date(1899, 12, 30)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _date_of(match: re.Match) -> datetime.date:
    """The date a DATE_PATTERN match names; a month alone is its last day."""
    text = match.group(0)
    kind = match.lastgroup
    if kind == "iso":
        year, month, day = (int(p) for p in text.split("-"))
    elif kind == "dmy":
        day, month, year = re.split(r"[/.]", text)
        day, month, year = int(day), int(month), _year(year)
    elif kind == "serial":
        serial = int(float(text))
        if not 20000 <= serial <= 80000:
            raise ValueError(text)
        return EXCEL_EPOCH + datetime.timedelta(days=serial)
    else:
        words = re.findall(r"[a-z]+|\d+", text.lower())
        numbers = [w for w in words if w.isdigit()]
        month = _MONTHS[next(w for w in words if w[:3] in _MONTHS and not w.isdigit())[:3]]
        if kind == "mony":
            return _month_end(_year(numbers[-1]), month)
        day, year = int(numbers[0]), _year(numbers[-1])
    return datetime.date(year, month, day)


def flexible_date(value: str) -> datetime.date:
    """One date, in any of the ways DATE_PATTERN reads (the whole cell)."""
    text = value.strip()
    match = DATE_PATTERN.fullmatch(text)
    if match is None:
        raise CellError(f"“{quote(text)}” is not a date we can read: write it like 31/03/2022")
    try:
        return _date_of(match)
    except ValueError:
        raise CellError(f"“{quote(text)}” is not a real date") from None


def dates_in(text: str) -> list[tuple[datetime.date, str]]:
    """Every date in `text` with what follows it on its line (a milestone's
    description, after a dash), in order. Raises CellError for text with no date, or
    one that is not a real date ("31/02/2022")."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        matches = list(DATE_PATTERN.finditer(line))
        if not matches:
            raise CellError(
                f"has “{quote(line)}”, which is not a date we can read: write 31/03/2022"
            )
        for index, match in enumerate(matches):
            try:
                due = _date_of(match)
            except ValueError:
                raise CellError(f"has “{match.group(0)}”, which is not a real date") from None
            end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
            rest = line[match.end() : end].strip()
            description = re.sub(r"^[-–—:]\s*", "", rest) if re.match(r"[-–—:]", rest) else ""
            found.append((due, description.strip()))
    return found
