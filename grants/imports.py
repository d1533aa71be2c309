"""Import an Annex B-like allocation table into a determination (CSV or XLSX), and the
payments made under a determination (below).

The headings are seed 000's. The council column takes a council's name as DfE or a
determination letter spells it ("Leicester" or "Leicester City Council"), its DfE LA
number or its ONS code (current or previous).
"""

import dataclasses
import hashlib
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from grants import services
from grants.models import (
    Allocation,
    AllocationStatus,
    GrantDetermination,
    Instalment,
    Payment,
)
from sendtracker.core.imports import Column, ImportSpec, ParsedRow, money, whole_number
from sendtracker.core.imports.changes import Preview, RowPlan
from sendtracker.core.imports.parsers import CellError, flexible_date, lookup, normalise
from sendtracker.core.imports.parsers import text as text_of
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


# Payments ------------------------------------------------------------------------------
#
# Payments made under a determination, with the payments export's headings (grants.exports:
# Determination | Determination reference | Council | DfE LA number | Instalment | Date paid
# | Amount | Reference; the first two and the LA number are ignored). A row is matched to a
# payment by (council, instalment), or (council, reference) where it names no instalment,
# or (council, date paid) where it names neither: so a file downloaded, edited and
# uploaded again changes only what was edited, and the same file twice changes nothing.

PAYMENT_HEADINGS = ["Council", "Instalment", "Date paid", "Amount", "Reference"]


def _instalment_parser(determination: GrantDetermination):
    instalments = {i.position: i for i in Instalment.objects.filter(determination=determination)}

    def parse(value: str) -> Instalment:
        # "1", "Instalment 1" and the export's "Instalment 1 (Aug 2021)" are all the first.
        match = re.match(r"^\s*(?:instalment\s*)?(\d{1,3})\b", value, re.IGNORECASE)
        if match is None:
            raise CellError(f"“{value}” is not an instalment: write its number, like 1")
        found = instalments.get(int(match.group(1)))
        if found is None:
            raise CellError(f"{match.group(1)} is not an instalment of this determination")
        return found

    return parse


def payment_spec(determination: GrantDetermination) -> ImportSpec:
    council = _council_parser()

    def check_row(values: dict) -> dict:
        if values["amount"] == 0:
            return {"amount": "Amount must be more than £0.00"}
        return {}

    return ImportSpec(
        columns=[
            Column(
                "Council",
                "council",
                council,
                required=True,
                aliases=("Authority", "Local authority", COUNCIL),
            ),
            Column(
                "Instalment", "instalment", _instalment_parser(determination), optional_heading=True
            ),
            Column(
                "Date paid", "paid_on", flexible_date, required=True, aliases=("Paid on", "Date")
            ),
            Column("Amount", "amount", money, required=True, aliases=("Amount paid",)),
            Column("Reference", "reference", text_of(100), optional_heading=True),
        ],
        check_row=check_row,
        refuse_formulas=False,
    )


def _payment_key(council_id: int, instalment, reference: str, paid_on) -> tuple:
    if instalment is not None:
        return (council_id, "instalment", instalment.position)
    if reference:
        return (council_id, "reference", reference)
    return (council_id, "date paid", paid_on)


def _key_words(key: tuple) -> str:
    _, kind, value = key
    if kind == "date paid":
        return f"date paid {value:%d/%m/%Y}"
    return f"{kind} {value}"


@dataclasses.dataclass
class PaymentPlan(RowPlan):
    """A payment row, with the allocation it is paid against."""

    allocation: Allocation | None = None

    def __post_init__(self):
        self.values = self.row.values


class PaymentPreview(Preview):
    def summary(self) -> str:
        return super().summary("Payments", "payments")


