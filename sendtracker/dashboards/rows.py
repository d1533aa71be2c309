"""The region and national views' rows, and the region pack's: one dict per council.

From the figures dashboards.selectors reads (council_rows, grant_figures), so the pages
and the packs lay out the same numbers the same way.
"""

from decimal import Decimal

from sendtracker.core.status import DELAYED, Status

_STATUS_RANK = {s.value: i for i, s in enumerate(Status)}


def table_data(councils, rows, grants) -> list[dict]:
    """One row per council, in the order given, for CouncilRowTable and the region pack."""
    data = []
    for council in councils:
        row, money = rows[council.pk], grants[council.pk]
        status = row["actions"]["status"]
        data.append(
            {
                "name": council.name,
                "slug": council.slug,
                "region": council.region.name,
                "outcome": row["outcome"] or "No inspection recorded",
                "plan": row["plan_kind"],
                "plan_sort": row["plan_kind"] or "~",
                "plan_approved_on": row["plan_approved_on"],
                "actions": row["actions"]["total"],
                "on_track": status[Status.ON_TRACK],
                "delayed": sum(status[s] for s in DELAYED),
                "complete": status[Status.COMPLETE],
                "overdue": row["actions"]["overdue"],
                "programme_status": row["programme_status"],
                "programme_rank": _STATUS_RANK.get(row["programme_status"], 99),
                "allocated": money.allocated,
                "paid": money.paid,
                "deficit": row["deficit"] if row["deficit"] is not None else Decimal(0),
                "deficit_label": row["deficit_label"],
            }
        )
    return data


def deficit_total(figures: list[tuple[str, Decimal]]) -> dict:
    """Councils' reported cumulative deficits, (year label, amount) each, added up only
    for one year: the year most of them report, the later one on a tie. Says which year
    and how many councils' figures are in it; a deficit for another year is left out,
    never added to it."""
    if not figures:
        return {"deficit": None, "deficit_label": "", "deficit_councils": 0}
    counts: dict[str, int] = {}
    for label, _ in figures:
        counts[label] = counts.get(label, 0) + 1
    year = max(counts, key=lambda label: (counts[label], label))
    return {
        "deficit": sum((amount for label, amount in figures if label == year), Decimal(0)),
        "deficit_label": year,
        "deficit_councils": counts[year],
    }


def region_summary(councils, rows, grants, by_region=None, *, total_name="England") -> list[dict]:
    """Totals by region, in region order, and a last line for England. Deficits add up
    only for one year (deficit_total). Grants count in the region an allocation
    supports (`by_region`: grants.selectors.totals_by_region for these councils'
    regions), so the regional coordinator grant paid to Leicester (East Midlands) counts
    in the West Midlands; without it, in each council's own region."""
    regions: dict[str, dict] = {}
    deficits: dict[str, list] = {total_name: []}
    england = {"name": total_name, "councils": 0, "delayed": 0, "overdue": 0, "actions": 0}
    england.update(allocated=Decimal(0), paid=Decimal(0))
    for council in sorted(councils, key=lambda c: c.region.ons_code):
        row, money = rows[council.pk], grants[council.pk]
        line = regions.setdefault(
            council.region.name,
            {
                "name": council.region.name,
                "councils": 0,
                "delayed": 0,
                "overdue": 0,
                "actions": 0,
                "allocated": Decimal(0),
                "paid": Decimal(0),
            },
        )
        for total in (line, england):
            total["councils"] += 1
            total["actions"] += row["actions"]["total"]
            total["delayed"] += sum(row["actions"]["status"][s] for s in DELAYED)
            total["overdue"] += row["actions"]["overdue"]
            if by_region is None:
                total["allocated"] += money.allocated
                total["paid"] += money.paid
            if row["deficit"] is not None:
                deficits.setdefault(total["name"], []).append(
                    (row["deficit_label"], row["deficit"])
                )
    if by_region is not None:
        for council in councils:
            line = regions[council.region.name]
            if "region_id" not in line:
                line["region_id"] = council.region_id
                money = by_region.get(council.region_id)
                if money:
                    line["allocated"], line["paid"] = money.allocated, money.paid
                    england["allocated"] += money.allocated
                    england["paid"] += money.paid
    lines = [*regions.values(), england]
    for line in lines:
        line.update(deficit_total(deficits.get(line["name"], [])))
    return lines
