"""What an import's comparison with the records is: each row to create, to update
(with its changes) or to leave, and the preview's counts and summary. The plan import
has a richer comparison of its own (inspections.imports); the others use these."""

import dataclasses
import datetime

from .spec import ParsedRow

KINDS = ("create", "update", "unchanged")


@dataclasses.dataclass
class RowPlan:
    """What importing one row does: create, update (with `changes`) or nothing."""

    row: ParsedRow
    kind: str  # "create", "update" or "unchanged"
    key: str  # how the preview names the row: "EHCPs issued · 31/03/2024"
    record: object = None  # the record the row updates or leaves
    changes: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    values: dict = dataclasses.field(default_factory=dict)  # what the service is given


@dataclasses.dataclass
class Preview:
    rows: list[RowPlan]

    def of(self, kind: str) -> list[RowPlan]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def counts(self) -> dict:
        return {kind: len(self.of(kind)) for kind in KINDS}

    @property
    def changes_anything(self) -> bool:
        return any(r.kind != "unchanged" for r in self.rows)

    def summary(self, what: str, plural: str) -> str:
        """The banner after saving: "Payments imported: 2 created, ..."."""
        if not self.changes_anything:
            return f"Nothing changed: the {plural} already match the file."
        n = self.counts
        return (
            f"{what} imported: {n['create']} created, {n['update']} updated, "
            f"{n['unchanged']} unchanged."
        )


def day_text(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "–"


def shown(value) -> str:
    return str(value) if value not in (None, "") else "–"


def mark_duplicates(rows: list[ParsedRow], key, *, column: str, message: str) -> None:
    """An error on each row whose `key(row)` an earlier row has already."""
    seen: dict = {}
    for row in rows:
        found = key(row)
        if found in seen:
            row.errors[column] = message.format(row=seen[found])
        else:
            seen[found] = row.number
