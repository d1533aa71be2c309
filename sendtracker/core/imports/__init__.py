"""A small framework for importing tables (CSV or XLSX) with a preview.

1. `read_table(upload)` reads the first sheet into text cells, refusing bad files
   (wrong type, empty, too big, too many rows) with one message each.
2. An `ImportSpec` of `Column`s maps headings to keys and parses each cell, collecting
   an error per row and column; `spec.parse(table)` never raises for bad cells.
3. `PreviewStore` keeps the raw rows of a valid file in the session under a random
   token, with a digest and a fingerprint of the target's state, so that the confirm
   step saves exactly what was previewed and refuses a stale, reused or forged token.
"""

from .parsers import CellError, money, text, whole_number
from .preview import PreviewError, PreviewStore
from .reader import ImportFileError, Table, read_table
from .spec import Column, ImportSpec, ParsedRow, ParseResult

__all__ = [
    "CellError",
    "Column",
    "ImportFileError",
    "ImportSpec",
    "ParseResult",
    "ParsedRow",
    "PreviewError",
    "PreviewStore",
    "Table",
    "money",
    "read_table",
    "text",
    "whole_number",
]
