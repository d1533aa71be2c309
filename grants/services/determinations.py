"""Grant determinations, their success measures (Annex A) and planned instalments."""

import datetime
from decimal import Decimal

from django.db.models import Max

from grants.models import Allocation, GrantDetermination, Instalment, SuccessMeasure
from sendtracker.core.errors import DomainError
from sendtracker.core.models import User
from sendtracker.core.money import pounds
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import check_version
from sendtracker.core.writes import council_write

from .validation import money, total_allocated

DETERMINATION_FIELDS = {
    "title",
    "legal_basis",
    "dfe_reference",
    "determination_reference",
    "financial_year",
    "period_start",
    "period_end",
    "purpose",
    "ring_fenced",
    "conditions",
    "clawback",
    "reporting_required",
    "total_available",
    "signed_by_role",
    "signed_on",
    "letter",
    "status",
}


def _councils_of(determination: GrantDetermination) -> list[int]:
    """The councils whose pages show this determination: those it allocates to."""
    return list(
        Allocation.objects.filter(determination=determination).values_list("council", flat=True)
    )


def _check_determination(values: dict, *, pk: int | None) -> None:
    if values["period_end"] < values["period_start"]:
        raise DomainError("The end of the grant period must be after its start", field="period_end")
    values["total_available"] = money(
        values.get("total_available"), field="total_available", label="total funding available"
    )
    reference = values.get("determination_reference", "")
    if (
        reference
        and GrantDetermination.objects.filter(determination_reference=reference)
        .exclude(pk=pk)
        .exists()
    ):
        raise DomainError(
            f"A determination with reference {reference} already exists",
            field="determination_reference",
        )


def create_determination(*, by: User | None, **values) -> GrantDetermination:
    """Record a new grant determination (status draft unless given)."""
    unknown = set(values) - DETERMINATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown determination fields: {', '.join(sorted(unknown))}")
    _check_determination(values, pk=None)
    with council_write(by=by):
        return GrantDetermination.objects.create(**values)


def update_determination(
    *,
    determination: GrantDetermination,
    by: User | None,
    expected_version: int | None = None,
    **values,
) -> GrantDetermination:
    """Change a determination's details; a lower total than already allocated is refused.

    With `expected_version` (every form sends it) a form opened before someone else
    saved is refused with what they changed, and nothing is overwritten.
    """
    unknown = set(values) - DETERMINATION_FIELDS
    if unknown:
        raise TypeError(f"Unknown determination fields: {', '.join(sorted(unknown))}")
    with council_write(*_councils_of(determination), by=by, parts=()):
        current = GrantDetermination.objects.select_for_update().get(pk=determination.pk)
        # The letter is a file: a form that keeps the saved one sends none.
        compared = {name: value for name, value in values.items() if name != "letter"}
        check_version(current, expected_version, what="determination", fields=compared)
        merged = {name: getattr(current, name) for name in DETERMINATION_FIELDS} | values
        _check_determination(merged, pk=current.pk)
        allocated = total_allocated(current)
        if merged["total_available"] is not None and allocated > merged["total_available"]:
            raise DomainError(
                f"The total cannot be less than the {pounds(allocated)} already allocated",
                field="total_available",
            )
        save_new_version(current, merged)
    return current


def add_success_measure(
    *,
    determination: GrantDetermination,
    by: User | None,
    text: str,
    parent: SuccessMeasure | None = None,
) -> SuccessMeasure:
    """Append a success measure (Annex A), or a sub-item of one."""
    text = (text or "").strip()
    if not text:
        raise DomainError("Enter the success measure", field="text")
    if parent is not None:
        if parent.determination_id != determination.pk:
            raise DomainError("Choose a measure of this determination", field="parent")
        if parent.parent_id is not None:
            raise DomainError("Sub-items cannot have sub-items of their own", field="parent")
    with council_write(*_councils_of(determination), by=by, parts=()):
        GrantDetermination.objects.select_for_update().get(pk=determination.pk)
        last = SuccessMeasure.objects.filter(determination=determination, parent=parent).aggregate(
            m=Max("position")
        )["m"]
        return SuccessMeasure.objects.create(
            determination=determination, parent=parent, text=text, position=(last or 0) + 1
        )


def add_instalment(
    *,
    determination: GrantDetermination,
    by: User | None,
    due_on: datetime.date,
    description: str = "",
    share_percent: Decimal | None = None,
    amount: Decimal | None = None,
) -> Instalment:
    """Add a planned instalment. One due outside the grant's period is saved;
    `instalment.outside_period` tells pages to warn about it."""
    amount = money(amount, field="amount", label="amount")
    if share_percent is not None and not (0 < share_percent <= 100):
        raise DomainError("The share must be between 0 and 100%", field="share_percent")
    with council_write(*_councils_of(determination), by=by, parts=()):
        GrantDetermination.objects.select_for_update().get(pk=determination.pk)
        last = Instalment.objects.filter(determination=determination).aggregate(m=Max("position"))
        return Instalment.objects.create(
            determination=determination,
            position=(last["m"] or 0) + 1,
            due_on=due_on,
            description=description,
            share_percent=share_percent,
            amount=amount,
        )
