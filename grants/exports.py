"""Determinations, allocations, payments and statements of grant usage as CSV and XLSX
(sendtracker.core.exports), and allocations in the 360Giving Data Standard (JSON, and
CSV with its field names).
"""

import json
from decimal import Decimal
from operator import itemgetter

from grants.models import Allocation
from sendtracker.core.exports import DATE, MONEY, NUMBER, Column, Export, safe_text

__all__ = ["safe_text"]

# 360Giving: DfE on the government-organisation register (GB-GOR). Councils have no
# register code in our reference data yet, so they are identified by ONS code under
# this service's publisher prefix (replace with the prefix 360Giving issues).
FUNDER_ID = "GB-GOR-D6"
FUNDER_NAME = "Department for Education"
PUBLISHER_PREFIX = "360G-sendtracker"
LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

ZERO = Decimal("0.00")

DETERMINATION_COLUMNS = [
    Column("Determination", lambda d: d.title),
    Column("Reference", lambda d: d.determination_reference),
    Column("DfE reference", lambda d: d.dfe_reference),
    Column("Legal basis", lambda d: d.get_legal_basis_display()),
    Column("Year", lambda d: d.financial_year),
    Column("Grant period start", lambda d: d.period_start, DATE),
    Column("Grant period end", lambda d: d.period_end, DATE),
    Column("Ring-fenced", lambda d: "Yes" if d.ring_fenced else "No"),
    Column("Status", lambda d: d.get_status_display()),
    Column("Total available", lambda d: d.total_available, MONEY),
    # Annotated by selectors.determinations_for_list over the allocations the user sees.
    Column("Allocations", lambda d: d.allocation_count, NUMBER),
    Column("Allocated", lambda d: d.allocated, MONEY),
    Column("Paid", lambda d: d.paid, MONEY),
]


def determinations(rows) -> Export:
    return Export(
        name="grant-determinations",
        sheet="Determinations",
        columns=DETERMINATION_COLUMNS,
        rows=rows,
    )


ALLOCATION_COLUMNS = [
    Column("Determination", lambda a: a.determination.title),
    Column("Determination reference", lambda a: a.determination.determination_reference),
    Column("Financial year", lambda a: a.determination.financial_year),
    Column("Council", lambda a: a.council.name),
    Column("DfE LA number", lambda a: a.council.dfe_la_code, NUMBER),
    Column("ONS code", lambda a: a.council.ons_code),
    Column(
        "Region to be supported",
        lambda a: a.region_supported.name if a.region_supported else "",
    ),
    Column("No of LAs in region", lambda a: a.las_in_region, NUMBER),
    Column("Base funding", lambda a: a.base_funding, MONEY),
    Column("Top-up", lambda a: a.top_up, MONEY),
    Column("Total", lambda a: a.total, MONEY),
    Column("Paid", lambda a: a.paid or ZERO, MONEY),
    Column("Reported spend", lambda a: a.reported or ZERO, MONEY),
    Column("Status", lambda a: a.get_status_display()),
]

PAYMENT_COLUMNS = [
    Column("Determination", lambda p: p.allocation.determination.title),
    Column("Determination reference", lambda p: p.allocation.determination.determination_reference),
    Column("Council", lambda p: p.allocation.council.name),
    Column("DfE LA number", lambda p: p.allocation.council.dfe_la_code, NUMBER),
    Column("Instalment", lambda p: str(p.instalment) if p.instalment else ""),
    Column("Date paid", lambda p: p.paid_on, DATE),
    Column("Amount", lambda p: p.amount, MONEY),
    Column("Reference", lambda p: p.reference),
]


USAGE_COLUMNS = [
    Column("Determination", lambda s: s.allocation.determination.title),
    Column("Determination reference", lambda s: s.allocation.determination.determination_reference),
    Column("Council", lambda s: s.allocation.council.name),
    Column("DfE LA number", lambda s: s.allocation.council.dfe_la_code, NUMBER),
    Column("Phase or period", lambda s: s.period),
    Column("Period start", lambda s: s.period_start, DATE),
    Column("Period end", lambda s: s.period_end, DATE),
    Column("Total spend", lambda s: s.total_spend or ZERO, MONEY),
    Column("Status", lambda s: s.get_status_display()),
    Column("Submitted", lambda s: s.submitted_at, DATE),
    Column("Accepted", lambda s: s.accepted_at, DATE),
]


