from sendtracker.core.exports import DATE, NUMBER, TEXT, Column, Export


def published_inspections(rows, *, name: str) -> Export:
    """Ofsted's published inspections as a page lists them, with the comparison."""
    return Export(
        name=name,
        sheet="Published inspections",
        columns=[
            Column("Council", lambda r: r.area_name),
            Column("Region", lambda r: r.region.name if r.region else r.ofsted_region),
            Column("Framework", lambda r: r.framework),
            Column("Inspected from", lambda r: r.started_on, DATE),
            Column("Report published", lambda r: r.published_on, DATE),
            Column("WSOA required", lambda r: _yes_no(r.wsoa_required)),
            Column("Significant weaknesses", lambda r: r.weaknesses, NUMBER),
            Column("Revisited from", lambda r: r.revisit_started_on, DATE),
            Column("Revisit result", lambda r: r.get_revisit_result_display()),
            Column(
                "Weaknesses with sufficient progress", lambda r: r.weaknesses_sufficient, NUMBER
            ),
            Column("Weaknesses without", lambda r: r.weaknesses_insufficient, NUMBER),
            Column("2023 outcome", lambda r: r.get_outcome_display()),
            Column(
                "Priority action plan required", lambda r: _yes_no(r.priority_action_plan_required)
            ),
            Column("Areas for priority action", lambda r: r.priority_areas, NUMBER),
            Column("Record here", lambda r: str(getattr(r, "comparison", "")), TEXT),
        ],
        rows=rows,
    )


def _yes_no(value) -> str:
    return {True: "Yes", False: "No"}.get(value, "")
