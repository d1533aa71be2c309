"""What every programmes import's comparison is: rows to create, update or leave."""

import dataclasses
import datetime
import hashlib

from sendtracker.core.imports import ParsedRow
from sendtracker.core.models import Council


@dataclasses.dataclass
class RowPlan:
    """What importing one row does: create, update (with `changes`) or nothing."""

    row: ParsedRow
    kind: str  # "create", "update" or "unchanged"
    key: str  # how the preview names the row: "EHCPs issued · 31/03/2024"
    record: object = None
    changes: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    values: dict = dataclasses.field(default_factory=dict)  # what the service is given


@dataclasses.dataclass
class Preview:
    rows: list[RowPlan]

    def of(self, kind: str) -> list[RowPlan]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def counts(self) -> dict:
        return {kind: len(self.of(kind)) for kind in ("create", "update", "unchanged")}

    @property
    def changes_anything(self) -> bool:
        return any(r.kind != "unchanged" for r in self.rows)

    def summary(self, what: str, plural: str) -> str:
        if not self.changes_anything:
            return f"Nothing changed: the {plural} already match the file."
        n = self.counts
        return (
            f"{what} imported: {n['create']} created, {n['update']} updated, "
            f"{n['unchanged']} unchanged."
        )


def programmes_fingerprint(council, target: str) -> str:
    """What a preview depends on: every write to the council's programmes raises its
    programmes_version (core.writes), so a preview of an older version is refused."""
    version = Council.objects.filter(pk=council.pk).values_list("programmes_version", flat=True)
    return hashlib.sha256(f"{target}:{version.first()}".encode()).hexdigest()


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