def usage_statements(rows, *, name: str) -> Export:
    return Export(name=name, sheet="Usage statements", columns=USAGE_COLUMNS, rows=rows)


def allocations(rows, *, name: str) -> Export:
    return Export(name=name, sheet="Allocations", columns=ALLOCATION_COLUMNS, rows=rows)


def payments(rows, *, name: str) -> Export:
    return Export(name=name, sheet="Payments", columns=PAYMENT_COLUMNS, rows=rows)


# 360Giving ----------------------------------------------------------------------------

THREESIXTY_CSV_FIELDS = [
    "id",
    "title",
    "description",
    "currency",
    "amountAwarded",
    "awardDate",
    "plannedDates/0/startDate",
    "plannedDates/0/endDate",
    "recipientOrganization/0/id",
    "recipientOrganization/0/name",
    "fundingOrganization/0/id",
    "fundingOrganization/0/name",
    "grantProgramme/0/code",
    "grantProgramme/0/title",
]


def recipient_org_id(council) -> str:
    return f"{PUBLISHER_PREFIX}-ONS-{council.ons_code}"


def grant_id(allocation: Allocation) -> str:
    return f"{PUBLISHER_PREFIX}-allocation-{allocation.pk}"


def threesixty_grant(allocation: Allocation) -> dict:
    """One allocation as a 360Giving grant; amounts stay Decimal until serialised."""
    determination = allocation.determination
    award_date = allocation.decided_on or determination.signed_on or determination.period_start
    return {
        "id": grant_id(allocation),
        "title": f"{determination.title} – {allocation.council.name}"[:140],
        "description": determination.purpose or determination.title,
        "currency": "GBP",
        "amountAwarded": allocation.total,
        "awardDate": award_date.isoformat(),
        "plannedDates": [
            {
                "startDate": determination.period_start.isoformat(),
                "endDate": determination.period_end.isoformat(),
            }
        ],
        "recipientOrganization": [
            {"id": recipient_org_id(allocation.council), "name": allocation.council.name}
        ],
        "fundingOrganization": [{"id": FUNDER_ID, "name": FUNDER_NAME}],
        "grantProgramme": [
            {
                "code": determination.determination_reference or determination.dfe_reference,
                "title": determination.title,
            }
        ],
    }


class _MoneyEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            # JSON has only one number type. repr() of the float of a two-place amount
            # under 10^13 is exactly its decimal text, so nothing is lost in the file.
            return float(o)
        return super().default(o)


def threesixty_json(allocations) -> str:
    grants = [threesixty_grant(a) for a in allocations if a.total is not None]
    package = {
        "grants": grants,
        "license": LICENSE,
        "publisher": {"name": FUNDER_NAME, "identifier": FUNDER_ID},
    }
    return json.dumps(package, cls=_MoneyEncoder, indent=2, ensure_ascii=False)


def threesixty_csv(allocations, *, name: str) -> Export:
    """The 360Giving CSV: the standard's field names as headings, no byte order mark
    (`core.exports.to_csv(export, bom=False)`), since tools rather than people read it."""
    columns = [Column(field, itemgetter(i)) for i, field in enumerate(THREESIXTY_CSV_FIELDS)]
    return Export(name=name, sheet="Grants", columns=columns, rows=threesixty_rows(allocations))


def threesixty_rows(allocations) -> list[list]:
    rows = []
    for allocation in allocations:
        if allocation.total is None:
            continue
        g = threesixty_grant(allocation)
        rows.append(
            [
                g["id"],
                g["title"],
                g["description"],
                g["currency"],
                g["amountAwarded"],
                g["awardDate"],
                g["plannedDates"][0]["startDate"],
                g["plannedDates"][0]["endDate"],
                g["recipientOrganization"][0]["id"],
                g["recipientOrganization"][0]["name"],
                g["fundingOrganization"][0]["id"],
                g["fundingOrganization"][0]["name"],
                g["grantProgramme"][0]["code"],
                g["grantProgramme"][0]["title"],
            ]
        )
    return rows
