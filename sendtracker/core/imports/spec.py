"""Declared columns, parsed into values with an error per row and column."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .parsers import CellError, normalise
from .reader import Table

ROW = "__row__"  # key of errors that concern a whole row


@dataclass(frozen=True)
class Column:
    heading: str
    key: str
    parse: Callable[[str], Any]
    required: bool = False  # the cell must have a value (the heading is always needed)
    unique: bool = False  # no two rows may have the same value
    short_label: str = ""  # what messages call the column, if the heading is long

    @property
    def label(self) -> str:
        return self.short_label or self.heading


@dataclass
class ParsedRow:
    number: int
    raw: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class ParseResult:
    columns: list[Column]
    rows: list[ParsedRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.file_errors and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(len(row.errors) for row in self.rows)

    def raw_rows(self) -> list[list]:
        """[row number, {key: text}] pairs: what a preview stores."""
        return [[row.number, row.raw] for row in self.rows]


@dataclass
class ImportSpec:
    """The columns of one kind of import and, optionally, checks across a row or the file.

    `check_row(values) -> {key or ROW: message}` runs on rows whose cells all parsed;
    `check_file(rows) -> [message]` runs when every row is valid.
    """

    columns: list[Column]
    check_row: Callable[[dict], dict[str, str]] | None = None
    check_file: Callable[[list[ParsedRow]], list[str]] | None = None

    def parse(self, table: Table) -> ParseResult:
        result = ParseResult(columns=self.columns)
        positions = {normalise(h): i for i, h in enumerate(table.headers) if h}
        missing = [c.heading for c in self.columns if normalise(c.heading) not in positions]
        for heading in missing:
            result.file_errors.append(f"The file is missing the column “{heading}”")
        if missing:
            return result
        for number, cells in table.rows:
            raw = {}
            for column in self.columns:
                i = positions[normalise(column.heading)]
                raw[column.key] = cells[i] if i < len(cells) else ""
            result.rows.append(self.parse_row(number, raw))
        self._check_unique(result)
        if result.valid and self.check_file:
            result.file_errors.extend(self.check_file(result.rows))
        return result

    def parse_rows(self, raw_rows: list[list]) -> ParseResult:
        """Parse rows stored by a preview, as `parse` would have."""
        result = ParseResult(columns=self.columns)
        result.rows = [self.parse_row(number, raw) for number, raw in raw_rows]
        self._check_unique(result)
        if result.valid and self.check_file:
            result.file_errors.extend(self.check_file(result.rows))
        return result

    def parse_row(self, number: int, raw: dict[str, str]) -> ParsedRow:
        row = ParsedRow(number=number, raw=raw)
        for column in self.columns:
            value = raw.get(column.key, "")
            if value.startswith("="):
                row.errors[column.key] = (
                    f"{column.label} contains a formula: enter the value instead"
                )
            elif not value:
                if column.required:
                    row.errors[column.key] = f"Enter the {column.label.lower()}"
                row.values[column.key] = None
            else:
                try:
                    row.values[column.key] = column.parse(value)
                except CellError as error:
                    row.errors[column.key] = f"{column.label} {error.message}"
        if not row.errors and self.check_row:
            row.errors.update(self.check_row(row.values))
        return row

    def _check_unique(self, result: ParseResult) -> None:
        for column in self.columns:
            if not column.unique:
                continue
            seen = {}
            for row in result.rows:
                value = row.values.get(column.key)
                if value is None or column.key in row.errors:
                    continue
                if value in seen:
                    row.errors[column.key] = f"{column.label} is the same as in row {seen[value]}"
                else:
                    seen[value] = row.number
