"""Statements of grant usage: what a council spent, and their acceptance."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from grants.models import Allocation, AllocationStatus, UsageLine, UsageStatement, UsageStatus
from sendtracker.core.errors import DomainError
from sendtracker.core.models import User
from sendtracker.core.writes import GRANTS, council_write

from .validation import money


def submit_usage_statement(
    *,
    allocation: Allocation,
    by: User | None,
    period: str,
    lines: Iterable[tuple[str, str, Decimal]],
    narrative: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> UsageStatement:
    """Submit what the council spent in one phase or period, as lines by category.

    Spend beyond what has been paid is allowed (councils forward-fund) but flagged on
    the pages that show it.
    """
    period = (period or "").strip()
    if not period:
        raise DomainError("Enter the phase or period", field="period")
    if period_start and period_end and period_end < period_start:
        raise DomainError("The end of the period must be after its start", field="period_end")
    checked = []
    for category, description, amount in lines:
        checked.append(
            (category, description, money(amount, field="lines", label="amount", allow_none=False))
        )
    if not checked:
        raise DomainError("Enter at least one line of spend", field="lines")
    with council_write(allocation.council_id, by=by, parts=[GRANTS]):
        current = Allocation.objects.select_for_update().get(pk=allocation.pk)
        if current.status in {AllocationStatus.OFFERED, AllocationStatus.CLOSED}:
            raise DomainError(
                f"Grant usage cannot be reported on an allocation that is "
                f"{current.get_status_display().lower()}"
            )
        if UsageStatement.objects.filter(allocation=current, period=period).exists():
            raise DomainError(
                f"A statement for {period} has already been submitted", field="period"
            )
        statement = UsageStatement.objects.create(
            allocation=current,
            period=period,
            period_start=period_start,
            period_end=period_end,
            narrative=narrative.strip(),
            submitted_by=by,
            submitted_at=timezone.now(),
        )
        for category, description, amount in checked:
            UsageLine.objects.create(
                statement=statement,
                category=category,
                description=description.strip(),
                amount=amount,
            )
    return statement


def accept_usage_statement(*, statement: UsageStatement, by: User | None) -> UsageStatement:
    """Accept a submitted statement; its allocation becomes reported."""
    with council_write(statement.allocation.council_id, by=by, parts=[GRANTS]):
        current = UsageStatement.objects.select_for_update().get(pk=statement.pk)
        if current.status != UsageStatus.SUBMITTED:
            raise DomainError("This statement has already been accepted")
        current.status = UsageStatus.ACCEPTED
        current.accepted_by = by
        current.accepted_at = timezone.now()
        current.save()
        allocation = Allocation.objects.select_for_update().get(pk=current.allocation_id)
        if allocation.status == AllocationStatus.PAID:
            allocation.status = AllocationStatus.REPORTED
            allocation.save(update_fields=["status"])
    return current
