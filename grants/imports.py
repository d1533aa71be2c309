"""Import an Annex B-like allocation table into a determination (CSV or XLSX).

The headings are seed 000's. The council column takes a council's name as DfE or a
determination letter spells it ("Leicester" or "Leicester City Council"), its DfE LA
number or its ONS code (current or previous).
"""

import hashlib

from django.db import transaction
from django.db.models import Sum

from grants import services
from grants.models import Allocation, GrantDetermination
from sendtracker.core.imports import Column, ImportSpec, ParsedRow, money, whole_number
from sendtracker.core.imports.parsers import lookup, normalise
from sendtracker.core.imports.spec import ROW
from sendtracker.core.models import Council, Region, User

COUNCIL = "Authorities to which grant is to be paid"
LAS = "No of LAs in region"
REGION = "Region to be supported"
BASE = "Amount of base funding"
TOP_UP = "Top up amount, based on the number of authorities in each region"
TOTAL = "Total grant funding per region"
HEADINGS = [COUNCIL, LAS, REGION, BASE, TOP_UP, TOTAL]

# Words a letter adds to DfE's names: "Leicester City Council" is DfE's "Leicester".
_NOISE = {"council", "city", "county", "borough", "metropolitan", "district", "of", "the"}


def _short(name: str) -> str:
    return " ".join(w for w in normalise(name).split() if w not in _NOISE)


def council_index() -> dict:
    index = {}
    for council in Council.objects.all():
        for key in [council.name, _short(council.name), str(council.dfe_la_code), council.ons_code]:
            index.setdefault(normalise(key), council)
        for code in council.previous_ons_codes:
            index.setdefault(normalise(code), council)
    return index


def _council_parser():
    index = council_index()
    find = lookup(index, what="council")

    def parse(value: str):
        found = index.get(normalise(value)) or index.get(_short(value))
        return found if found is not None else find(value)

    return parse


def _region_index() -> dict:
    index = {}
    for region in Region.objects.all():
        index[normalise(region.name)] = region
        index[normalise(region.ons_code)] = region
    return index


def spec_for(determination: GrantDetermination) -> ImportSpec:
    existing = set(
        Allocation.objects.filter(determination=determination).values_list("council_id", flat=True)
    )

    def check_row(values: dict) -> dict:
        errors = {}
        base, top_up, total = values["base_funding"], values["top_up"], values["total"]
        if values["council"].pk in existing:
            errors["council"] = (
                f"{values['council'].name} already has an allocation under this determination"
            )
        if (base is None) != (top_up is None):
            errors[ROW] = "Enter both the base funding and the top-up, or neither"
        elif base is not None and total is not None and base + top_up != total:
            errors["total"] = (
                "Total grant funding must equal the base funding plus the top-up "
                f"(£{base + top_up:,.2f})"
            )
        elif base is not None and total is None:
            values["total"] = base + top_up  # what the preview shows is what is saved
        return errors

    def check_file(rows: list[ParsedRow]) -> list[str]:
        if determination.total_available is None:
            return []
        allocated = (
            Allocation.objects.filter(determination=determination).aggregate(s=Sum("total"))["s"]
            or 0
        )
        adding = sum(r.values["total"] or 0 for r in rows)
        if allocated + adding > determination.total_available:
            return [
                f"These allocations add up to £{adding:,.2f}, more than the "
                f"£{determination.total_available - allocated:,.2f} left to allocate under "
                f"this determination"
            ]
        return []

    return ImportSpec(
        columns=[
            Column(
                COUNCIL,
                "council",
                _council_parser(),
                required=True,
                unique=True,
                short_label="Authority",
            ),
            Column(LAS, "las_in_region", whole_number),
            Column(REGION, "region_supported", lookup(_region_index(), what="region")),
            Column(BASE, "base_funding", money, short_label="Base funding"),
            Column(TOP_UP, "top_up", money, short_label="Top up amount"),
            Column(TOTAL, "total", money, short_label="Total grant funding"),
        ],
        check_row=check_row,
        check_file=check_file,
    )


def fingerprint(determination: GrantDetermination) -> str:
    """What the preview depends on: the determination's total and its allocations."""
    rows = Allocation.objects.filter(determination=determination).order_by("pk")
    state = [str(determination.total_available)] + [
        f"{pk}:{council_id}:{total}"
        for pk, council_id, total in rows.values_list("pk", "council_id", "total")
    ]
    return hashlib.sha256("|".join(state).encode()).hexdigest()


def save(*, determination: GrantDetermination, by: User, rows: list[ParsedRow]) -> list[Allocation]:
    """Create every row's allocation, or none (the services' errors roll all back)."""
    with transaction.atomic():
        return [
            services.create_allocation(determination=determination, by=by, **row.values)
            for row in rows
        ]
