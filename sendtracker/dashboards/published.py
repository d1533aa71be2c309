"""Ofsted's published inspections beside the inspections this app records.

Where a council keeps its inspection here, the two should agree: the same start date,
the same number of weaknesses (or areas for priority action), the same outcome, the
same revisit. Any difference is spelt out, since either side may be the one to correct.
"""

from dataclasses import dataclass, field

from sendtracker.official import selectors as official

AGREES, DIFFERS, NO_RECORD = "agrees", "differs", "none"


@dataclass
class Comparison:
    status: str
    differences: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.status == NO_RECORD:
            return "No record here"
        if self.status == AGREES:
            return "Agrees"
        return "Differs: " + "; ".join(self.differences)


def _day(day) -> str:
    return f"{day:%-d %b %Y}" if day else "none"


def _differ(differences, what, published, here, show=str):
    if published != here:
        differences.append(f"{what} {show(published)} published, {show(here)} here")


def compare(published, records) -> Comparison:
    """How `published` (an official PublishedInspection) and the council's own record of
    the same framework (the one nearest in date, from `records`) agree."""
    same = [r for r in records if r.framework == published.framework]
    if not same:
        return Comparison(NO_RECORD)
    record = min(same, key=lambda r: abs((r.started_on - published.started_on).days))
    found: list[str] = []
    _differ(found, "started", published.started_on, record.started_on, _day)
    if published.framework == "2016":
        _differ(found, "significant weaknesses", published.weaknesses or 0, record.weaknesses)
        if published.revisit_started_on or record.revisit_started_on:
            _differ(found, "revisit", published.revisit_started_on, record.revisit_started_on, _day)
        if published.weaknesses_sufficient is not None and record.revisit_started_on:
            _differ(
                found,
                "weaknesses with sufficient progress",
                published.weaknesses_sufficient,
                record.revisit_sufficient,
            )
    else:
        _differ(
            found,
            "outcome",
            published.outcome,
            record.outcome,
            lambda v: official.OUTCOME_LABELS.get(v, "none").lower(),
        )
        _differ(
            found, "areas for priority action", published.priority_areas or 0, record.priority_areas
        )
    return Comparison(DIFFERS, found) if found else Comparison(AGREES)


def with_comparisons(published_rows, records_by_council) -> list:
    """The rows, each given `comparison` with the council's own record."""
    rows = list(published_rows)
    for row in rows:
        row.comparison = compare(row, records_by_council.get(row.council_id, []))
    return rows


def counts_by_region(rows) -> list[dict]:
    """Per region: inspections under each framework, WSOAs, revisit results, outcomes."""
    regions: dict[str, dict] = {}
    for row in rows:
        name = row.region.name if row.region else row.ofsted_region
        c = regions.setdefault(
            name,
            {
                "region": name,
                "inspections_2016": 0,
                "wsoa": 0,
                "revisit_all": 0,
                "revisit_some": 0,
                "revisit_none": 0,
                "inspections_2023": 0,
                "positive": 0,
                "inconsistent": 0,
                "systemic_failings": 0,
            },
        )
        if row.framework == "2016":
            c["inspections_2016"] += 1
            c["wsoa"] += bool(row.wsoa_required)
            if row.revisit_result in ("all", "some", "none"):
                c[f"revisit_{row.revisit_result}"] += 1
        else:
            c["inspections_2023"] += 1
            if row.outcome:
                c[row.outcome] += 1
    return [regions[name] for name in sorted(regions)]
