"""Tables as CSV and XLSX downloads: the one way every list in the app is exported.

A table is declared once as `Column`s, each a title, a getter and a kind (text, lines,
date, money, number, status), and written by `download(export, fmt)`:

- XLSX is for people: a bold header row that stays in view (frozen at A2), column
  widths from the content (capped), dates as real dates shown dd/mm/yyyy, money as
  numbers shown in pounds (a Decimal is written digit for digit), a status as its
  word on its colour (the plan's status key), long or multi-line text wrapped.
  Written with openpyxl in write-only mode, so memory stays flat however many rows:
  widths are measured on the first `WIDTH_SAMPLE` rows.
- CSV is UTF-8 with a byte order mark (so Excel reads it as UTF-8), dates in ISO
  8601 (2026-11-30: the one form no reader takes for another day), money as plain
  decimals (1000000.00), a status as its word. Streamed row by row.

Neutralising formulas. A cell beginning with `=`, `+`, `-`, `@`, tab or carriage return
would be run as a formula by a spreadsheet. In CSV such text gets a leading apostrophe
(OWASP's advice: `=1+1` is written `'=1+1`). In XLSX every text cell is written as a
string cell, never a formula, and such text also gets Excel's quote prefix, which is
what Excel itself stores when someone types `'=1+1`: the cell shows and keeps `=1+1` as
text even when edited, and reads back unchanged, so an export imports back as it was.

django-tables2's own export (TableExport) was not used: it writes through tablib,
which offers no per-cell number format, fill or quote prefix, and it exports what a
django-tables2 table renders, while several pages (the plan page) draw their rows
without one.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sendtracker.core import status as status_scale

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

TEXT = "text"
LINES = "lines"  # text of several lines (one item a line), always wrapped
DATE = "date"
MONEY = "money"
NUMBER = "number"
# A core.status.Status value, shown as its word in the export's status key; a
# (word, Status) pair: another scale's word on a status's colour (a risk's band); or
# core.status.display()'s dict, for a row with a key of its own.
STATUS = "status"
KINDS = (TEXT, LINES, DATE, MONEY, NUMBER, STATUS)

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
WIDTH_SAMPLE = 500  # rows measured for column widths
MIN_WIDTH, MAX_WIDTH = 8, 60
WRAP_OVER = 50  # characters: longer text is wrapped


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading, how to read a row's value, and its kind."""

    title: str
    get: Callable[[object], object]
    kind: str = TEXT
    max_width: int = MAX_WIDTH

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}")


@dataclass
class Export:
    """What a download holds: its file name (without date and extension), sheet title,
    columns and rows (any iterable, read once), and the status key its statuses are
    coloured in."""

    name: str
    sheet: str
    columns: Sequence[Column]
    rows: Iterable
    status_key: str = status_scale.StatusKey.BRAG
    today: datetime.date = field(default_factory=timezone.localdate)

    def filename(self, fmt: str) -> str:
        """`leicester-plan-2-actions-2026-11-30.xlsx`: lower case, hyphens, no path."""
        return f"{slugify(self.name) or 'export'}-{self.today.isoformat()}.{fmt}"


def safe_text(value) -> str:
    """Text as CSV writes it: a leading apostrophe on what a spreadsheet would run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(moment: datetime.datetime) -> datetime.datetime:
    """A datetime in local time without a zone: spreadsheets have no time zones."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, microsecond=0)


def _shown_status(value, key) -> tuple[str, str]:
    """A STATUS column's value as (word, colour name)."""
    if isinstance(value, dict):
        return str(value["label"]), value["colour"]
    word = None
    if isinstance(value, tuple):
        word, value = value
    shown = status_scale.display(value, key)
    return str(word or shown["label"]), shown["colour"]


def _status_label(value, key) -> str:
    return _shown_status(value, key)[0] if value else ""


# CSV -------------------------------------------------------------------------------


def csv_value(value, kind: str, *, status_key=None) -> str:
    """One CSV cell: ISO dates, plain decimals, statuses as words, text neutralised."""
    if value is None or value == "":
        return ""
    if kind == STATUS:
        return safe_text(_status_label(value, status_key))
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return str(value)
    return safe_text(value)


class _Echo:
    """A file that hands back what is written to it, for csv.writer to stream through."""

    def write(self, value):
        return value


def csv_chunks(export: Export, *, bom: bool = True) -> Iterator[str]:
    """The export as CSV text, a row at a time (header first, BOM before it)."""
    writer = csv.writer(_Echo())
    header = writer.writerow([safe_text(c.title) for c in export.columns])
    yield ("\ufeff" + header) if bom else header
    for row in export.rows:
        yield writer.writerow(
            [csv_value(c.get(row), c.kind, status_key=export.status_key) for c in export.columns]
        )


