"""Money: pounds and pence, exact. Parsed from what people type, stored to the penny."""

import re
from decimal import Decimal, InvalidOperation

from django.db import models
from django.db.models.functions import Abs

from sendtracker.core.errors import DomainError

PENNY = Decimal("0.01")
# Half a penny: amounts carry two decimal places, so on PostgreSQL's exact numeric a
# difference below this is equality; on SQLite (floating point) it absorbs rounding.
HALF_PENNY = Decimal("0.005")
# money_field holds 14 digits, 2 of them pence: anything from a trillion up cannot be stored.
TOO_MUCH = Decimal("1e12")

NOT_AN_AMOUNT = "The {label} must be an amount in pounds and pence"
TOO_PRECISE = "The {label} cannot have more than 2 decimal places"


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


def equals_to_the_penny(left, right) -> models.lookups.LessThan:
    """A check-constraint condition: `left` equals `right` to the penny."""
    return models.lookups.LessThan(Abs(left - right), models.Value(HALF_PENNY))


def parse_money(
    value,
    *,
    field: str,
    label: str,
    allow_none: bool = True,
    not_an_amount: str = NOT_AN_AMOUNT,
    too_precise: str = TOO_PRECISE,
) -> Decimal | None:
    """An amount typed as "£1,234.50", "1234.5" or a Decimal, to the penny; never a float.

    Refuses with a DomainError on `field` whose message names the `label`; the two
    message templates let a form keep the wording its users already see.
    """
    if value is None or value == "":
        if allow_none:
            return None
        raise DomainError(f"Enter the {label}", field=field)
    if isinstance(value, float):
        raise TypeError("Money is never a float")
    try:
        amount = Decimal(re.sub(r"[£,\s]", "", str(value)))
    except InvalidOperation:
        raise DomainError(not_an_amount.format(label=label), field=field) from None
    if not amount.is_finite() or abs(amount) >= TOO_MUCH:
        raise DomainError(not_an_amount.format(label=label), field=field)
    if amount != amount.quantize(PENNY):
        raise DomainError(too_precise.format(label=label), field=field)
    if amount < 0:
        raise DomainError(f"The {label} cannot be negative", field=field)
    return abs(amount).quantize(PENNY)  # abs: "-0" is 0.00, not -0.00


def pounds(amount: Decimal, *, pence: bool = True) -> str:
    """£1,234.50, or £1,235 without pence."""
    return f"£{amount:,.2f}" if pence else f"£{amount:,.0f}"
