"""Reference data for places: the 9 English regions and the 153 councils with SEND duties.

One loader serves the data migration (with historical models) and the
`refresh_councils` command. Incoming rows are matched to councils on the DfE LA
number, then on the ONS code or a council's previous ONS codes, so that older files
(county codes, Barnsley's and Sheffield's pre-2025 codes) still match.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"
COUNCILS_CSV = FIXTURES / "english_local_authorities.csv"
PREVIOUS_CODES_CSV = FIXTURES / "previous_ons_codes.csv"
REQUIRED_COLUMNS = {"name", "dfe_la_code", "ons_code", "type", "region_name", "region_ons_code"}
COUNCIL_TYPES = {
    "county council",
    "unitary authority",
    "metropolitan district",
    "London borough",
    "city corporation",
    "sui generis unitary authority",
}


class ReferenceDataError(ValueError):
    pass


@dataclass
class RefreshSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def read_rows(path: Path) -> list[dict]:
    """Read and check a councils CSV; raises ReferenceDataError naming the bad line."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise ReferenceDataError(f"line 1: missing columns {', '.join(sorted(missing))}")
        rows = []
        seen: dict[tuple[str, str], int] = {}
        for line, row in enumerate(reader, start=2):
            row = {key: (value or "").strip() for key, value in row.items() if key}
            for column in ("name", "region_name"):
                if not row[column]:
                    raise ReferenceDataError(f"line {line}: {column} is empty")
            if not row["region_ons_code"].startswith("E12") or len(row["region_ons_code"]) != 9:
                raise ReferenceDataError(
                    f"line {line}: region ONS code {row['region_ons_code']!r} is not valid"
                )
            for column in ("name", "dfe_la_code", "ons_code"):
                if (column, row[column]) in seen:
                    raise ReferenceDataError(
                        f"line {line}: {column} {row[column]!r} repeats line "
                        f"{seen[column, row[column]]}"
                    )
                seen[column, row[column]] = line
            if not row["dfe_la_code"].isdigit() or len(row["dfe_la_code"]) != 3:
                raise ReferenceDataError(f"line {line}: DfE LA code must be 3 digits")
            if row["type"] not in COUNCIL_TYPES:
                raise ReferenceDataError(f"line {line}: unknown council type {row['type']!r}")
            if not row["ons_code"].startswith("E") or len(row["ons_code"]) != 9:
                raise ReferenceDataError(f"line {line}: ONS code {row['ons_code']!r} is not valid")
            rows.append(row)
    return rows


def read_previous_codes(path: Path = PREVIOUS_CODES_CSV) -> dict[int, list[str]]:
    codes: dict[int, list[str]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault(int(row["dfe_la_code"]), []).append(row["previous_ons_code"])
    return codes


def sync(rows, *, Region, Council, previous_codes=None) -> RefreshSummary:
    """Create or update regions and councils from `rows` (see read_rows)."""
    previous_codes = previous_codes or {}
    summary = RefreshSummary()
    regions = {}
    for row in rows:
        code = row["region_ons_code"]
        if code not in regions:
            region, _ = Region.objects.update_or_create(
                ons_code=code,
                defaults={"name": row["region_name"], "slug": slugify(row["region_name"])},
            )
            regions[code] = region
    existing = list(Council.objects.all())
    by_dfe = {c.dfe_la_code: c for c in existing}
    by_ons = {}
    for council in existing:
        for code in [council.ons_code, *council.previous_ons_codes]:
            by_ons[code] = council
    for row in rows:
        dfe_code = int(row["dfe_la_code"])
        council = by_dfe.get(dfe_code) or by_ons.get(row["ons_code"])
        values = {
            "name": row["name"],
            "slug": slugify(row["name"]),
            "dfe_la_code": dfe_code,
            "ons_code": row["ons_code"],
            "type": row["type"],
            "region": regions[row["region_ons_code"]],
        }
        old_codes = list(previous_codes.get(dfe_code, []))
        if council is None:
            council = Council(previous_ons_codes=old_codes, **values)
            council.save()
            summary.created.append(council.name)
            continue
        if row["ons_code"] in {*old_codes, *council.previous_ons_codes}:
            # An older file: it matches on the code the council used to have, and must
            # not put that code back.
            values["ons_code"] = council.ons_code
        if council.ons_code != values["ons_code"] and council.ons_code not in old_codes:
            old_codes.append(council.ons_code)
        old_codes = sorted(set(old_codes) | set(council.previous_ons_codes))
        values["previous_ons_codes"] = old_codes
        changed = [name for name, value in values.items() if getattr(council, name) != value]
        if changed:
            for name in changed:
                setattr(council, name, values[name])
            council.save()
            summary.updated.append(f"{council.name} ({', '.join(changed)})")
        else:
            summary.unchanged += 1
    return summary
