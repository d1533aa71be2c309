"""How big an uploaded table may be once opened, and the checks that hold a file to it.

A 200 KB XLSX can expand to hundreds of megabytes, hold a cell of millions of
characters or a row of a million cells, and the libraries that read spreadsheets and
Word files build all of it in memory. So before openpyxl or python-docx sees a file,
every part of its zip is read here a piece at a time (never whole), its real expanded
size counted against the limit (a part's header may lie about it), and its XML checked
by expat as it streams: well formed, no DTD, cell references that are real, and no row,
sheet or cell bigger than the limits. The limits are settings (IMPORT_*) so that a
deployment can change them; each refusal says which limit the file passed.
"""

import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from django.conf import settings

# XLSX's own bounds: columns A to XFD, rows 1 to 1,048,576.
EXCEL_COLUMNS = 16_384
EXCEL_ROWS = 1_048_576
_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
CHUNK = 64 * 1024
QUOTED = 40  # characters of a cell a message quotes


@dataclass(frozen=True)
class Limits:
    expanded_bytes: int  # all the parts of a zipped file (XLSX, DOCX) once expanded
    parts: int  # files inside a zipped file
    cells_per_row: int
    cells: int  # in a sheet or a document's tables
    cell_chars: int  # characters in one cell
    part_elements: int  # XML elements in a part besides the cells (styles, settings, ...)

    @classmethod
    def from_settings(cls, *, expanded_bytes: int | None = None) -> "Limits":
        return cls(
            expanded_bytes=expanded_bytes or settings.IMPORT_MAX_EXPANDED_BYTES,
            parts=settings.IMPORT_MAX_PARTS,
            cells_per_row=settings.IMPORT_MAX_CELLS_PER_ROW,
            cells=settings.IMPORT_MAX_CELLS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            part_elements=settings.IMPORT_MAX_PART_ELEMENTS,
        )


class TooBig(Exception):
    """A file passes one of the limits; `message` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Unreadable(Exception):
    """A file is not what its format says (bad XML, a cell reference Excel cannot have)."""


def quote(value: str, length: int = QUOTED) -> str:
    """At most the first `length` characters of `value`, with "…" if it went on: what a
    message may quote of a cell, however long the cell."""
    return value if len(value) <= length else value[:length].rstrip() + "…"


def expanded_too_big(limits: Limits) -> TooBig:
    return TooBig(
        f"The selected file expands to more than {limits.expanded_bytes // (1024 * 1024)}MB "
        "when opened, so it cannot be read. Remove unused sheets or content and upload it "
        "again"
    )


# Too much in one row, or in one cell: (where, with the row's number or without it,
# the limit, and what to do), so that both messages are worded alike.
_IN_A_ROW = {
    "cells": (
        "Row {:,} of",
        "A row of",
        "cells_per_row",
        "cells. Delete the columns the import does not need and upload it again",
    ),
    "characters": (
        "A cell in row {:,} of",
        "A cell in",
        "cell_chars",
        "characters. Shorten it and upload the file again",
    ),
}


def _too_much(what: str, limits: Limits, row: int | None) -> TooBig:
    numbered, anywhere, limit, rest = _IN_A_ROW[what]
    where = numbered.format(row) if row else anywhere
    return TooBig(f"{where} the selected file has more than {getattr(limits, limit):,} {rest}")


def row_too_wide(limits: Limits, row: int | None) -> TooBig:
    return _too_much("cells", limits, row)


def cell_too_long(limits: Limits, row: int | None) -> TooBig:
    return _too_much("characters", limits, row)


def too_many_cells(limits: Limits) -> TooBig:
    return TooBig(
        f"The selected file has more than {limits.cells:,} cells. Delete unused rows and "
        "columns, or split it into smaller files"
    )


def check_archive(archive: zipfile.ZipFile, *, kind: str, limits: Limits) -> None:
    """Read every part of `archive` (an XLSX or DOCX) a piece at a time, refusing it
    with TooBig or Unreadable as soon as it passes a limit or is not well formed."""
    members = archive.infolist()
    if len(members) > limits.parts:
        raise TooBig(
            f"The selected file is made of more than {limits.parts:,} parts, so it cannot be "
            "read. Save it again as a new file and upload that"
        )
    # A header's sizes are what the file claims: checked first (nothing is expanded for
    # a file that admits to being too big), then counted as each part is read.
    if sum(m.file_size for m in members) > limits.expanded_bytes:
        raise expanded_too_big(limits)
    total = 0
    for member in members:
        scan = _scanner(member.filename, kind=kind, limits=limits)
        read = 0
        try:
            with archive.open(member) as part:
                while chunk := part.read(CHUNK):
                    read += len(chunk)
                    total += len(chunk)
                    if read > member.file_size or total > limits.expanded_bytes:
                        raise expanded_too_big(limits)
                    if scan is not None:
                        scan.feed(chunk)
            if scan is not None:
                scan.feed(b"", final=True)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise Unreadable(member.filename) from None
        except expat.ExpatError:
            raise Unreadable(member.filename) from None


def _scanner(name: str, *, kind: str, limits: Limits):
    lower = name.lower()
    if not lower.endswith((".xml", ".rels")):
        return None
    if kind == "xlsx" and lower.startswith("xl/worksheets/") and lower.count("/") == 2:
        return _SheetScan(limits)
    if kind == "xlsx" and lower == "xl/sharedstrings.xml":
        return _SharedStringsScan(limits)
    if kind == "docx" and lower == "word/document.xml":
        return _DocumentScan(limits)
    return _XMLScan(limits)


def _local(name: str) -> str:
    return name.rpartition(" ")[2].rpartition(":")[2]


class _XMLScan:
    """A part that must be well-formed XML without a DTD (no entity expansion), and, if
    it holds no cells (styles, settings, themes), of a bounded number of elements:
    openpyxl builds an object of each style, so 40 MB of styles in a 100 KB file would
    take it a minute and hundreds of megabytes."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.handlers()

    def handlers(self) -> None:
        self.elements = 0
        self.parser.StartElementHandler = self._count

    def _count(self, name: str, attrs: dict) -> None:
        self.elements += 1
        if self.elements > self.limits.part_elements:
            raise TooBig(
                "The selected file has too much formatting or other content besides its "
                "cells to be read. Copy the cells into a new file and upload that"
            )

    def _doctype(self, *args) -> None:
        raise Unreadable("a DTD")

    def feed(self, data: bytes, final: bool = False) -> None:
        self.parser.Parse(data, final)


