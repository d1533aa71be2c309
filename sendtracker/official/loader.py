"""Loading published statistics files: the one way figures get into the official tables.

Each file is recognised by its headings (a publication is the set of columns it must
have; others are ignored, and their order does not matter), so next year's edition of
the same publication loads without a change here. A file is loaded whole or not at
all: the first bad row stops it with "FILE line N: what is wrong" and nothing from
that file is saved. A file already loaded (same publication, same SHA-256) writes
nothing. Figures are upserted on (level, code, year, indicator) and inspections on
(framework, council, start date), so a newer edition adds its new year and corrects
earlier ones. Ranks of councils are worked out here, once, so pages only read them.
"""

import csv
import datetime
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import transaction

from sendtracker.core.models import Council, Region

from .indicators import INDICATORS
from .models import (
    Edition,
    Figure,
    Framework,
    Level,
    Marker,
    Outcome,
    Publication,
    PublishedInspection,
    RevisitResult,
)

OFFICIAL_FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "official"
DEFAULT_FILES = (
    OFFICIAL_FIXTURES / "sen2_ehcp_2014_2022.csv",
    OFFICIAL_FIXTURES / "area_send_inspections_2016_framework.csv",
    OFFICIAL_FIXTURES / "area_send_inspections_2023_framework.csv",
)

SEN2_COLUMNS = (
    "time_period",
    "geographic_level",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    *(i.column for i in INDICATORS),
)
INSPECTIONS_2016_COLUMNS = (
    "la_code",
    "area_name",
    "ofsted_region",
    "inspection_start",
    "inspection_published",
    "wsoa_required",
    "significant_weaknesses",
    "revisit_start",
    "revisit_published",
    "revisit_sufficient_progress",
    "weaknesses_sufficient_progress",
    "weaknesses_insufficient_progress",
)
INSPECTIONS_2023_COLUMNS = (
    "area_name",
    "ofsted_region",
    "inspection_start",
    "inspection_published",
    "outcome",
    "priority_action_plan_required",
    "areas_for_priority_action",
)
# Each publication by the column only it has.
RECOGNISED_BY = {
    "new_all_ehc": Publication.SEN2,
    "wsoa_required": Publication.INSPECTIONS_2016,
    "priority_action_plan_required": Publication.INSPECTIONS_2023,
}
REQUIRED = {
    Publication.SEN2: SEN2_COLUMNS,
    Publication.INSPECTIONS_2016: INSPECTIONS_2016_COLUMNS,
    Publication.INSPECTIONS_2023: INSPECTIONS_2023_COLUMNS,
}
LEVELS = {
    "National": Level.NATIONAL,
    "Regional": Level.REGIONAL,
    "Local authority": Level.COUNCIL,
}
NOT_REVISITED = "not revisited yet"
ONS_CODE = re.compile(r"E\d{8}")


class LoadError(Exception):
    """A file that cannot be loaded: the message names the file and, for a row, its line."""


class RowError(ValueError):
    pass


@dataclass
class LoadResult:
    file_name: str
    publication: str
    rows: int
    already_loaded: bool = False

    def __str__(self) -> str:
        what = Publication(self.publication).label
        if self.already_loaded:
            return f"{self.file_name}: already loaded ({what}), nothing changed"
        return f"{self.file_name}: {self.rows} rows of {what} loaded"


def load_files(paths=DEFAULT_FILES) -> list[LoadResult]:
    """Load each file (a path) in turn; stop at the first that cannot be loaded."""
    return [load_file(Path(p)) for p in paths]


def load_file(path: Path) -> LoadResult:
    """Load one published file, whole or not at all (LoadError names the file and line)."""
    try:
        content = path.read_bytes()
    except OSError as error:
        raise LoadError(f"{path.name}: cannot be read ({error.strerror})") from error
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(f"{path.name}: is not UTF-8 text") from error
    reader = csv.DictReader(text.splitlines())
    headings = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = headings
    publication = next((p for column, p in RECOGNISED_BY.items() if column in headings), None)
    if publication is None:
        raise LoadError(
            f"{path.name}: not a file SEND tracker knows (expected DfE's SEN2 EHC plan "
            "figures or Ofsted's area SEND inspection outcomes)"
        )
    missing = [c for c in REQUIRED[publication] if c not in headings]
    if missing:
        raise LoadError(f"{path.name}: no column named {', '.join(missing)}")
    sha256 = hashlib.sha256(content).hexdigest()
    if Edition.objects.filter(publication=publication, sha256=sha256).exists():
        return LoadResult(path.name, publication, 0, already_loaded=True)
    rows = list(_numbered(reader, path.name))
    with transaction.atomic():
        edition = Edition.objects.create(
            publication=publication, file_name=path.name, sha256=sha256, rows=len(rows)
        )
        if publication == Publication.SEN2:
            _load_sen2(rows, edition, path.name)
        else:
            _load_inspections(rows, edition, path.name, publication)
    return LoadResult(path.name, publication, len(rows))