def compare_payments(determination: GrantDetermination, rows: list[ParsedRow]) -> PaymentPreview:
    """What importing `rows` would do to the determination's payments (reads only).

    Errors on rows the services would refuse: a council without an allocation here, a
    pending or closed allocation, payments over the allocation, two rows or two
    payments with one key.
    """
    allocations = {
        a.council_id: a
        for a in Allocation.objects.filter(determination=determination).select_related("council")
    }
    existing: dict[tuple, list[Payment]] = {}
    payments = Payment.objects.filter(allocation__determination=determination).select_related(
        "instalment", "allocation"
    )
    for payment in payments:
        key = _payment_key(
            payment.allocation.council_id, payment.instalment, payment.reference, payment.paid_on
        )
        existing.setdefault(key, []).append(payment)
    seen: dict[tuple, int] = {}
    plans = []
    for row in rows:
        values = row.values
        council = values["council"]
        allocation = allocations.get(council.pk)
        if allocation is None:
            row.errors["council"] = f"{council.name} has no allocation under this determination"
            continue
        reference = values.get("reference") or ""
        key = _payment_key(council.pk, values.get("instalment"), reference, values["paid_on"])
        label = f"{council.name} · {_key_words(key)}"
        if key in seen:
            row.errors[ROW] = (
                f"Council and {_key_words(key).rsplit(' ', 1)[0]} are the same as in row "
                f"{seen[key]}"
            )
            continue
        seen[key] = row.number
        found = existing.get(key, [])
        if len(found) > 1:
            row.errors[ROW] = (
                f"{council.name} has {len(found)} payments with {_key_words(key)}: change them on "
                "the allocation's page, not by import"
            )
            continue
        plan = PaymentPlan(row=row, kind="create", key=label, allocation=allocation)
        if found:
            plan.kind, plan.record = "unchanged", found[0]
            _payment_changes(plan, found[0], values)
        plans.append(plan)
    _check_totals(plans, allocations, payments)
    return PaymentPreview(rows=plans)


def _payment_changes(plan: PaymentPlan, payment: Payment, values: dict) -> None:
    if values["amount"] != payment.amount:
        plan.changes.append(("Amount", f"£{payment.amount:,.2f}", f"£{values['amount']:,.2f}"))
    if values["paid_on"] != payment.paid_on:
        plan.changes.append(
            ("Date paid", f"{payment.paid_on:%d/%m/%Y}", f"{values['paid_on']:%d/%m/%Y}")
        )
    if "reference" in values and (values["reference"] or "") != payment.reference:
        plan.changes.append(("Reference", payment.reference or "–", values["reference"] or "–"))
    if "instalment" in values and values["instalment"] != payment.instalment:
        plan.changes.append(
            ("Instalment", str(payment.instalment or "–"), str(values["instalment"] or "–"))
        )
    if plan.changes:
        plan.kind = "update"


def _check_totals(plans, allocations, payments) -> None:
    """Each allocation's payments after the import within its total, as record_payment
    would insist; the error goes on the allocation's last row that changes it."""
    paid = {}
    for payment in payments:
        paid[payment.pk] = (payment.allocation.council_id, payment.amount)
    for plan in plans:
        if plan.kind == "unchanged":
            continue
        if plan.record is not None:
            paid[plan.record.pk] = (plan.allocation.council_id, plan.values["amount"])
        else:
            paid[f"row {plan.row.number}"] = (plan.allocation.council_id, plan.values["amount"])
    totals: dict[int, Decimal] = {}
    for council_id, amount in paid.values():
        totals[council_id] = totals.get(council_id, Decimal("0.00")) + amount
    for plan in plans:
        if plan.kind == "unchanged":
            continue
        allocation = plan.allocation
        if allocation.total is None:
            plan.row.errors["amount"] = (
                f"{allocation.council.name}'s allocation is pending: record its amount before "
                "any payment"
            )
        elif allocation.status == AllocationStatus.CLOSED:
            plan.row.errors["council"] = (
                f"{allocation.council.name}'s allocation is closed: no more payments can be "
                "recorded"
            )
        elif totals[allocation.council_id] > allocation.total:
            plan.row.errors["amount"] = (
                f"Payments to {allocation.council.name} would add up to "
                f"£{totals[allocation.council_id]:,.2f}, more than its allocation of "
                f"£{allocation.total:,.2f}"
            )


def payments_fingerprint(determination: GrantDetermination) -> str:
    """What a payments preview depends on: the allocations' totals and statuses, the
    payments and the instalments."""
    allocations = Allocation.objects.filter(determination=determination).order_by("pk")
    payments = Payment.objects.filter(allocation__determination=determination).order_by("pk")
    state = [
        *(
            f"a{pk}:{total}:{status}"
            for pk, total, status in allocations.values_list("pk", "total", "status")
        ),
        *(
            f"p{pk}:{amount}:{paid_on}:{reference}:{instalment}"
            for pk, amount, paid_on, reference, instalment in payments.values_list(
                "pk", "amount", "paid_on", "reference", "instalment_id"
            )
        ),
        *(
            str(pk)
            for pk in Instalment.objects.filter(determination=determination).values_list(
                "pk", flat=True
            )
        ),
    ]
    return hashlib.sha256("|".join(state).encode()).hexdigest()
