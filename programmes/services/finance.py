from decimal import Decimal

from sendtracker.core.errors import DomainError
from sendtracker.core.money import parse_money
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import check_version
from sendtracker.core.validation import one_of
from sendtracker.core.writes import PROGRAMMES, council_write

from ..models import FigureKind, HighNeedsYear

FIELDS = {
    "direct_spend": "direct spend",
    "indirect_spend": "indirect spend",
    "allocation": "DSG high-needs allocation",
    "cumulative_deficit": "cumulative deficit",
}


def _money(value, field: str) -> Decimal | None:
    return parse_money(
        value,
        field=field,
        label=FIELDS[field],
        allow_none=field == "cumulative_deficit",
        not_an_amount="Enter the {label} in pounds, like 32717000",
        too_precise="Enter the {label} to the penny at most",
    )


def _validated(
    year_starting,
    *,
    kind: str,
    direct_spend,
    indirect_spend,
    allocation,
    cumulative_deficit=None,
    source: str = "",
) -> dict:
    """A year's figures, as the services below take them, by field once all are good."""
    if not isinstance(year_starting, int) or not 2000 <= year_starting <= 2100:
        raise DomainError(
            "Enter the year the financial year starts in, like 2022", field="year_starting"
        )
    one_of(kind, FigureKind, "kind", "Choose actual or forecast")
    amounts = (direct_spend, indirect_spend, allocation, cumulative_deficit)
    return {
        "kind": kind,
        "source": source,
        **{name: _money(value, name) for name, value in zip(FIELDS, amounts, strict=True)},
    }


def _label(year_starting: int) -> str:
    return f"{year_starting}/{(year_starting + 1) % 100:02d}"


def add_high_needs_year(*, council, by, year_starting: int, **figures) -> HighNeedsYear:
    """Add one new financial year of a council's High Needs Block; a year recorded already
    is refused (change it instead), so that nobody overwrites it by adding it again.

    `figures`: the kind, the amounts (the cumulative deficit only where the council
    reports one) and the source, as _validated takes them."""
    values = _validated(year_starting, **figures)
    with council_write(council, by=by, parts=[PROGRAMMES]):
        list(HighNeedsYear.objects.select_for_update().filter(council=council))
        if HighNeedsYear.objects.filter(council=council, year_starting=year_starting).exists():
            raise DomainError(
                f"{_label(year_starting)} is already recorded for {council}: change that year "
                "instead",
                field="year_starting",
            )
        return HighNeedsYear.objects.create(council=council, year_starting=year_starting, **values)


def update_high_needs_year(
    *, year: HighNeedsYear, by, expected_version: int, **figures
) -> HighNeedsYear:
    """Correct a recorded year's figures (the year itself stays: add another instead).

    `figures` as _validated takes them. A form opened before someone else saved is
    refused with what they changed.
    """
    values = _validated(year.year_starting, **figures)
    with council_write(year.council_id, by=by, parts=[PROGRAMMES]):
        list(HighNeedsYear.objects.select_for_update().filter(council_id=year.council_id))
        current = HighNeedsYear.objects.get(pk=year.pk)
        check_version(current, expected_version, what="financial year", fields=values)
        save_new_version(current, values)
    year.refresh_from_db()
    return year


def record_high_needs_year(*, council, by, year_starting: int, **figures) -> HighNeedsYear:
    """Record (or correct) one financial year of a council's High Needs Block.

    `figures` as _validated takes them. Spend, allocation and, where the council
    reports one, its cumulative deficit are recorded; the overspend and growth are
    derived.
    """
    values = _validated(year_starting, **figures)
    with council_write(council, by=by, parts=[PROGRAMMES]):
        list(HighNeedsYear.objects.select_for_update().filter(council=council))
        year, _ = HighNeedsYear.objects.update_or_create(
            council=council,
            year_starting=year_starting,
            defaults=values,
        )
    return year