def _numbered(reader: csv.DictReader, name: str) -> Iterator[tuple[int, dict]]:
    for row in reader:
        if None in row:
            raise LoadError(f"{name} line {reader.line_num}: more cells than headings")
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _rows(rows, name: str, parse):
    """parse(row) for each row, a RowError turned into "FILE line N: ..."."""
    for line, row in rows:
        try:
            yield parse(row)
        except RowError as error:
            raise LoadError(f"{name} line {line}: {error}") from error


# Reading cells -----------------------------------------------------------------------


def figure_value(text: str, column: str) -> tuple[Decimal | None, str]:
    """(value, "") or (None, marker): c, x and z are kept as published, never as 0."""
    if text.lower() in Marker.values:
        return None, text.lower()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RowError(f"{column} is {text!r}, not a number or c, x or z") from None
    if not value.is_finite() or value < 0:
        raise RowError(f"{column} is {text!r}, not a number or c, x or z")
    return value.quantize(Decimal("0.001")), ""


def _date(text: str, column: str, *, required: bool = False) -> datetime.date | None:
    if not text:
        if required:
            raise RowError(f"{column} is empty")
        return None
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise RowError(f"{column} is {text!r}, not a date (dd/mm/yyyy)") from None


def _yes_no(text: str, column: str) -> bool | None:
    lowered = text.lower()
    if lowered in ("yes", "no"):
        return lowered == "yes"
    if not text:
        return None
    raise RowError(f"{column} is {text!r}, not Yes or No")