def to_csv(export: Export, *, bom: bool = True) -> str:
    return "".join(csv_chunks(export, bom=bom))


# XLSX ------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def _display_width(value, kind: str, status_key) -> int:
    """Roughly how many characters wide a value shows (its longest line)."""
    if value is None or value == "":
        return 0
    if kind == STATUS:
        return len(_status_label(value, status_key))
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if kind == MONEY:
        return len(f"£{value:,.2f}")
    return max(len(line) for line in str(value).splitlines() or [""])


def _clean(text: str) -> str:
    # XML cannot hold most control characters; tabs, newlines and returns it can.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


class _XlsxCells:
    """Builds the styled cells of one write-only sheet.

    Each combination of styles is set once through openpyxl's style attributes, which
    register it with the workbook; later cells copy its style array, which costs a
    tenth of setting the attributes again (a third of the time of a large export).
    """

    def __init__(self, sheet, status_key):
        self.sheet = sheet
        self.status_key = status_key
        self.styles = {}

    def _cell(self, value, style: tuple) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value=value)
        known = self.styles.get(style)
        if known is not None:
            cell._style = copy(known)
            return cell
        kind, *options = style
        cell.alignment = _TOP
        if kind == "text":
            quoted, bold, wrap = options
            cell.quotePrefix = quoted
            if bold:
                cell.font = _BOLD
            if wrap:
                cell.alignment = _WRAP
        elif kind == "status":
            background, text = status_scale.HEX[options[0]]
            cell.fill = PatternFill("solid", fgColor=background)
            cell.font = Font(color=text, bold=True)
        elif kind == "datetime":
            cell.number_format = DATETIME_FORMAT
        elif kind == "date":
            cell.number_format = DATE_FORMAT
        elif kind == "money":
            cell.number_format = MONEY_FORMAT
        self.styles[style] = copy(cell._style)
        return cell

    def text(self, text: str, *, wrap: bool = False, bold: bool = False) -> WriteOnlyCell:
        text = _clean(text)
        wrap = wrap or "\n" in text or len(text) > WRAP_OVER
        cell = self._cell(text, ("text", text.startswith(FORMULA_STARTS), bold, wrap))
        cell.data_type = "s"  # never a formula, whatever the text
        return cell

    def cell(self, value, kind: str):
        if value is None or value == "":
            return None
        if kind == STATUS:
            word, colour = _shown_status(value, self.status_key)
            cell = self._cell(_clean(word), ("status", colour))
            cell.data_type = "s"
            return cell
        if isinstance(value, datetime.datetime):
            return self._cell(_local(value), ("datetime",))
        if isinstance(value, datetime.date):
            return self._cell(value, ("date",))
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return self._cell(value, ("money",) if kind == MONEY else ("number",))
        return self.text(str(value), wrap=kind == LINES)


def to_xlsx(export: Export) -> bytes:
    """The export as an XLSX workbook of one sheet."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", export.sheet)[:31])
    columns = export.columns
    rows = iter(export.rows)
    # Widths must be set before the first row is written: measure a sample of rows.
    sample = [[c.get(row) for c in columns] for row in islice(rows, WIDTH_SAMPLE)]
    for index, column in enumerate(columns):
        widest = max(
            [len(column.title)]
            + [_display_width(values[index], column.kind, export.status_key) for values in sample]
        )
        width = min(max(widest + 2, MIN_WIDTH), column.max_width)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    cells = _XlsxCells(sheet, export.status_key)
    sheet.append([cells.text(c.title, bold=True) for c in columns])
    for values in sample:
        sheet.append([cells.cell(v, c.kind) for v, c in zip(values, columns, strict=True)])
    for row in rows:
        sheet.append([cells.cell(c.get(row), c.kind) for c in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# Responses -------------------------------------------------------------------------


def download(export: Export, fmt: str, *, bom: bool = True) -> HttpResponse:
    """The export as an attachment in `fmt` ("csv" or "xlsx"); any other format is a 404.

    `bom=False` leaves out CSV's byte order mark, for files that tools read (360Giving).
    """
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_chunks(export, bom=bom), content_type=CONTENT_TYPES[fmt]
        )
    elif fmt == "xlsx":
        response = HttpResponse(to_xlsx(export), content_type=CONTENT_TYPES[fmt])
    else:
        raise Http404("No such format")
    response["Content-Disposition"] = content_disposition_header(True, export.filename(fmt))
    return response


def lines(items: Iterable[str]) -> str:
    """Items one a line, for a LINES column."""
    return "\n".join(item for item in items if item)
