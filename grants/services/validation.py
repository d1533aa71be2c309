"""Checks and sums the grants services share."""

from decimal import Decimal

from django.db.models import Sum

from grants.models import Allocation, GrantDetermination, Payment
from grants.models.money import PENNY
from sendtracker.core.errors import DomainError


def money(value, *, field: str, label: str, allow_none: bool = True) -> Decimal | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise DomainError(f"Enter the {label}", field=field)
    if isinstance(value, float):
        raise TypeError("Money is never a float")
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        raise DomainError(
            f"The {label} must be an amount in pounds and pence", field=field
        ) from None
    if not amount.is_finite():
        raise DomainError(f"The {label} must be an amount in pounds and pence", field=field)
    if amount != amount.quantize(PENNY):
        raise DomainError(f"The {label} cannot have more than 2 decimal places", field=field)
    if amount < 0:
        raise DomainError(f"The {label} cannot be negative", field=field)
    return amount.quantize(PENNY)


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def total_allocated(determination: GrantDetermination, *, excluding: int | None = None) -> Decimal:
    rows = Allocation.objects.filter(determination=determination).exclude(pk=excluding)
    return rows.aggregate(s=Sum("total"))["s"] or Decimal("0.00")


def total_paid(allocation: Allocation) -> Decimal:
    return Payment.objects.filter(allocation=allocation).aggregate(s=Sum("amount"))["s"] or Decimal(
        "0.00"
    )