def _count(text: str, column: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise RowError(f"{column} is {text!r}, not a whole number")
    return int(text)


# Matching areas ----------------------------------------------------------------------


class Councils:
    """Councils found by ONS code (current, then previous), DfE code or name."""

    def __init__(self):
        councils = list(
            Council.objects.only(
                "pk", "name", "ons_code", "previous_ons_codes", "dfe_la_code", "region_id"
            )
        )
        self.by_ons = {c.ons_code: c for c in councils}
        for c in councils:
            for code in c.previous_ons_codes:
                self.by_ons.setdefault(code, c)
        self.by_dfe = {str(c.dfe_la_code): c for c in councils}
        self.by_name = {c.name.lower(): c for c in councils}

    def find(self, *, ons: str = "", dfe: str = "", name: str = "") -> Council | None:
        return self.by_ons.get(ons) or self.by_dfe.get(dfe) or self.by_name.get(name.lower())


# SEN2 ----------------------------------------------------------------------------------


def _load_sen2(rows, edition: Edition, name: str) -> None:
    councils = Councils()
    regions = {r.ons_code: r for r in Region.objects.all()}

    seen: dict[tuple, str] = {}

    def parse(row):
        level = LEVELS.get(row["geographic_level"])
        if level is None:
            raise RowError(
                f"geographic_level is {row['geographic_level']!r}, not National, Regional "
                "or Local authority"
            )
        if not (row["time_period"].isdigit() and len(row["time_period"]) == 4):
            raise RowError(f"time_period is {row['time_period']!r}, not a year")
        year = int(row["time_period"])
        region = council = None
        if level == Level.NATIONAL:
            code, area = "E92000001", "England"
        elif level == Level.REGIONAL:
            code, area = row["region_code"], row["region_name"]
            region = regions.get(code)
            if region is None:
                raise RowError(f"region_code {code!r} is not an English region")
        else:
            code, area = row["new_la_code"], row["la_name"]
            if not code:
                raise RowError("new_la_code is empty")
            # Councils since replaced (old Dorset, Northamptonshire) keep their figures
            # without a council: they still count among the councils of their year.
            council = councils.find(ons=code, dfe=row["old_la_code"])
            region = regions.get(row["region_code"])
        key = (level, code, year)
        if key in seen:
            raise RowError(f"{area} {year} is given twice (also {seen[key]})")
        seen[key] = f"as {area}"
        figures = []
        for indicator in INDICATORS:
            value, marker = figure_value(row[indicator.column], indicator.column)
            figures.append(
                Figure(
                    level=level,
                    code=code,
                    name=council.name if council else area,
                    region=region or (council.region if council else None),
                    council=council,
                    year=year,
                    indicator=indicator.code,
                    value=value,
                    marker=marker,
                    edition=edition,
                )
            )
        return figures

    figures = [f for group in _rows(rows, name, parse) for f in group]
    Figure.objects.bulk_create(
        figures,
        update_conflicts=True,
        unique_fields=["level", "code", "year", "indicator"],
        update_fields=["name", "region", "council", "value", "marker", "edition"],
        batch_size=1000,
    )
    rank_councils(years={f.year for f in figures})


def rank_councils(*, years) -> None:
    """Each council's rank per year and rate among councils with a figure (1: highest)."""
    rates = [i.code for i in INDICATORS if i.percent]
    figures = list(
        Figure.objects.filter(level=Level.COUNCIL, year__in=years, indicator__in=rates).only(
            "pk", "year", "indicator", "value", "rank", "ranked_of"
        )
    )
    groups = defaultdict(list)
    for f in figures:
        groups[f.year, f.indicator].append(f)
    changed = []
    for group in groups.values():
        values = sorted((f.value for f in group if f.value is not None), reverse=True)
        for f in group:
            rank = None if f.value is None else 1 + values.index(f.value)
            ranked_of = None if f.value is None else len(values)
            if (f.rank, f.ranked_of) != (rank, ranked_of):
                f.rank, f.ranked_of = rank, ranked_of
                changed.append(f)
    Figure.objects.bulk_update(changed, ["rank", "ranked_of"], batch_size=500)


# Inspections ---------------------------------------------------------------------------

REVISIT_RESULTS = {"yes": RevisitResult.ALL, "some": RevisitResult.SOME, "no": RevisitResult.NONE}
OUTCOMES = {o.label.lower(): o.value for o in Outcome}


def _load_inspections(rows, edition: Edition, name: str, publication: str) -> None:
    councils = Councils()

    regions = {r.name.lower(): r for r in Region.objects.all()}

    def inspection(framework, council, row, **values) -> PublishedInspection:
        """The columns both frameworks publish, and the framework's own `values`."""
        return PublishedInspection(
            framework=framework,
            council=council,
            region=council.region if council else regions.get(row["ofsted_region"].lower()),
            area_name=row["area_name"],
            ofsted_region=row["ofsted_region"],
            started_on=_date(row["inspection_start"], "inspection_start", required=True),
            published_on=_date(row["inspection_published"], "inspection_published"),
            edition=edition,
            **values,
        )

    def parse_2016(row):
        code = row["la_code"]
        if not ONS_CODE.fullmatch(code):
            raise RowError(f"la_code is {code!r}, not an ONS code such as E06000016")
        # An authority since replaced (Cumbria) keeps its row without a council.
        council = councils.find(ons=code, name=row["area_name"])
        revisit_text = row["revisit_start"]
        not_yet = revisit_text.lower() == NOT_REVISITED
        revisit_result = RevisitResult.NOT_YET if not_yet else ""
        progress = row["revisit_sufficient_progress"].lower()
        if progress:
            if progress not in REVISIT_RESULTS:
                raise RowError(
                    f"revisit_sufficient_progress is {row['revisit_sufficient_progress']!r}, "
                    "not Yes, Some or No"
                )
            revisit_result = REVISIT_RESULTS[progress]
        wsoa = _yes_no(row["wsoa_required"], "wsoa_required")
        if wsoa is None:
            raise RowError("wsoa_required is empty")
        return inspection(
            Framework.LOCAL_AREA_2016,
            council,
            row,
            wsoa_required=wsoa,
            weaknesses=_count(row["significant_weaknesses"], "significant_weaknesses"),
            revisit_started_on=None if not_yet else _date(revisit_text, "revisit_start"),
            revisit_published_on=_date(row["revisit_published"], "revisit_published"),
            revisit_result=revisit_result,
            weaknesses_sufficient=_count(
                row["weaknesses_sufficient_progress"], "weaknesses_sufficient_progress"
            ),
            weaknesses_insufficient=_count(
                row["weaknesses_insufficient_progress"], "weaknesses_insufficient_progress"
            ),
        )

    def parse_2023(row):
        council = councils.find(name=row["area_name"])
        if council is None:
            raise RowError(f"area_name {row['area_name']!r} is not a council")
        outcome = OUTCOMES.get(row["outcome"].lower())
        if outcome is None:
            raise RowError(f"outcome is {row['outcome']!r}, not one of Ofsted's three")
        return inspection(
            Framework.AREA_SEND_2023,
            council,
            row,
            outcome=outcome,
            priority_action_plan_required=_yes_no(
                row["priority_action_plan_required"], "priority_action_plan_required"
            ),
            priority_areas=_count(row["areas_for_priority_action"], "areas_for_priority_action"),
        )

    parse = parse_2016 if publication == Publication.INSPECTIONS_2016 else parse_2023
    inspections = list(_rows(rows, name, parse))
    fields = [
        f.name
        for f in PublishedInspection._meta.concrete_fields
        if f.name not in ("id", "framework", "area_name", "started_on")
    ]
    PublishedInspection.objects.bulk_create(
        inspections,
        update_conflicts=True,
        unique_fields=["framework", "area_name", "started_on"],
        update_fields=fields,
    )
