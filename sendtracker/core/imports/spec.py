"""Declared columns, parsed into values with an error per row and column.

Headings are matched forgivingly (heading_key): case, spacing, punctuation, kinds of
dash and words in brackets do not matter, a column may have aliases, and a heading
that begins with a column's heading or alias (a long heading with a note after it)
matches the column whose words it begins with most of.
"""

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .limits import QUOTED, quote
from .parsers import CellError, normalise
from .reader import Table

ROW = "__row__"  # key of errors that concern a whole row


def _shortened(message: str, value: str) -> str:
    """`message` quoting at most a short piece of the cell `value`, whatever the parser
    quoted (a parser may name the whole cell, and a cell may be long)."""
    return message.replace(value, quote(value)) if len(value) > QUOTED else message


def heading_key(heading: str) -> str:
    """A heading as matched: no words in brackets, no punctuation, lower case."""
    return normalise(re.sub(r"\([^)]*\)?|\[[^\]]*\]?", " ", heading or ""))


def join_continued(previous: str, more: str) -> str:
    """A cell's text continued in the next row (a table broken across pages)."""
    if not previous or not more:
        return previous or more
    if previous[-1] not in ".:;!?" and more[:1].islower():
        return f"{previous} {more}"  # a sentence broken mid-way
    return f"{previous}\n{more}"


@dataclass(frozen=True)
class Column:
    heading: str
    key: str
    parse: Callable[[str], Any]
    required: bool = False  # the cell must have a value (the heading is always needed)
    unique: bool = False  # no two rows may have the same value
    short_label: str = ""  # what messages call the column, if the heading is long
    aliases: tuple[str, ...] = ()  # other headings councils give the column
    optional_heading: bool = False  # the file may leave the column out
    fill: bool = False  # an empty cell takes its fill colour, as "#RRGGBB"

    @property
    def label(self) -> str:
        return self.short_label or self.heading

    @property
    def keys(self) -> list[str]:
        return [heading_key(h) for h in (self.heading, *self.aliases)]


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
    # Which heading of the file became which column, and the headings ignored.
    mapping: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.file_errors and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(len(row.errors) for row in self.rows)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def raw_rows(self) -> list[list]:
        """[row number, {key: text}] pairs: what a preview stores."""
        return [[row.number, row.raw] for row in self.rows]


MAX_ERROR_ROWS = 500  # rows with problems a streamed result keeps to show


@dataclass
class StreamedResult(ParseResult):
    """A ParseResult read one row at a time (ImportSpec.stream): iterate it, once, for
    every ParsedRow; it keeps only counts, the first `MAX_ERROR_ROWS` rows with errors
    (in `rows`, what the pages list) and the values of unique columns seen so far.

    Errors a reader of the rows adds to a row (as a comparison with the records does)
    are counted when it asks for the next row. `valid`, `error_count` and `row_count`
    are complete once every row has been read (`finish()`).
    """

    row_total: int = 0
    row_errors: int = 0
    _source: Any = field(default=None, repr=False)

    def __iter__(self):
        source, self._source = self._source, None
        if source is None:
            raise RuntimeError("A streamed result's rows can be read only once")
        for row in source:
            yield row
            self.row_total += 1
            if row.errors:
                self.row_errors += len(row.errors)
                if len(self.rows) < MAX_ERROR_ROWS:
                    self.rows.append(row)

    def finish(self) -> "StreamedResult":
        """Read whatever rows are left unread (to count them and their errors)."""
        if self._source is not None:
            for _ in self:
                pass
        return self

    @property
    def valid(self) -> bool:
        return not self.file_errors and not self.row_errors

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + self.row_errors

    @property
    def row_count(self) -> int:
        return self.row_total

    @property
    def errors_cut(self) -> bool:
        """Whether rows with problems were left out of `rows`."""
        return sum(len(row.errors) for row in self.rows) < self.row_errors