class _SheetScan(_XMLScan):
    """A worksheet: real cell references, and no row, sheet or cell past the limits.

    openpyxl pads rows and fills gaps from the references and the sheet's stated size,
    so a reference far down or across costs as much as a cell in every place before it:
    the references are held to Excel's bounds and the row width to the limit."""

    def handlers(self) -> None:
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.row = 0
        self.column = 0
        self.in_row = 0
        self.cells = 0
        self.in_cell = False
        self.length = 0

    def start(self, name: str, attrs: dict) -> None:
        local = _local(name)
        if local == "row":
            number = attrs.get("r")
            if number is None:
                self.row += 1
            elif number.isascii() and number.isdigit() and 1 <= int(number) <= EXCEL_ROWS:
                self.row = int(number)
            else:
                raise Unreadable(f"row {number!r}")
            self.column = self.in_row = 0
        elif local == "c":
            ref = attrs.get("r")
            if ref is None:
                self.column += 1
            else:
                match = _CELL_REF.fullmatch(ref)
                if match is None:
                    raise Unreadable(f"cell {ref!r}")
                self.column = column_index(match[1])
                if not 1 <= self.column <= EXCEL_COLUMNS or not 1 <= int(match[2]) <= EXCEL_ROWS:
                    raise Unreadable(f"cell {ref!r}")
            self.in_row += 1
            self.cells += 1
            if max(self.column, self.in_row) > self.limits.cells_per_row:
                raise row_too_wide(self.limits, self.row)
            if self.cells > self.limits.cells:
                raise too_many_cells(self.limits)
            self.in_cell, self.length = True, 0

    def end(self, name: str) -> None:
        if _local(name) == "c":
            self.in_cell = False

    def text(self, data: str) -> None:
        if self.in_cell:
            self.length += len(data)
            if self.length > self.limits.cell_chars:
                raise cell_too_long(self.limits, self.row)


class _SharedStringsScan(_XMLScan):
    """The workbook's text cells, each held to the cell length."""

    def handlers(self) -> None:
        self.parser.StartElementHandler = self.start
        self.parser.CharacterDataHandler = self.text
        self.length = 0

    def start(self, name: str, attrs: dict) -> None:
        if _local(name) == "si":
            self.length = 0

    def text(self, data: str) -> None:
        self.length += len(data)
        if self.length > self.limits.cell_chars:
            raise cell_too_long(self.limits, None)


class _DocumentScan(_XMLScan):
    """A Word document's tables: cells per row (a merged cell counts each column it
    spans, as python-docx lists it), cells in all, and each cell's text."""

    def handlers(self) -> None:
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.rows: list[int] = []  # cells so far in each open row (tables nest)
        self.lengths: list[int] = []  # characters so far in each open cell
        self.cells = 0
        self.row_count = 0
        self.elements = 0

    def start(self, name: str, attrs: dict) -> None:
        # python-docx holds the whole document as an XML tree (about 140 bytes an
        # element): a document may have ten times the elements of another part.
        self.elements += 1
        if self.elements > 10 * self.limits.part_elements:
            raise TooBig(
                "The selected document is too long to be read. Copy the table you are "
                "importing into a new document and upload that"
            )
        local = _local(name)
        if local == "tr":
            self.rows.append(0)
            self.row_count += 1
        elif local == "tc":
            self.lengths.append(0)
            self._add_cells(1)
        elif local == "gridSpan" and self.rows:
            value = next((v for k, v in attrs.items() if _local(k) == "val"), "1")
            if not (value.isascii() and value.isdigit()):
                raise Unreadable(f"gridSpan {value!r}")
            self._add_cells(int(value) - 1)

    def _add_cells(self, count: int) -> None:
        if not self.rows:
            return
        self.rows[-1] += count
        self.cells += count
        if self.rows[-1] > self.limits.cells_per_row:
            raise row_too_wide(self.limits, None)
        if self.cells > self.limits.cells:
            raise too_many_cells(self.limits)

    def end(self, name: str) -> None:
        local = _local(name)
        if local == "tr" and self.rows:
            self.rows.pop()
        elif local == "tc" and self.lengths:
            self.lengths.pop()

    def text(self, data: str) -> None:
        if self.lengths:
            self.lengths[-1] += len(data)
            if self.lengths[-1] > self.limits.cell_chars:
                raise cell_too_long(self.limits, None)


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index
