"""Allocations and payments as CSV and XLSX, and allocations in the 360Giving Data Standard.

Every text cell that a spreadsheet would run as a formula (beginning with =, +, -, @,
tab or carriage return) is neutralised with a leading apostrophe.
"""

import csv
import io
import json
from decimal import Decimal

from openpyxl import Workbook

from grants.models import Allocation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# 360Giving: DfE on the government-organisation register (GB-GOR). Councils have no
# register code in our reference data yet, so they are identified by ONS code under
# this service's publisher prefix (replace with the prefix 360Giving issues).
FUNDER_ID = "GB-GOR-D6"
FUNDER_NAME = "Department for Education"
PUBLISHER_PREFIX = "360G-sendtracker"
LICENSE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value):
    """Numbers stay numbers (Decimal, never float); text is neutralised."""
    if value is None:
        return ""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return value
    if hasattr(value, "isoformat"):
        return value
    return safe_text(value)


ALLOCATION_COLUMNS = [
    ("Determination", lambda a: a.determination.title),
    ("Determination reference", lambda a: a.determination.determination_reference),
    ("Financial year", lambda a: a.determination.financial_year),
    ("Council", lambda a: a.council.name),
    ("DfE LA number", lambda a: a.council.dfe_la_code),
    ("ONS code", lambda a: a.council.ons_code),
    ("Region to be supported", lambda a: a.region_supported.name if a.region_supported else ""),
    ("No of LAs in region", lambda a: a.las_in_region),
    ("Base funding", lambda a: a.base_funding),
    ("Top-up", lambda a: a.top_up),
    ("Total", lambda a: a.total),
    ("Paid", lambda a: a.paid or Decimal("0.00")),
    ("Reported spend", lambda a: a.reported or Decimal("0.00")),
    ("Status", lambda a: a.get_status_display()),
]

PAYMENT_COLUMNS = [
    ("Determination", lambda p: p.allocation.determination.title),
    ("Determination reference", lambda p: p.allocation.determination.determination_reference),
    ("Council", lambda p: p.allocation.council.name),
    ("DfE LA number", lambda p: p.allocation.council.dfe_la_code),
    ("Instalment", lambda p: str(p.instalment) if p.instalment else ""),
    ("Date paid", lambda p: p.paid_on),
    ("Amount", lambda p: p.amount),
    ("Reference", lambda p: p.reference),
]


def table(records, columns) -> tuple[list[str], list[list]]:
    return [title for title, _ in columns], [[get(r) for _, get in columns] for r in records]


def to_csv(headers, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_text(h) for h in headers])
    for row in rows:
        writer.writerow([v.isoformat() if hasattr(v, "isoformat") else safe_cell(v) for v in row])
    return out.getvalue()


def to_xlsx(headers, rows, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([safe_text(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif hasattr(cell.value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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
