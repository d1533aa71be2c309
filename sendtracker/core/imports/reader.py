"""Read an uploaded CSV, XLSX or DOCX file into a header row and rows of text cells.

Every check of the file as a whole happens here, before any library parses it: size,
type by its first bytes (not its name alone), the expanded size of a ZIP-based file
and of each of its parts, the cells in a row and a sheet and the length of a cell
(limits.check_archive, which reads the zip a piece at a time, so a zip bomb is refused
unexpanded), encryption, macros and the number of rows. Each refusal is an
ImportFileError with one message for the user.
"""

import codecs
import csv
import datetime
import io
import itertools
import zipfile
from dataclasses import dataclass, field

from .limits import Limits, TooBig, Unreadable, cell_too_long, check_archive, row_too_wide

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
ZIP_MAGIC = b"PK\x03\x04"
XLSX_MAGIC = ZIP_MAGIC
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"  # old Office files, and every password-protected one
# How far down a sheet the header row may be (a title or a key above the table).
HEADER_SEARCH_ROWS = 30

FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (XLSX)", "docx": "Word (DOCX)"}


class ImportFileError(Exception):
    """The file as a whole cannot be read; `message` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)
    # Cells' fill colours, where asked for: {row number: {column index: "RRGGBB"}}.
    fills: dict[int, dict[int, str]] = field(default_factory=dict)
    # A Word table's rows may run on across a page break (ImportSpec.continued_by).
    continues_rows: bool = False


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        # repr is the shortest text that reads back as the same float: 21271.92, not
        # 21271.919999999998. Parsers then turn it into a Decimal.
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value).strip()


def formats_label(formats) -> str:
    names = [FORMAT_NAMES[f] for f in formats]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _a(label: str) -> str:
    return f"{'an' if label[:1] in 'AEIOU' else 'a'} {label}"


def _text_stream(data: bytes, not_text: str) -> io.TextIOBase:
    """`data` as text read as it is needed: UTF-16 (by its BOM), UTF-8, or Windows-1252
    if it is not UTF-8 (checked a piece at a time, so the text is never held whole)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        try:
            _check_decodes(data, encoding)
        except UnicodeDecodeError:
            raise ImportFileError(not_text) from None
    else:
        if b"\x00" in data:
            raise ImportFileError(not_text)
        # A BOM is dropped before decoding: some programs put one before Windows-1252 text.
        if data.startswith(b"\xef\xbb\xbf"):
            data = memoryview(data)[3:]
        try:
            _check_decodes(data, "utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")


def _check_decodes(data, encoding: str, chunk: int = 64 * 1024) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    for start in range(0, len(data), chunk):
        decoder.decode(data[start : start + chunk])
    decoder.decode(b"", final=True)


def _delimiter(first: str) -> str:
    """Comma, semicolon (Excel in much of Europe) or tab, by the first non-blank line."""
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


# A text cell that a spreadsheet would run as a formula, written with a leading
# apostrophe so that it is not (as this service's exports and OWASP's advice do).
_ESCAPED_FORMULA = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def _csv_rows(data: bytes, not_text: str, *, limits: Limits, unescape: bool = False):
    """Rows of stripped cells; `unescape`: "'=1+1" is read as the text "=1+1". A row or
    cell past the limits is refused as it is read (the whole text is within max_bytes)."""
    text = _text_stream(data, not_text)
    first = ""
    for line in text:
        if line.strip():
            first = line
            break
    text.seek(0)
    delimiter = _delimiter(first)
    number = 0

    def lines():
        # A line without quotes is as many cells as it has delimiters plus one: a line of
        # a million commas is refused before the csv module makes a million cells of it.
        for line in text:
            if '"' not in line and line.count(delimiter) >= limits.cells_per_row:
                raise row_too_wide(limits, number + 1)
            yield line

    try:
        for row in csv.reader(lines(), delimiter=delimiter):
            number += 1
            if len(row) > limits.cells_per_row:
                raise row_too_wide(limits, number)
            if any(len(cell) > limits.cell_chars for cell in row):
                raise cell_too_long(limits, number)
            cells = [cell.strip() for cell in row]
            if unescape:
                cells = [c[1:] if c.startswith(_ESCAPED_FORMULA) else c for c in cells]
            yield cells, None
    except TooBig as error:
        raise ImportFileError(error.message) from None
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ImportFileError(cell_too_long(limits, number + 1).message) from None
        raise ImportFileError("The selected file could not be read as CSV") from None


# The default Office theme's colours, for fills given as a theme colour (tints ignored).
_THEME = [
    "FFFFFF",
    "000000",
    "E7E6E6",
    "44546A",
    "4472C4",
    "ED7D31",
    "A5A5A5",
    "FFC000",
    "5B9BD5",
    "70AD47",
]


