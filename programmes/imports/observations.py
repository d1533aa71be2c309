"""Measures' values: `Measure | Period | Value | Unit | Expected | Note`."""

from decimal import Decimal

from django.utils import timezone

from sendtracker.core.errors import DomainError
from sendtracker.core.imports import Column, ImportSpec, ParsedRow
from sendtracker.core.imports.changes import Preview, RowPlan, mark_duplicates, shown
from sendtracker.core.imports.parsers import CellError, flexible_date, normalise
from sendtracker.core.imports.parsers import text as text_of

from ..models import Measure, Observation
from ..services.measures import parse_value

# Measure observations ---------------------------------------------------------------

OBSERVATION_HEADINGS = ["Measure", "Period", "Value", "Unit", "Expected", "Note"]


def _value_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def observation_spec(measures: list[Measure], *, one: Measure | None = None) -> ImportSpec:
    """The observations of `measures` (a programme's); `one`: a measure's page, where a
    file may leave the Measure column out and may hold no other measure."""
    index = {normalise(m.name): m for m in measures}

    def measure(value: str) -> Measure:
        found = index.get(normalise(value))
        if found is None:
            raise CellError(f"“{value}” is not a measure of this programme")
        if one is not None and found.pk != one.pk:
            raise CellError(f"“{value}” is another measure: this import is of “{one.name}” only")
        return found

    def check_row(values: dict) -> dict:
        errors = {}
        chosen = values.get("measure") or one
        values["measure"] = chosen
        try:
            values["value"] = parse_value(values["value"], chosen.unit)
        except DomainError as error:
            errors["value"] = f"Value: {error.message}"
        on = values["period"]
        if on > timezone.localdate():
            errors["period"] = f"Period {on:%d/%m/%Y} is in the future"
        elif on < chosen.baseline_on:
            errors["period"] = (
                f"Period {on:%d/%m/%Y} is before the measure's baseline "
                f"({chosen.baseline_on:%d/%m/%Y})"
            )
        return errors

    return ImportSpec(
        columns=[
            Column(
                "Measure",
                "measure",
                measure,
                required=one is None,
                optional_heading=one is not None,
                aliases=("KPI", "Measure name"),
            ),
            Column(
                "Period", "period", flexible_date, required=True, aliases=("Date", "Date measured")
            ),
            Column("Value", "value", text_of(40), required=True),
            Column("Note", "note", text_of(500), optional_heading=True),
        ],
        check_row=check_row,
        refuse_formulas=False,
    )


def compare_observations(measures: list[Measure], rows: list[ParsedRow]) -> Preview:
    """What importing `rows` would do to the measures' observations (reads only)."""
    mark_duplicates(
        rows,
        lambda r: (r.values["measure"].pk, r.values["period"]),
        column="period",
        message="Measure and Period are the same as in row {row}",
    )
    existing = {
        (o.measure_id, o.on): o
        for o in Observation.objects.filter(measure__in=[m.pk for m in measures])
    }
    plans = []
    for row in rows:
        values = row.values
        measure, on, value = values["measure"], values["period"], values["value"]
        key = f"{measure.name} · {on:%d/%m/%Y}"
        note = values.get("note")
        found = existing.get((measure.pk, on))
        if found is None:
            changes = [("Value", "", _value_text(value))] + ([("Note", "", note)] if note else [])
            plans.append(RowPlan(row=row, kind="create", key=key, values=values, changes=changes))
            continue
        plan = RowPlan(row=row, kind="unchanged", key=key, record=found, values=values)
        if found.value != value:
            plan.changes.append(("Value", _value_text(found.value), _value_text(value)))
        if "note" in values and (note or "") != found.note:
            plan.changes.append(("Note", shown(found.note), shown(note)))
        if plan.changes:
            plan.kind = "update"
        plans.append(plan)
    return Preview(rows=plans)
