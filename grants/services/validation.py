"""Checks and sums the grants services share."""

from decimal import Decimal

from django.db.models import Sum

from grants.models import Allocation, GrantDetermination, Payment
from sendtracker.core.money import parse_money


def money(value, *, field: str, label: str, allow_none: bool = True) -> Decimal | None:
    """An amount in pounds and pence (sendtracker.core.money.parse_money)."""
    return parse_money(value, field=field, label=label, allow_none=allow_none)


def total_allocated(determination: GrantDetermination, *, excluding: int | None = None) -> Decimal:
    rows = Allocation.objects.filter(determination=determination).exclude(pk=excluding)
    return rows.aggregate(s=Sum("total"))["s"] or Decimal("0.00")


def total_paid(allocation: Allocation) -> Decimal:
    return Payment.objects.filter(allocation=allocation).aggregate(s=Sum("amount"))["s"] or Decimal(
        "0.00"
    )
