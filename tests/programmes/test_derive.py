import datetime
from decimal import Decimal
from types import SimpleNamespace

from programmes import derive
from programmes.derive import Rating
from programmes.models import Progress
from sendtracker.core.status import Status

D = datetime.date
TODAY = D(2024, 3, 1)


def ms(
    pk, parent=None, *, progress=Progress.NOT_STARTED, start=None, end=None, done=None, override=""
):
    return SimpleNamespace(
        pk=pk,
        parent_id=parent,
        position=pk,
        progress=progress,
        planned_start=start,
        planned_end=end,
        completed_on=done,
        status_override=override,
    )


def status(**kwargs):
    return derive.milestone_status(today=TODAY, planned_start=None, **kwargs)


def test_overdue_and_incomplete_is_major_delay():
    assert status(progress=Progress.IN_PROGRESS, planned_end=D(2024, 2, 29)) == Status.MAJOR_DELAY
    assert status(progress=Progress.NOT_STARTED, planned_end=D(2024, 2, 1)) == Status.MAJOR_DELAY


def test_due_within_14_days_and_not_started_is_minor_delay():
    assert status(progress=Progress.NOT_STARTED, planned_end=D(2024, 3, 15)) == Status.MINOR_DELAY
    assert status(progress=Progress.NOT_STARTED, planned_end=D(2024, 3, 1)) == Status.MINOR_DELAY
    assert status(progress=Progress.NOT_STARTED, planned_end=D(2024, 3, 16)) == Status.NOT_STARTED


def test_due_soon_but_started_is_on_track():
    assert status(progress=Progress.IN_PROGRESS, planned_end=D(2024, 3, 10)) == Status.ON_TRACK


def test_complete_is_complete_even_after_its_end():
    assert status(progress=Progress.COMPLETE, planned_end=D(2023, 1, 1)) == Status.COMPLETE


def test_no_dates_not_started():
    assert status(progress=Progress.NOT_STARTED, planned_end=None) == Status.NOT_STARTED


def test_parent_dates_span_children_and_status_is_worst_child():
    roots = derive.build_tree(
        [
            ms(1),
            ms(
                2,
                1,
                progress=Progress.COMPLETE,
                start=D(2023, 4, 1),
                end=D(2023, 6, 30),
                done=D(2023, 6, 1),
            ),
            ms(3, 1, progress=Progress.IN_PROGRESS, start=D(2023, 5, 1), end=D(2024, 8, 31)),
        ],
        today=TODAY,
    )
    (root,) = roots
    assert (root.start, root.end) == (D(2023, 4, 1), D(2024, 8, 31))
    assert root.status == Status.ON_TRACK
    assert root.completed_on is None


def test_roll_up_at_any_depth():
    # 1 > 2 > 3 > 4 (overdue): the major delay rises to the top through every level.
    rows = [
        ms(1),
        ms(2, 1),
        ms(3, 2),
        ms(4, 3, progress=Progress.IN_PROGRESS, start=D(2023, 1, 1), end=D(2024, 1, 31)),
        ms(
            5,
            3,
            progress=Progress.COMPLETE,
            start=D(2022, 6, 1),
            end=D(2022, 9, 1),
            done=D(2022, 9, 1),
        ),
        ms(6, 1, progress=Progress.IN_PROGRESS, end=D(2025, 1, 1)),
    ]
    (root,) = derive.build_tree(rows, today=TODAY)
    flat = derive.flatten([root])
    assert [n.pk for n in flat] == [1, 2, 3, 4, 5, 6]
    assert [n.depth for n in flat] == [0, 1, 2, 3, 3, 1]
    assert all(n.status == Status.MAJOR_DELAY for n in flat[:3])
    assert (root.start, root.end) == (D(2022, 6, 1), D(2025, 1, 1))


def test_parent_complete_when_all_children_complete_on_the_last_date():
    (root,) = derive.build_tree(
        [
            ms(1),
            ms(2, 1, progress=Progress.COMPLETE, end=D(2023, 6, 30), done=D(2023, 6, 1)),
            ms(3, 1, progress=Progress.COMPLETE, end=D(2023, 7, 30), done=D(2023, 8, 2)),
        ],
        today=TODAY,
    )
    assert root.status == Status.COMPLETE
    assert root.completed_on == D(2023, 8, 2)


def test_override_replaces_the_derived_status_and_rolls_up():
    (root,) = derive.build_tree(
        [
            ms(1),
            ms(2, 1, progress=Progress.IN_PROGRESS, end=D(2024, 1, 1), override=Status.ON_TRACK),
        ],
        today=TODAY,
    )
    child = root.children[0]
    assert child.derived_status == Status.MAJOR_DELAY
    assert child.status == Status.ON_TRACK and child.is_overridden
    assert root.status == Status.ON_TRACK


