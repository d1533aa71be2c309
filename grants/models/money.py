"""Money fields: pounds and pence, exact."""

from decimal import Decimal

from django.db import models
from django.db.models.functions import Abs

PENNY = Decimal("0.01")
# Half a penny: amounts carry two decimal places, so on PostgreSQL's exact numeric a
# difference below this is equality; on SQLite (floating point) it absorbs rounding.
HALF_PENNY = Decimal("0.005")


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


def equals_to_the_penny(left, right) -> models.lookups.LessThan:
    """A check-constraint condition: `left` equals `right` to the penny."""
    return models.lookups.LessThan(Abs(left - right), models.Value(HALF_PENNY))
