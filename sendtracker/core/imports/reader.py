"""Read an uploaded CSV or XLSX file into a header row and rows of text cells."""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
XLSX_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file as a whole cannot be read; `message` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)


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


def _csv_rows(data: bytes):
    if b"\x00" in data:
        raise ImportFileError("The selected file must be a CSV or Excel (XLSX) file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            decoded = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise ImportFileError("The selected file must be saved as UTF-8 text")
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(decoded))]
    except csv.Error:
        raise ImportFileError("The selected file could not be read as CSV") from None


def _xlsx_rows(data: bytes, max_rows: int):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError(
            "The selected file could not be read as an Excel (XLSX) file"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_text(value) for value in row])
            if len(rows) > max_rows + 1:
                break
        return rows
    finally:
        workbook.close()


def read_table(upload, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS) -> Table:
    """Read `upload` (a Django UploadedFile) or raise ImportFileError with the reason.

    Blank rows are skipped; the first non-blank row is the header row. Formulas are
    kept as their text (beginning with "="), for the spec to refuse per cell.
    """
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith((".csv", ".xlsx")):
        raise ImportFileError("The selected file must be a CSV or Excel (XLSX) file")
    if upload.size == 0:
        raise ImportFileError("The selected file is empty")
    if upload.size > max_bytes:
        raise ImportFileError(
            f"The selected file must be smaller than {max_bytes // (1024 * 1024)}MB"
        )
    data = upload.read()
    if name.endswith(".xlsx"):
        if not data.startswith(XLSX_MAGIC):
            raise ImportFileError("The selected file must be a CSV or Excel (XLSX) file")
        raw = _xlsx_rows(data, max_rows)
    else:
        if data.startswith(XLSX_MAGIC):
            raise ImportFileError("The selected file must be a CSV or Excel (XLSX) file")
        raw = _csv_rows(data)
    numbered = [(n, cells) for n, cells in enumerate(raw, start=1) if any(c for c in cells)]
    if not numbered:
        raise ImportFileError("The selected file is empty")
    (_, headers), *rows = numbered
    if not rows:
        raise ImportFileError("The selected file has headings but no rows")
    if len(rows) > max_rows:
        raise ImportFileError(
            f"The selected file has more than {max_rows:,} rows. Split it into smaller files"
        )
    return Table(headers=headers, rows=rows)
