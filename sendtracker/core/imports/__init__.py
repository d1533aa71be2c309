"""A small framework for importing tables (CSV or XLSX) with a preview.

1. `read_table(upload)` reads the first sheet into text cells, refusing bad files
   (wrong type, empty, too big, too many rows) with one message each; `iter_table`
   checks the file the same way and reads its rows one at a time, for big imports.
2. An `ImportSpec` of `Column`s maps headings to keys and parses each cell, collecting
   an error per row and column; `spec.parse(table)` never raises for bad cells, and
   `spec.stream(table)` parses row by row, keeping counts and the first errors only.
3. `PreviewStore` keeps the raw rows of a valid file in the session under a random
   token, with a digest and a fingerprint of the target's state, so that the confirm
   step saves exactly what was previewed and refuses a stale, reused or forged token.
"""

from .parsers import CellError, money, text, whole_number
from .preview import PreviewError, PreviewStore
from .reader import ImportFileError, Table, TableStream, iter_table, read_table
from .spec import Column, ImportSpec, ParsedRow, ParseResult, StreamedResult

__all__ = [
    "CellError",
    "Column",
    "ImportFileError",
    "ImportSpec",
    "ParseResult",
    "ParsedRow",
    "PreviewError",
    "PreviewStore",
    "StreamedResult",
    "Table",
    "TableStream",
    "iter_table",
    "money",
    "read_table",
    "text",
    "whole_number",
]
