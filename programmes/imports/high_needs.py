"""A council's High Needs Block years: one row a year, or a report's table."""

import dataclasses
import re
from decimal import Decimal

from sendtracker.core.errors import DomainError
from sendtracker.core.imports import Column, ImportSpec, ParsedRow
from sendtracker.core.imports.changes import Preview, RowPlan, shown
from sendtracker.core.imports.limits import quote
from sendtracker.core.imports.parsers import CellError, lookup, normalise
from sendtracker.core.imports.parsers import text as text_of

from ..models import FigureKind, HighNeedsYear

HIGH_NEEDS_HEADINGS = [
    "Year",
    "Figures",
    "Direct spend",
    "Indirect spend",
    "Allocation",
    "Cumulative deficit",
    "Source",
]
HIGH_NEEDS_AMOUNTS = {
    "direct_spend": "Direct spend",
    "indirect_spend": "Indirect spend",
    "allocation": "Allocation",
    "cumulative_deficit": "Cumulative deficit",
}
FIGURE_WORDS = {
    "actual": FigureKind.ACTUAL,
    "actuals": FigureKind.ACTUAL,
    "outturn": FigureKind.ACTUAL,
    "forecast": FigureKind.FORECAST,
    "budget": FigureKind.FORECAST,
}


def parse_year(value: str) -> int:
    """The year a financial year starts: "2019/20", "2019-20", "2019-2020", "2019"."""
    text_ = value.strip()
    match = re.fullmatch(r"(?:fy\s*)?(\d{4})(?:\s*[/\-–]\s*(\d{2}|\d{4}))?", text_, re.IGNORECASE)
    if match is None:
        raise CellError(f"“{value}” is not a financial year: write it like 2019/20")
    start = int(match.group(1))
    if match.group(2):
        end = int(match.group(2))
        if end % 100 != (start + 1) % 100:
            raise CellError(f"“{value}” is not a financial year: the years must follow on")
    if not 2000 <= start <= 2100:
        raise CellError(f"“{value}” is not a financial year from 2000/01 to 2100/01")
    return start


_figures = lookup(FIGURE_WORDS, message="“{value}” is not Actual or Forecast")


def _amount(value: str) -> Decimal:
    """Money as the app parses it (core.money): "£32,717,000", "32717000.00"; an amount
    in brackets, as accounts write an allocation taken off ("(60,153)"), is that amount."""
    from sendtracker.core.money import parse_money

    text_ = value.strip()
    if re.fullmatch(r"\(.*\)", text_):
        text_ = text_[1:-1]
    try:
        return parse_money(
            text_,
            field="amount",
            label="amount",
            allow_none=False,
            not_an_amount="must be an amount in pounds, like 32717000",
            too_precise="must be to the penny at most",
        )
    except DomainError as error:
        message = error.message
        if message.startswith("The amount "):
            message = message.removeprefix("The amount ")
        raise CellError(message) from None


def high_needs_spec() -> ImportSpec:
    return HighNeedsSpec(
        columns=[
            Column(
                "Year",
                "year",
                parse_year,
                required=True,
                unique=True,
                aliases=("Financial year",),
            ),
            Column(
                "Figures",
                "kind",
                _figures,
                required=True,
                aliases=("Kind", "Actual or forecast"),
            ),
            Column("Direct spend", "direct_spend", _amount, required=True, aliases=("Direct",)),
            Column(
                "Indirect spend", "indirect_spend", _amount, required=True, aliases=("Indirect",)
            ),
            Column(
                "Allocation",
                "allocation",
                _amount,
                required=True,
                aliases=("DSG high-needs allocation", "Less allocation"),
            ),
            Column(
                "Cumulative deficit",
                "cumulative_deficit",
                _amount,
                optional_heading=True,
            ),
            Column("Source", "source", text_of(300), optional_heading=True),
        ],
        refuse_formulas=False,
    )


# The report's layout: years across, cost lines down ----------------------------------

