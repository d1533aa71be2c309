"""Small builders for programme records, through the services as the app writes them."""

import datetime

from django.utils import timezone

from programmes import services
from programmes.models import Direction, FigureKind, ProgrammeKind, Progress, Unit

D = datetime.date
K = 1000
# Leicester City's High Needs Block, in £'000: year -> (direct, indirect, allocation),
# as the council's scrutiny report tabulates it (2021 missing, 2022 a forecast).
APPENDIX_5 = {
    2015: (34532, 5531, 38228),
    2016: (37507, 5479, 38491),
    2017: (40593, 5501, 44385),
    2018: (45176, 5587, 45808),
    2019: (48426, 5521, 47321),
    2020: (53629, 5370, 54065),
    2022: (60164, 5550, 60153),
}


def programme(council, *, name="Delivering Better Value in SEND", kind=ProgrammeKind.DBV):
    return services.create_programme(council=council, by=None, kind=kind, name=name)


def workstream(prog, *, name="Data visibility and improvement cycles", **kwargs):
    return services.add_workstream(programme=prog, by=None, name=name, **kwargs)


def milestone(ws, *, title="Design phase", parent=None, start=None, end=None, **kwargs):
    return services.add_milestone(
        workstream=ws,
        by=None,
        title=title,
        parent=parent,
        planned_start=start,
        planned_end=end,
        **kwargs,
    )


def measure(prog, *, workstream=None, name="EHCP 20-week timeliness", **kwargs):
    values = {
        "unit": Unit.PERCENT,
        "direction": Direction.UP,
        "baseline_value": "0",
        "baseline_on": D(2023, 9, 1),
        "target_value": "60",
        "target_on": D(2025, 9, 1),
        "tolerance": "5",
        **kwargs,
    }
    return services.add_measure(programme=prog, workstream=workstream, by=None, name=name, **values)


def observations(m, points, *, by=None):
    """Record (date, value) points on measure `m` in order, as officers would."""
    for on, value in points:
        services.record_observation(
            measure=m, by=by, on=on, value=value, expected_version=m.version
        )
        m.refresh_from_db()
    return m


def high_needs_years(council, years, *, by=None, kind=None, deficits=None):
    """Record {year_starting: (direct, indirect, allocation)} in pounds.

    Without `kind`, the last year is a forecast and the others actuals. `deficits`:
    {year_starting: the cumulative deficit the council reports}; other years have none.
    """
    last = max(years)
    deficits = deficits or {}
    for year, (direct, indirect, allocation) in sorted(years.items()):
        services.record_high_needs_year(
            council=council,
            by=by,
            year_starting=year,
            kind=kind or (FigureKind.FORECAST if year == last else FigureKind.ACTUAL),
            direct_spend=direct,
            indirect_spend=indirect,
            allocation=allocation,
            cumulative_deficit=deficits.get(year),
        )


def leicester_high_needs(council, *, by=None):
    """Record APPENDIX_5 for `council`."""
    high_needs_years(
        council,
        {year: tuple(v * K for v in values) for year, values in APPENDIX_5.items()},
        by=by,
    )


def forecast_deficit(council, *, by=None):
    """Seed 003's two forecast years: 22% over the grant with a reported cumulative
    deficit of £65.5m (2024/25), 48% over with £110.6m (2027/28)."""
    high_needs_years(
        council,
        {
            2024: (116_000_000, 6_000_000, 100_000_000),
            2027: (171_600_000, 6_000_000, 120_000_000),
        },
        by=by,
        kind=FigureKind.FORECAST,
        deficits={2024: 65_500_000, 2027: 110_600_000},
    )


