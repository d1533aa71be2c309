import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from sendtracker.core.errors import Change, DomainError
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import lock_checked
from sendtracker.core.validation import one_of, required_line
from sendtracker.core.writes import PROGRAMMES, council_write
from sendtracker.official.indicators import IndicatorChoice

from ..models import Direction, Measure, Observation, TrajectoryPoint, Unit
from .programmes import check_workstream

UNIT_WORDS = {
    Unit.NUMBER: "a number",
    Unit.PERCENT: "a percentage",
    Unit.POUNDS: "an amount in pounds",
    Unit.DAYS: "a number of days",
    Unit.WEEKS: "a number of weeks",
}
LIMIT = Decimal("1e13")


def parse_value(raw, unit: str, *, field: str = "value", what: str = "value") -> Decimal:
    """A value typed for a measure of `unit`, as a Decimal; DomainError if it cannot be one.

    Accepts thousands separators, a % on a percentage and a £ on pounds; refuses a sign
    of another unit, a count that is not whole, and a percentage outside 0 to 100.
    `what` names the value in messages ("target value").
    """
    if isinstance(raw, Decimal | int):
        text = str(raw)
    else:
        text = str(raw or "").strip().replace(",", "").replace(" ", "")
    if not text:
        raise DomainError(f"Enter the {what}, as {UNIT_WORDS[Unit(unit)]}", field=field)
    if text.endswith("%"):
        if unit != Unit.PERCENT:
            raise DomainError(
                f"This measure is {UNIT_WORDS[Unit(unit)]}, not a percentage: enter it without %",
                field=field,
            )
        text = text[:-1]
    if text.startswith("£"):
        if unit != Unit.POUNDS:
            raise DomainError(
                f"This measure is {UNIT_WORDS[Unit(unit)]}, not money: enter it without £",
                field=field,
            )
        text = text[1:]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise DomainError(
            f"Enter the {what} as {UNIT_WORDS[Unit(unit)]}, like 11", field=field
        ) from None
    if not value.is_finite() or abs(value) >= LIMIT:
        raise DomainError(f"Enter the {what} as {UNIT_WORDS[Unit(unit)]}, like 11", field=field)
    if unit == Unit.NUMBER and value != value.to_integral_value():
        raise DomainError("This measure counts whole things: enter a whole number", field=field)
    if unit == Unit.PERCENT and not 0 <= value <= 100:
        raise DomainError("Enter a percentage from 0 to 100", field=field)
    if unit in (Unit.NUMBER, Unit.DAYS, Unit.WEEKS) and value < 0:
        raise DomainError(f"The {what} cannot be negative", field=field)
    return value.quantize(Decimal("0.01"))


def _measure_values(
    programme,
    *,
    name: str,
    unit: str,
    direction: str,
    baseline_value,
    baseline_on: datetime.date,
    target_value,
    target_on: datetime.date,
    tolerance=0,
    trajectory: list[tuple[datetime.date, object]] = (),
    workstream=None,
    description: str = "",
    source: str = "",
    official_indicator: str = "",
) -> tuple[dict, list[tuple[datetime.date, Decimal]]]:
    """A measure's definition, as add_measure and update_measure take it, checked.

    Returns the measure's field values (parsed for its unit) and its trajectory points;
    DomainError names the first bad field.
    """
    name = required_line(name, "name", "Enter the measure's name", what="the name")
    one_of(unit, Unit, "unit", "Choose the measure's unit from the list")
    one_of(direction, Direction, "direction", "Choose whether higher or lower is better")
    check_workstream(workstream, programme.pk)
    baseline = parse_value(baseline_value, unit, field="baseline_value", what="baseline value")
    target = parse_value(target_value, unit, field="target_value", what="target value")
    tolerance = parse_value(tolerance, unit, field="tolerance", what="tolerance")
    if baseline_on is None:
        raise DomainError("Enter the baseline date", field="baseline_on")
    if target_on is None:
        raise DomainError("Enter the target date", field="target_on")
    if target_on <= baseline_on:
        raise DomainError("The target date must be after the baseline date", field="target_on")
    points = []
    for on, value in trajectory:
        if not baseline_on < on < target_on:
            raise DomainError(
                "Each trajectory point must fall between the baseline and target dates",
                field="trajectory",
            )
        points.append(
            (on, parse_value(value, unit, field="trajectory", what="trajectory point's value"))
        )
    if len({on for on, _ in points}) != len(points):
        raise DomainError("Give one trajectory point a date", field="trajectory")
    if official_indicator and official_indicator not in IndicatorChoice.values:
        raise DomainError("Choose the official statistic from the list", field="official_indicator")
    values = {
        "name": name,
        "description": description,
        "unit": unit,
        "direction": direction,
        "workstream": workstream,
        "baseline_value": baseline,
        "baseline_on": baseline_on,
        "target_value": target,
        "target_on": target_on,
        "tolerance": tolerance,
        "source": source,
        "official_indicator": official_indicator,
    }
    return values, points