_YEAR_HEADING = re.compile(
    r"\b(actuals?|outturn|forecast|budget)\b\D*?(\d{4}\s*[/\-–]\s*\d{2,4})", re.IGNORECASE
)
_IGNORED_LINES = ("overspend", "underspend", "year on year", "increase", "growth")


def _report_years(cells: list[str]) -> list[tuple[int, str, str, bool]] | None:
    """The year columns of a report's table ("Forecast 2022/23 £'000"): (position,
    financial year, Actual or Forecast, in thousands) each; None for another table."""
    found = []
    for i, cell in enumerate(cells):
        match = _YEAR_HEADING.search(cell or "")
        if match and i > 0:
            thousands_ = bool(re.search(r"000|thousand", cell, re.IGNORECASE))
            found.append((i, match.group(2), match.group(1), thousands_))
    return found or None


def _label(cells: list[str]) -> str:
    return normalise(re.sub(r"<[^>]+>", "", cells[0] if cells else ""))


class HighNeedsSpec(ImportSpec):
    """One row a year; or a council report's table as seed 002's Appendix 5 has it:
    the years across ("Actuals 2019/20 £'000", "Forecast 2022/23 £'000"), cost lines
    down in a direct and an indirect section, each ending in an unlabelled subtotal,
    then the total and "Less Allocation". The report's table is read into one row a
    year (so the preview and the save are the same), checking that each section's
    lines add up to its subtotal and the sections to the total; the overspend and
    growth lines are derived here, so they are not read."""

    def is_header(self, cells: list[str]) -> bool:
        return super().is_header(cells) or _report_years(cells) is not None

    def parse(self, table):
        years = _report_years(table.headers)
        if years is None or super().is_header(table.headers):
            return super().parse(table)
        return self._parse_report(table, years)

    def _parse_report(self, table, years):
        from sendtracker.core.imports import ParseResult

        result = ParseResult(columns=self.columns)
        lines = {"direct": [], "indirect": []}  # (row number, label, cells)
        subtotals, totals, allocation = {}, None, None
        section = None
        for number, cells in table.rows:
            label = _label(cells)
            numbers = any((cells[i] if i < len(cells) else "").strip() for i, *_ in years)
            if not numbers:
                if label.startswith("indirect"):
                    section = "indirect"
                elif label.startswith("direct"):
                    section = "direct"
                continue
            if any(word in label for word in _IGNORED_LINES):
                continue
            if "allocation" in label:
                allocation = (number, cells)
            elif label.startswith("total"):
                totals = (number, cells)
            elif not label and section:
                subtotals[section] = (number, cells)
            elif section:
                lines[section].append((number, cells))
            else:
                result.file_errors.append(
                    f"Row {number}: “{quote(cells[0])}” is not in the direct or the indirect "
                    "costs: put it under “Direct placement costs” or “Indirect costs”"
                )
        if allocation is None:
            result.file_errors.append("The table has no “Less Allocation” row")
        for name in ("direct", "indirect"):
            if not lines[name] and name not in subtotals:
                result.file_errors.append(f"The table has no {name} costs")
        if result.file_errors:
            return result
        raws = []
        for i, year, kind, in_thousands in years:
            column = _ReportColumn(table.headers[i], i, in_thousands, result.file_errors)
            raw = {"year": year, "kind": kind}
            for name in ("direct", "indirect"):
                added = sum(column.amount(row) or 0 for row in lines[name])
                total = column.amount(subtotals[name], blank=None) if name in subtotals else None
                if total is not None and lines[name] and added != total and not column.bad:
                    column.error(
                        f"the {name} costs add up to {column.shown(added)}, but row "
                        f"{subtotals[name][0]} says {column.shown(total)}"
                    )
                raw[f"{name}_spend"] = _plain(total if total is not None else added)
            spent = Decimal(raw["direct_spend"]) + Decimal(raw["indirect_spend"])
            total = column.amount(totals, blank=None) if totals is not None else None
            if total is not None and total != spent and not column.bad:
                column.error(
                    f"direct and indirect costs add up to {column.shown(spent)}, but row "
                    f"{totals[0]} says {column.shown(total)}"
                )
            raw["allocation"] = _plain(column.amount(allocation) or Decimal(0))
            raws.append((i + 1, raw))
        if result.file_errors:
            return result
        result.mapping = [(table.headers[i], "Year") for i, *_ in years] + [
            ("Direct placement costs", "Direct spend"),
            ("Indirect costs", "Indirect spend"),
            ("Less Allocation", "Allocation"),
        ]
        result.rows = [self.parse_row(number, raw) for number, raw in raws]
        self._check_unique(result)
        return result