def dbv_programme(council, *, by=None, name="Delivering Better Value in SEND"):
    """A Delivering Better Value programme with what every programme page shows.

    Two workstreams. "Data" has milestone 1 complete and milestone 8 (a pilot) in
    progress, due in ten days. "Inclusion" has milestone 8 with two children: 8.1
    complete and 8.2 in progress and twenty days late. Three measures: a number going
    down and a percentage going up, each with three values, and one with none yet.
    Five risks, as (likelihood, impact): (3, 4) twice, (3, 3), (2, 4) and (2, 3).
    """
    today = timezone.localdate()
    prog = programme(council, name=name)
    data = workstream(prog, name="Data visibility and improvement cycles")
    inclusion = workstream(prog, name="Culture of inclusion in mainstream settings")

    def progressed(m, progress, completed_on=None):
        return services.update_milestone(
            milestone=m,
            by=by,
            progress=progress,
            completed_on=completed_on,
            expected_version=m.version,
        )

    kickoff = milestone(
        data, ref="1", title="Hold the programme kick-off", start=D(2023, 1, 9), end=D(2023, 2, 10)
    )
    progressed(kickoff, Progress.COMPLETE, D(2023, 2, 10))
    pilot = milestone(
        data,
        ref="8",
        title="Pilot a priority data set (EHCP timeliness) before full launch",
        start=D(2023, 10, 2),
        end=today + datetime.timedelta(days=10),
    )
    progressed(pilot, Progress.IN_PROGRESS)
    roll_out = milestone(
        inclusion,
        ref="8",
        title="Roll-out, including the sequencing of schools",
        start=D(2023, 9, 1),
        end=today - datetime.timedelta(days=20),
    )
    first = milestone(
        inclusion,
        ref="8.1",
        title="First cohort of schools",
        parent=roll_out,
        start=D(2023, 9, 1),
        end=D(2024, 7, 19),
    )
    progressed(first, Progress.COMPLETE, D(2024, 7, 19))
    second = milestone(
        inclusion,
        ref="8.2",
        title="Second cohort of schools",
        parent=roll_out,
        start=D(2024, 9, 2),
        end=today - datetime.timedelta(days=20),
    )
    progressed(second, Progress.IN_PROGRESS)

    starting = measure(
        prog,
        workstream=inclusion,
        name="Children and young people starting EHCPs in the year",
        unit=Unit.NUMBER,
        direction=Direction.DOWN,
        baseline_value=420,
        baseline_on=D(2023, 3, 31),
        target_value=340,
        target_on=D(2026, 3, 31),
        tolerance=15,
    )
    observations(
        starting, [(D(2023, 9, 30), 405), (D(2024, 3, 31), 398), (D(2024, 9, 30), 392)], by=by
    )
    turnaround = measure(
        prog,
        workstream=data,
        name="EHCPs issued within 20 weeks",
        baseline_value=38,
        baseline_on=D(2023, 3, 31),
        target_value=70,
        target_on=D(2026, 3, 31),
        tolerance=5,
        trajectory=[(D(2024, 3, 31), 45), (D(2025, 3, 31), 58)],
    )
    observations(
        turnaround, [(D(2023, 9, 30), 41), (D(2024, 3, 31), 44), (D(2024, 9, 30), 47)], by=by
    )
    measure(
        prog,
        workstream=inclusion,
        name="Children at SEN support receiving a suspension",
        unit=Unit.NUMBER,
        direction=Direction.DOWN,
        baseline_value=160,
        baseline_on=D(2023, 3, 31),
        target_value=120,
        target_on=D(2026, 3, 31),
        tolerance=10,
    )

    for ws, likelihood, impact in [
        (data, 3, 4),
        (data, 3, 3),
        (inclusion, 3, 4),
        (inclusion, 2, 4),
        (inclusion, 2, 3),
    ]:
        services.add_risk(
            programme=prog,
            workstream=ws,
            by=by,
            description=f"Risk to {ws.name.lower()} ({likelihood} by {impact})",
            likelihood=likelihood,
            impact=impact,
            mitigation="Reviewed monthly at the programme board.",
            owner="Head of SEND",
            review_on=today + datetime.timedelta(days=30),
        )
    return prog