def test_child_outside_parents_own_dates_is_warned_not_dropped():
    parent = ms(1, start=D(2023, 4, 1), end=D(2023, 8, 31))
    (root,) = derive.build_tree(
        [parent, ms(2, 1, start=D(2023, 5, 1), end=D(2023, 9, 30))], today=TODAY
    )
    assert root.children[0].warnings == [
        "Ends after its parent milestone's planned end (31 Aug 2023)"
    ]


def test_cycle_in_bad_data_does_not_loop():
    roots = derive.build_tree([ms(1, 2), ms(2, 1), ms(3)], today=TODAY)
    assert [r.pk for r in roots] == [3]


def test_workstream_status_is_worst_top_level():
    roots = derive.build_tree(
        [ms(1, progress=Progress.COMPLETE, done=D(2023, 1, 1)), ms(2, end=D(2024, 3, 10))],
        today=TODAY,
    )
    assert derive.overall_status(roots) == Status.MINOR_DELAY
    assert derive.overall_status([]) is None


def test_parent_with_work_done_and_the_rest_not_yet_due_is_on_track_not_not_started():
    (root,) = derive.build_tree(
        [
            ms(1),
            ms(2, 1, progress=Progress.COMPLETE, end=D(2024, 1, 1), done=D(2024, 1, 1)),
            ms(3, 1, end=D(2025, 1, 1)),
        ],
        today=TODAY,
    )
    assert root.status == Status.ON_TRACK
    assert derive.roll_up([Status.NOT_STARTED, Status.NOT_STARTED]) == Status.NOT_STARTED
    assert derive.roll_up([Status.COMPLETE, Status.MINOR_DELAY]) == Status.MINOR_DELAY
    assert derive.roll_up([]) is None


# Measures


def points():
    return derive.trajectory_points(
        baseline=(D(2023, 9, 1), Decimal(0)), target=(D(2025, 9, 1), Decimal(60))
    )


def test_linear_trajectory_from_baseline_to_target_when_none_agreed():
    traj = points()
    assert derive.expected_value(traj, D(2023, 9, 1)) == 0
    assert derive.expected_value(traj, D(2025, 9, 1)) == 60
    assert round(derive.expected_value(traj, D(2024, 9, 1)), 1) == Decimal(
        "30.0"
    )  # 366 of 731 days
    assert derive.expected_value(traj, D(2030, 1, 1)) == 60  # flat after the target
    assert derive.expected_value(traj, D(2020, 1, 1)) == 0


def test_agreed_trajectory_points_are_followed():
    traj = derive.trajectory_points(
        baseline=(D(2023, 9, 1), Decimal(0)),
        target=(D(2025, 9, 1), Decimal(60)),
        points=[(D(2024, 9, 1), Decimal(10))],
    )
    assert derive.expected_value(traj, D(2024, 9, 1)) == 10


def test_rating_on_track_minor_and_major_shortfall():
    traj = points()
    on = D(2024, 9, 1)  # expected about 30.04
    args = {"on": on, "points": traj, "higher_is_better": True, "tolerance": Decimal(5)}
    assert derive.rate(value=Decimal(31), **args) == Rating.ON_TRACK
    assert derive.rate(value=Decimal(26), **args) == Rating.MINOR
    assert derive.rate(value=Decimal(11), **args) == Rating.MAJOR


def test_rating_when_lower_is_better():
    traj = derive.trajectory_points(
        baseline=(D(2023, 1, 1), Decimal(100)), target=(D(2024, 1, 1), Decimal(0))
    )
    args = {
        "on": D(2024, 1, 1),
        "points": traj,
        "higher_is_better": False,
        "tolerance": Decimal(10),
    }
    assert derive.rate(value=Decimal(0), **args) == Rating.ON_TRACK
    assert derive.rate(value=Decimal(8), **args) == Rating.MINOR
    assert derive.rate(value=Decimal(11), **args) == Rating.MAJOR


# Risks


def test_heat_map_counts_by_likelihood_and_impact():
    grid = derive.heat_map([(5, 5), (5, 5), (1, 3), (4, 2)])
    assert [cell.likelihood for cell in grid[0]] == [5] * 5  # top row: likelihood 5
    assert grid[0][4].count == 2 and grid[0][4].band == "Very high"
    assert grid[4][2].count == 1 and grid[4][2].score == 3 and grid[4][2].band == "Low"
    assert grid[1][1].count == 1 and grid[1][1].band == "Medium"
    assert sum(c.count for row in grid for c in row) == 4