def _fill(cell) -> str | None:
    fill = getattr(cell, "fill", None)
    if fill is None or not getattr(fill, "fill_type", None):
        return None
    colour = fill.fgColor
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        return colour.rgb[-6:].upper()
    if colour.type == "indexed":
        from openpyxl.styles.colors import COLOR_INDEX

        if 0 <= colour.indexed < len(COLOR_INDEX) and colour.indexed < 64:
            return COLOR_INDEX[colour.indexed][-6:].upper()
    if colour.type == "theme" and 0 <= colour.theme < len(_THEME):
        return _THEME[colour.theme]
    return None


def _check_zip(data: bytes, *, kind: str, limits: Limits, not_kind: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(not_kind) from None
    names = {m.filename for m in members}
    expected = "xl/workbook.xml" if kind == "xlsx" else "word/document.xml"
    if expected not in names:
        raise ImportFileError(not_kind)
    if any(m.flag_bits & 0x1 for m in members):
        raise ImportFileError(
            "The selected file is password-protected. Remove the password and upload it again"
        )
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ImportFileError(
            "The selected file contains macros. Save it as a file without macros "
            f"({'.xlsx' if kind == 'xlsx' else '.docx'}) and upload that: macros are never run"
        )
    try:
        check_archive(archive, kind=kind, limits=limits)
    except TooBig as error:
        raise ImportFileError(error.message) from None
    except Unreadable:
        raise ImportFileError(not_kind) from None


def _xlsx_rows(data: bytes, *, formulas: str, fills: bool, not_kind: str):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=formulas == "cached", keep_vba=False
        )
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(not_kind) from None
    try:
        sheet = workbook.worksheets[0]
        # The sheet's stated size is not trusted (openpyxl would pad every row to it):
        # each row is as wide as its last cell, which check_archive has held to the limit.
        sheet.reset_dimensions()
        if fills:
            for row in sheet.iter_rows():
                yield (
                    [_text(c.value) for c in row],
                    {i: colour for i, c in enumerate(row) if (colour := _fill(c))},
                )
        else:
            for row in sheet.iter_rows(values_only=True):
                yield [_text(value) for value in row], None
    finally:
        workbook.close()


def _guarded(rows, not_kind: str):
    """`rows`, with any error of the library reading them (a damaged part found only as
    it is read: a cut-off sheet, a number Excel cannot hold) as ImportFileError."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except ImportFileError:
            raise
        except Exception:
            raise ImportFileError(not_kind) from None
        yield row


def _cell_text(cell) -> str:
    """A Word cell's paragraphs (bullets and numbered items included), one a line."""
    lines = [p.text.strip() for p in cell.paragraphs]
    return "\n".join(line for line in lines if line)


def _docx_rows(data: bytes, *, is_header, not_kind: str, no_table: str):
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a damaged file
        raise ImportFileError(not_kind) from None
    header = None
    for table in document.tables:
        rows = table.rows
        for index, row in enumerate(rows):
            cells = _row_cells(row)
            if header is None:
                if is_header is None or is_header(cells):
                    header = cells
                    yield cells, None
                    continue
                if index >= 3:
                    break  # not this table: its first rows are not the headings
                continue
            if index == 0 and is_header is not None and not is_header(cells):
                break  # a later table of other headings: not part of the plan
            yield cells, None
    if header is None:
        raise ImportFileError(no_table)


def _row_cells(row) -> list[str]:
    cells, seen = [], set()
    for cell in row.cells:
        # A merged cell is repeated once for each grid column it spans: keep it once,
        # and keep the columns in place with empty cells.
        key = id(cell._tc)
        cells.append("" if key in seen else _cell_text(cell))
        seen.add(key)
    return cells


def _format_of(name: str, data: bytes, formats) -> str:
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    wanted = f"The selected file must be {_a(formats_label(formats))} file"
    if ext in ("xlsm", "xltm", "docm", "dotm"):
        raise ImportFileError(
            "The selected file is macro-enabled. Save it as a file without macros "
            f"({formats_label([f for f in formats if f != 'csv'])}) and upload that: "
            "macros are never run"
        )
    if ext not in formats:
        raise ImportFileError(wanted)
    if data.startswith(OLE2_MAGIC):
        raise ImportFileError(
            "The selected file is password-protected or in an old format (Excel 97-2003 or "
            "Word 97-2003). Remove any password and save it as "
            f"{formats_label([f for f in formats if f != 'csv'])}, then upload it again"
        )
    if ext in ("xlsx", "docx") and not data.startswith(ZIP_MAGIC):
        raise ImportFileError(
            f"{wanted}: this one is another kind of file with a name ending .{ext}. Save it "
            f"as {FORMAT_NAMES[ext]} and upload it again"
        )
    if ext == "csv" and data.startswith(ZIP_MAGIC):
        raise ImportFileError(
            f"{wanted}: this one is an Excel or Word file with a name ending .csv"
        )
    return ext


def read_table(upload, **options) -> Table:
    """Read `upload` (a Django UploadedFile) or raise ImportFileError with the reason.

    The whole table at once: `iter_table`'s rows in a list (its options are this
    function's), for imports small enough to keep every row.
    """
    stream = iter_table(upload, **options)
    rows, fills = [], {}
    for number, cells, row_fills in stream:
        rows.append((number, cells))
        if row_fills:
            fills[number] = row_fills
    return Table(
        headers=stream.headers, rows=rows, fills=fills, continues_rows=stream.continues_rows
    )