@dataclasses.dataclass
class _ReportColumn:
    """One year's column of a report's table: its amounts in pounds, its errors."""

    heading: str
    position: int
    in_thousands: bool
    errors: list[str]
    bad: bool = False  # an amount could not be read: its sums are not checked

    def amount(self, row, *, blank=Decimal(0)) -> Decimal | None:
        number, cells = row
        cell = (cells[self.position] if self.position < len(cells) else "").strip()
        if not cell:
            return blank  # an empty line in a year: nothing spent on it that year
        try:
            value = _amount(cell)
        except CellError as error:
            self.errors.append(
                f"Row {number}, column “{quote(self.heading)}”: “{quote(cell)}” {error.message}"
            )
            self.bad = True
            return None
        return value * 1000 if self.in_thousands else value

    def shown(self, value: Decimal) -> str:
        return f"{(value / 1000 if self.in_thousands else value).normalize():,f}"

    def error(self, message: str) -> None:
        self.errors.append(f"Column “{self.heading}”: {message}")


def _plain(value: Decimal) -> str:
    return f"{value:f}"


def thousands(result) -> set[str]:
    """The amount columns whose heading says £'000 (as seed 002's table does)."""
    labels = {label: key for key, label in HIGH_NEEDS_AMOUNTS.items()}
    return {
        labels[label]
        for heading, label in result.mapping
        if label in labels and re.search(r"000|thousand", heading, re.IGNORECASE)
    }


def compare_high_needs(council, rows: list[ParsedRow], *, in_thousands=()) -> Preview:
    """What importing `rows` would do to the council's High Needs Block years."""
    existing = {y.year_starting: y for y in HighNeedsYear.objects.filter(council=council)}
    plans = []
    for row in rows:
        values = dict(row.values)
        for key in in_thousands:
            if values.get(key) is not None:
                values[key] = values[key] * 1000
        year = values["year"]
        label = f"{year}/{(year + 1) % 100:02d}"
        found = existing.get(year)
        if "source" not in values:
            values["source"] = found.source if found else ""
        values["source"] = values["source"] or ""
        if "cumulative_deficit" not in values:
            values["cumulative_deficit"] = found.cumulative_deficit if found else None
        if found is None:
            changes = [("Figures", "", FigureKind(values["kind"]).label)] + [
                (heading, "", _money_text(values[key]))
                for key, heading in HIGH_NEEDS_AMOUNTS.items()
                if values[key] is not None
            ]
            plans.append(RowPlan(row=row, kind="create", key=label, values=values, changes=changes))
            continue
        plan = RowPlan(row=row, kind="unchanged", key=label, record=found, values=values)
        if values["kind"] != found.kind:
            plan.changes.append(
                ("Figures", found.get_kind_display(), FigureKind(values["kind"]).label)
            )
        for key, heading in HIGH_NEEDS_AMOUNTS.items():
            old, new = getattr(found, key), values[key]
            if old != new:
                plan.changes.append((heading, _money_text(old), _money_text(new)))
        if values["source"] != found.source:
            plan.changes.append(("Source", shown(found.source), shown(values["source"])))
        if plan.changes:
            plan.kind = "update"
        plans.append(plan)
    return Preview(rows=plans)


def _money_text(value) -> str:
    return f"£{value:,.2f}" if value is not None else "–"