@dataclass
class ImportSpec:
    """The columns of one kind of import and, optionally, checks across a row or the file.

    `check_row(values) -> {key or ROW: message}` runs on rows whose cells all parsed;
    `check_file(rows) -> [message]` runs when every row is valid. `continued_by`: the
    key of a column that every row fills; in a Word table (Table.continues_rows), a
    row leaving it empty continues the row above (a row broken across pages), cell by
    cell; in a spreadsheet it is an error like any other empty required cell.
    `refuse_formulas`: a cell beginning "=" is an error (for files read with formulas
    kept as text).
    """

    columns: list[Column]
    check_row: Callable[[dict], dict[str, str]] | None = None
    check_file: Callable[[list[ParsedRow]], list[str]] | None = None
    continued_by: str | None = None
    refuse_formulas: bool = True

    def match(self, headers: list[str]) -> dict[str, int]:
        """{column key: position} of the columns `headers` has."""
        positions: dict[str, int] = {}
        taken: set[int] = set()
        keys = [(column, key) for column in self.columns for key in column.keys]
        # Exact headings first, then a heading beginning with a column's words (longest).
        for exact in (True, False):
            for i, header in enumerate(headers):
                wanted = heading_key(header)
                if i in taken or not wanted:
                    continue
                best = None
                for column, key in keys:
                    if column.key in positions:
                        continue
                    hit = wanted == key if exact else wanted.startswith(key + " ")
                    if hit and (best is None or len(key) > len(best[1])):
                        best = (column, key)
                if best:
                    positions[best[0].key] = i
                    taken.add(i)
        return positions

    def needed(self) -> list[Column]:
        return [c for c in self.columns if not c.optional_heading]

    def is_header(self, cells: list[str]) -> bool:
        """Whether `cells` are this import's heading row: every needed column is there."""
        found = self.match(cells)
        return all(c.key in found for c in self.needed())

    def parse(self, table: Table) -> ParseResult:
        """Every row of `table` parsed, then checked across rows (unique columns and
        `check_file`)."""
        streamed = self.stream(table, check_unique=False)
        result = ParseResult(
            columns=self.columns,
            file_errors=streamed.file_errors,
            mapping=streamed.mapping,
            ignored=streamed.ignored,
        )
        result.rows = list(streamed)
        self._check_unique(result)
        if result.valid and self.check_file:
            result.file_errors.extend(self.check_file(result.rows))
        return result

    def stream(self, table, *, check_unique: bool = True) -> StreamedResult:
        """`table`'s rows parsed one at a time as the result is iterated (see
        StreamedResult); `table` is a Table or a reader.TableStream. Unique columns are
        checked as rows come (a later row repeating a value is the one in error), and
        `check_file`, which needs every row, is not run: a spec with one is read with
        `parse`."""
        if check_unique and self.check_file:
            raise ValueError("A spec that checks the whole file cannot be streamed")
        result = StreamedResult(columns=self.columns)
        headers = list(table.headers)
        if isinstance(table, Table):
            fills = table.fills
            rows = ((number, cells, fills.get(number, {})) for number, cells in table.rows)
        else:
            rows = iter(table)
        headers, rows = self._sub_headings(headers, rows)
        positions = self.match(headers)
        missing = [c.heading for c in self.needed() if c.key not in positions]
        for heading in missing:
            result.file_errors.append(f"The file is missing the column “{heading}”")
        if missing:
            result._source = iter(())
            return result
        by_position = {i: key for key, i in positions.items()}
        labels = {c.key: c.label for c in self.columns}
        for i, header in enumerate(headers):
            if i in by_position:
                result.mapping.append((header, labels[by_position[i]]))
            elif header.strip():
                result.ignored.append(header)
        raws = self._raws(rows, positions, continues=table.continues_rows)
        parsed = (self.parse_row(number, raw) for number, raw in raws)
        result._source = self._unique(parsed) if check_unique else parsed
        return result

    def _raws(self, rows, positions: dict[str, int], *, continues: bool):
        """(row number, {key: text}) of each row, a row continuing the one above (a Word
        table broken across pages) joined to it."""
        pending = None
        for number, cells, fills in rows:
            raw = {}
            for column in self.columns:
                i = positions.get(column.key)
                if i is None:
                    if not column.optional_heading:
                        raw[column.key] = ""
                    continue
                value = cells[i] if i < len(cells) else ""
                if not value and column.fill and i in fills:
                    value = f"#{fills[i]}"
                raw[column.key] = value
            if self.continued_by and continues and pending and not raw.get(self.continued_by):
                previous = pending[1]
                for key, value in raw.items():
                    previous[key] = join_continued(previous.get(key, ""), value)
                continue
            if pending is not None:
                yield pending
            pending = (number, raw)
        if pending is not None:
            yield pending

    def _unique(self, rows):
        """Rows with an error on a unique column whose value an earlier row has."""
        seen = {column.key: {} for column in self.columns if column.unique}
        for row in rows:
            for key, values in seen.items():
                value = row.values.get(key)
                if value is None or key in row.errors:
                    continue
                if value in values:
                    label = next(c.label for c in self.columns if c.key == key)
                    row.errors[key] = f"{label} is the same as in row {values[value]}"
                else:
                    values[value] = row.number
            yield row

    def _sub_headings(self, headers, rows):
        """A second heading row (seed 002: "Status | RAG rating" under "SENDIB | "):
        its headings name the columns the first row left blank; it is skipped wherever
        it is repeated. `rows`: an iterator of (number, cells, fills)."""
        first = next(rows, None)
        if first is None:
            return headers, iter(())
        rows = itertools.chain([first], rows)
        cells = first[1]
        filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
        every = {key for column in self.columns for key in column.keys}
        if not filled or not all(heading_key(c) in every for _, c in filled):
            return headers, rows
        if all(i < len(headers) and headers[i].strip() for i, _ in filled):
            return headers, rows  # it names no column the first row left blank: data
        merged = list(headers) + [""] * max(0, len(cells) - len(headers))
        for i, cell in filled:
            if not merged[i].strip():
                merged[i] = cell
        return merged, (row for row in rows if row[1] != cells)

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
            if column.key not in raw and column.optional_heading:
                continue  # the file has no such column: the value is not given
            value = raw.get(column.key, "")
            if self.refuse_formulas and value.startswith("="):
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
                    row.errors[column.key] = f"{column.label} {_shortened(error.message, value)}"
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