class TableStream:
    """A table's header row, and its rows read one at a time as (row number in the file,
    cells, {column index: fill colour}). Iterate it once; reading a row past `max_rows`
    raises ImportFileError there."""

    def __init__(self, headers: list[str], rows, *, continues_rows: bool = False):
        self.headers = headers
        self.continues_rows = continues_rows
        self._rows = rows

    def __iter__(self):
        return self._rows


def iter_table(
    upload,
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_expanded: int | None = None,
    formats=("csv", "xlsx"),
    formulas: str = "refuse",
    fills: bool = False,
    is_header=None,
    no_table_message: str = "The document has no table with the headings of this import",
) -> TableStream:
    """Check `upload` (a Django UploadedFile) and find its header row and first row, or
    raise ImportFileError with the reason; its rows are then read as they are iterated,
    so that a big file is never held as rows (only its bytes, within `max_bytes`).

    Blank rows are skipped. The header row is the first non-blank one, or, given
    `is_header(cells) -> bool`, the first that passes it within the first rows (a title
    may sit above a table); in a DOCX, tables whose first row passes it are read one
    after the other (a table broken across pages), and their repeated header rows
    skipped. `formulas`: "refuse" keeps a formula as its text (beginning with "=") for
    the spec to refuse; "cached" reads the value Excel last calculated, and a CSV cell
    escaped with an apostrophe ("'=1+1", as exports write text that is not a formula)
    as its text. `fills`: also read XLSX cells' fill colours. Macros are never run:
    openpyxl and python-docx do not run them, and a file with macros is refused.
    """
    name = (getattr(upload, "name", "") or "").lower()
    limits = Limits.from_settings(expanded_bytes=max_expanded)
    if upload.size == 0:
        raise ImportFileError("The selected file is empty")
    if upload.size > max_bytes:
        raise ImportFileError(
            f"The selected file must be smaller than {max_bytes // (1024 * 1024)}MB"
        )
    data = upload.read()
    if not data.strip():
        raise ImportFileError("The selected file is empty")
    kind = _format_of(name, data, formats)
    not_kind = (
        f"The selected file could not be read as {_a(FORMAT_NAMES[kind])} file. It may be "
        "damaged, or another kind of file renamed"
    )
    if kind in ("xlsx", "docx"):
        _check_zip(data, kind=kind, limits=limits, not_kind=not_kind)
    if kind == "xlsx":
        rows = _xlsx_rows(data, formulas=formulas, fills=fills, not_kind=not_kind)
        raw = _guarded(rows, not_kind)
    elif kind == "docx":
        raw = _guarded(
            _docx_rows(data, is_header=is_header, not_kind=not_kind, no_table=no_table_message),
            not_kind,
        )
    else:
        # Read as values, a CSV's "'=..." is text a spreadsheet was kept from running.
        raw = _csv_rows(
            data,
            f"The selected file must be {_a(formats_label(formats))} file",
            limits=limits,
            unescape=formulas == "cached",
        )
    return _tabulate(raw, max_rows=max_rows, is_header=is_header, continues=kind == "docx")


def _tabulate(raw, *, max_rows: int, is_header, continues: bool) -> TableStream:
    """The header row and the rows after it. Given `is_header`, the header row is the
    first of the first rows to pass it; if none does, the first row (so that the spec
    can say which headings are missing)."""
    raw = enumerate(raw, start=1)
    headers = None
    waiting: list[tuple[int, list[str], dict | None]] = []  # rows above a header not found yet
    for number, (cells, row_fills) in raw:
        if not any(cells):
            continue
        if is_header is None or is_header(cells):
            headers = cells
            break
        waiting.append((number, cells, row_fills))
        if len(waiting) >= HEADER_SEARCH_ROWS:
            break
    rest = []
    if headers is None:
        if not waiting:
            raise ImportFileError("The selected file is empty")
        (_, headers, _), *rest = waiting
        raw = iter(())  # no header among the first rows: the spec names what is missing

    stream = _rows_after(headers, rest, raw, max_rows=max_rows)
    try:
        first = next(stream)
    except StopIteration:
        raise ImportFileError("The selected file has headings but no rows") from None
    return TableStream(headers, itertools.chain([first], stream), continues_rows=continues)


def _rows_after(headers, waiting, raw, *, max_rows: int):
    """(number, cells, fills) of each row after the header, as the file is read."""
    count = 0

    def numbered():
        yield from waiting
        for number, (cells, row_fills) in raw:
            yield number, cells, row_fills

    for number, cells, row_fills in numbered():
        if not any(cells) or cells == headers:
            continue  # blank, or a heading row repeated (a table continued on the next page)
        count += 1
        if count > max_rows:
            raise ImportFileError(
                f"The selected file has more than {max_rows:,} rows. Split it into smaller files"
            )
        yield number, cells, row_fills or {}