def add_measure(*, programme, by, **definition) -> Measure:
    """Add a KPI with its baseline, target and (optional) agreed trajectory points.

    `definition`: the measure's fields, as _measure_values takes them.
    """
    values, points = _measure_values(programme, **definition)
    with council_write(programme.council_id, by=by, parts=[PROGRAMMES]):
        measure = Measure.objects.create(
            programme=programme, position=programme.measures.count(), **values
        )
        TrajectoryPoint.objects.bulk_create(
            TrajectoryPoint(measure=measure, on=on, value=value) for on, value in points
        )
    return measure


def record_observation(
    *,
    measure: Measure,
    by,
    on: datetime.date,
    value,
    note: str = "",
    expected_version: int,
    at: datetime.datetime | None = None,
) -> Observation:
    """Record a KPI's value on a date (a typed string is parsed for the measure's unit).

    Refused: a date in the future or before the baseline, a second value for the same
    date, and a form opened before someone else recorded one (it may be the same).
    """
    at = at or timezone.now()
    if on is None:
        raise DomainError("Enter the date the value was measured", field="on")
    parsed = parse_value(value, measure.unit)
    if on > timezone.localdate(at):
        raise DomainError("The date measured cannot be in the future", field="on")
    if on < measure.baseline_on:
        raise DomainError(
            f"The date measured cannot be before the baseline ({measure.baseline_on:%-d %b %Y})",
            field="on",
        )
    with council_write(measure.programme.council_id, by=by, parts=[PROGRAMMES]):
        current = _lock_for_value(measure, expected_version)
        existing = current.observations.filter(on=on).first()
        if existing is not None:
            raise DomainError(
                f"A value is already recorded for {on:%-d %b %Y} ({existing.value.normalize():f}). "
                "Choose another date.",
                field="on",
            )
        observation = Observation.objects.create(
            measure=current, on=on, value=parsed, note=note.strip(), by=by, recorded_at=at
        )
        current.version += 1
        current.save(update_fields=["version"])
    measure.refresh_from_db()
    return observation


def correct_observation(
    *,
    observation: Observation,
    by,
    value,
    note: str | None = None,
    expected_version: int,
    at: datetime.datetime | None = None,
) -> Observation:
    """Correct a recorded value (and its note, unless `note` is None) on its date.

    The date stays: a value on another date is another observation. Like recording
    one, it raises the measure's version, and a form opened before someone else
    recorded or corrected a value is refused. The audit trail keeps the old value.
    """
    at = at or timezone.now()
    measure = observation.measure
    parsed = parse_value(value, measure.unit)
    with council_write(measure.programme.council_id, by=by, parts=[PROGRAMMES]):
        current = _lock_for_value(measure, expected_version)
        found = Observation.objects.select_for_update().get(pk=observation.pk, measure=current)
        found.value = parsed
        if note is not None:
            found.note = note.strip()
        found.by = by
        found.recorded_at = at
        found.save(update_fields=["value", "note", "by", "recorded_at"])
        current.version += 1
        current.save(update_fields=["version"])
    measure.refresh_from_db()
    observation.refresh_from_db()
    return observation


def update_measure(*, measure: Measure, by, expected_version: int, **definition) -> Measure:
    """Change a KPI's definition, baseline, target, tolerance and trajectory (replaced).

    `definition`: the measure's fields, as _measure_values takes them. The unit cannot
    change once values are recorded (they would mean something else), nor the baseline
    move after the first recorded value. Recording a value also raises the version, so a
    form opened before it is refused.
    """
    values, points = _measure_values(measure.programme, **definition)
    unit, baseline_on = values["unit"], values["baseline_on"]
    with council_write(measure.programme.council_id, by=by, parts=[PROGRAMMES]):
        current = lock_checked(measure, expected_version, what="measure", fields=values)
        first = current.observations.order_by("on").first()
        if first is not None and unit != current.unit:
            raise DomainError(
                "The unit cannot change once values are recorded against it", field="unit"
            )
        if first is not None and baseline_on > first.on:
            raise DomainError(
                f"The baseline date cannot be after the first recorded value "
                f"({first.on:%-d %b %Y})",
                field="baseline_on",
            )
        save_new_version(current, values)
        if sorted(current.trajectory.values_list("on", "value")) != sorted(points):
            current.trajectory.all().delete()
            TrajectoryPoint.objects.bulk_create(
                TrajectoryPoint(measure=current, on=on, value=value) for on, value in points
            )
    measure.refresh_from_db()
    return measure


def _lock_for_value(measure: Measure, expected_version: int) -> Measure:
    """The measure under a lock; a form opened before someone else recorded or corrected
    a value is refused with those values."""
    return lock_checked(
        measure,
        expected_version,
        what="measure",
        since=lambda current: _observations_since(current, expected_version),
        message="Someone else recorded a value for this {what} after you opened the form. "
        "Yours has not been saved. Check theirs below, then record yours again.",
    )


def _observations_since(current: Measure, expected_version: int) -> list[Change]:
    """The values recorded after `expected_version` (one per version), by whom."""
    recent = current.observations.filter(recorded_at__isnull=False).order_by("-recorded_at", "-pk")[
        : max(current.version - expected_version, 1)
    ]
    return [
        Change.update(o.recorded_at, o.by, f"{o.value.normalize():f} on {o.on:%-d %b %Y}")
        for o in recent
    ]
