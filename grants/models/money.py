"""Money fields: pounds and pence, exact (kept in core; named here for grants' imports)."""

from sendtracker.core.money import HALF_PENNY, PENNY, equals_to_the_penny, money_field

__all__ = ["HALF_PENNY", "PENNY", "equals_to_the_penny", "money_field"]
