import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from programmes import services
from programmes.models import (
    Measure,
    Milestone,
    MilestoneUpdate,
    Observation,
    Progress,
    Risk,
    Workstream,
)
from sendtracker.core.audit import history_for
from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.status import Status

from . import factories as f

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def prog(nelincs):
    return f.programme(nelincs)


@pytest.fixture
def ws(prog):
    return f.workstream(prog, enablers={"G": 2, "D": 1, "L": 2, "Ca": 2, "Cb": 2})


def test_enablers_read_as_seed_001_codes(ws):
    assert sorted(e.code for e in ws.enablers.all()) == ["Ca2", "Cb2", "D1", "G2", "L2"]


def test_enabler_level_outside_1_to_5_is_refused(ws):
    with pytest.raises(DomainError, match="The maturity level must be a whole number from 1 to 5"):
        services.set_enabler(workstream=ws, by=None, area="G", level=7)
    assert ws.enablers.get(area="G").level == 2


def test_milestone_that_ends_before_it_starts_is_refused(ws):
    with pytest.raises(DomainError) as error:
        f.milestone(ws, start=D(2023, 5, 1), end=D(2023, 4, 1))
    assert error.value.field == "planned_end"
    assert error.value.message == "The planned end must be on or after the planned start"
    assert not Milestone.objects.exists()


def test_sub_milestone_outside_parents_dates_is_saved_with_a_warning(ws):
    parent = f.milestone(ws, start=D(2023, 4, 1), end=D(2023, 8, 31))
    child = f.milestone(ws, parent=parent, title="Pilot", start=D(2023, 3, 1), end=D(2023, 5, 1))
    assert child.pk and child.warnings == [
        "Starts before its parent milestone's planned start (1 Apr 2023)"
    ]


def test_a_milestone_cannot_move_under_its_own_descendant(ws):
    top = f.milestone(ws)
    middle = f.milestone(ws, parent=top, title="Middle")
    bottom = f.milestone(ws, parent=middle, title="Bottom")
    with pytest.raises(
        DomainError, match="A milestone cannot sit under itself or one of its own sub-milestones"
    ):
        services.move_milestone(milestone=top, by=None, parent=bottom)
    top.refresh_from_db()
    assert top.parent is None


def test_workstream_interdependency_cycle_is_refused(prog):
    a = f.workstream(prog, name="Data")
    b = f.workstream(prog, name="Inclusion")
    c = f.workstream(prog, name="Places")
    services.add_interdependency(workstream=a, depends_on=b, by=None)
    services.add_interdependency(workstream=b, depends_on=c, by=None)
    with pytest.raises(DomainError) as error:
        services.add_interdependency(workstream=c, depends_on=a, by=None)
    assert error.value.message.startswith(
        "That would make a cycle: Places → Data → Inclusion → Places"
    )
    assert list(c.depends_on.all()) == []


def test_workstream_cannot_depend_on_itself_or_another_programme(prog, leicester):
    a = f.workstream(prog)
    other = f.workstream(f.programme(leicester))
    with pytest.raises(DomainError, match="cannot depend on itself"):
        services.add_interdependency(workstream=a, depends_on=a, by=None)
    with pytest.raises(DomainError, match="same programme"):
        services.add_interdependency(workstream=a, depends_on=other, by=None)


def update(milestone, **kwargs):
    values = {"progress": Progress.IN_PROGRESS, "expected_version": milestone.version, **kwargs}
    return services.update_milestone(milestone=milestone, by=None, **values)


def test_update_milestone_records_who_what_and_the_version(ws, make_user):
    user = make_user()
    m = f.milestone(ws, end=D(2030, 1, 1))
    record = services.update_milestone(
        milestone=m,
        by=user,
        progress=Progress.IN_PROGRESS,
        note="Kick-off held",
        expected_version=1,
    )
    m.refresh_from_db()
    assert (m.progress, m.note, m.version) == (Progress.IN_PROGRESS, "Kick-off held", 2)
    assert (record.old_progress, record.new_progress, record.by) == (
        Progress.NOT_STARTED,
        Progress.IN_PROGRESS,
        user,
    )
    assert history_for(m).first().actor == user


def test_override_needs_a_reason_and_nothing_is_lost(ws):
    m = f.milestone(ws)
    with pytest.raises(DomainError) as error:
        update(m, status_override=Status.ON_TRACK, override_reason="  ")
    assert (error.value.field, error.value.message) == (
        "override_reason",
        "Enter the reason for overriding the status",
    )
    m.refresh_from_db()
    assert (m.status_override, m.version, m.progress) == ("", 1, Progress.NOT_STARTED)
    update(m, status_override=Status.ON_TRACK, override_reason="Supplier confirmed new date")
    m.refresh_from_db()
    assert m.status_override == Status.ON_TRACK
    assert m.override_reason == "Supplier confirmed new date"


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"progress": "nearly"}, "progress", "Choose the milestone's progress from the list"),
        (
            {"progress": Progress.COMPLETE},
            "completed_on",
            "Enter the date the milestone was completed",
        ),
        (
            {"progress": Progress.COMPLETE, "completed_on": D(2099, 1, 1)},
            "completed_on",
            "The completion date cannot be in the future",
        ),
        (
            {"status_override": "purple", "override_reason": "x"},
            "status_override",
            "Choose a status from the list",
        ),
        (
            {"progress": Progress.NOT_STARTED},
            "note",
            "Change the progress or the status, or write a progress note",
        ),
    ],
)
def test_bad_milestone_update_is_refused_with_its_message(ws, kwargs, field, message):
    m = f.milestone(ws)
    with pytest.raises(DomainError) as error:
        update(m, **kwargs)
    assert (error.value.field, error.value.message) == (field, message)
    assert not MilestoneUpdate.objects.exists()


def test_stale_milestone_update_is_refused_with_what_changed(ws, make_user):
    m = f.milestone(ws)
    first = make_user(email="first@nelincs.example")
    services.update_milestone(
        milestone=m, by=first, progress=Progress.IN_PROGRESS, note="Started", expected_version=1
    )
    with pytest.raises(StaleEditError) as error:
        services.update_milestone(
            milestone=m, by=None, progress=Progress.NOT_STARTED, note="Old view", expected_version=1
        )
    (change,) = error.value.changes
    assert "first@nelincs.example" in change.label
    assert change.saved == "progress Not started → In progress; note: “Started”"
    m.refresh_from_db()
    assert (m.progress, m.note) == (Progress.IN_PROGRESS, "Started")


def test_parent_progress_comes_from_children_only_override_and_note_change(ws):
    parent = f.milestone(ws)
    f.milestone(ws, parent=parent, title="Child")
    update(parent, progress=Progress.COMPLETE, completed_on=D(2023, 1, 1), note="All done?")
    parent.refresh_from_db()
    assert (parent.progress, parent.completed_on, parent.note) == (
        Progress.NOT_STARTED,
        None,
        "All done?",
    )


# Measures


def test_measure_with_target_before_baseline_is_refused(prog):
    with pytest.raises(DomainError, match="The target date must be after the baseline date"):
        f.measure(prog, target_on=D(2023, 1, 1))
    assert not Measure.objects.exists()


def test_observation_parsing_accepts_the_measures_own_unit(prog):
    m = f.measure(prog)
    services.record_observation(
        measure=m, by=None, on=D(2023, 12, 31), value=" 11% ", expected_version=1
    )
    assert Observation.objects.get().value == Decimal("11.00")


@pytest.mark.parametrize(
    ("unit", "raw", "message"),
    [
        ("percent", "eleven", "Enter the value as a percentage, like 11"),
        ("percent", "140", "Enter a percentage from 0 to 100"),
        ("percent", "£11", "This measure is a percentage, not money: enter it without £"),
        ("number", "11%", "This measure is a number, not a percentage: enter it without %"),
        ("number", "2777.5", "This measure counts whole things: enter a whole number"),
        ("number", "-3", "The value cannot be negative"),
        ("number", "", "Enter the value, as a number"),
        ("number", "1e400", "Enter the value as a number, like 11"),
        ("number", "NaN", "Enter the value as a number, like 11"),
    ],
)
def test_observation_of_the_wrong_unit_or_not_a_number_is_refused(prog, unit, raw, message):
    kwargs = {"unit": unit, "baseline_value": "0", "target_value": "50", "tolerance": "1"}
    m = f.measure(prog, **kwargs)
    with pytest.raises(DomainError) as error:
        services.record_observation(
            measure=m, by=None, on=D(2024, 1, 1), value=raw, expected_version=1
        )
    assert (error.value.field, error.value.message) == ("value", message)
    assert not Observation.objects.exists()
    m.refresh_from_db()
    assert m.version == 1


def test_observation_dates_in_the_future_before_baseline_or_twice_are_refused(prog):
    m = f.measure(prog)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DomainError, match="cannot be in the future"):
        services.record_observation(measure=m, by=None, on=tomorrow, value="5", expected_version=1)
    with pytest.raises(DomainError, match=r"cannot be before the baseline \(1 Sep 2023\)"):
        services.record_observation(
            measure=m, by=None, on=D(2023, 1, 1), value="5", expected_version=1
        )
    services.record_observation(measure=m, by=None, on=D(2024, 1, 1), value="5", expected_version=1)
    with pytest.raises(DomainError, match=r"already recorded for 1 Jan 2024 \(5\)"):
        services.record_observation(
            measure=m, by=None, on=D(2024, 1, 1), value="6", expected_version=2
        )
    assert Observation.objects.get().value == 5


def test_stale_observation_form_is_refused_showing_the_new_value(prog, make_user):
    m = f.measure(prog)
    other = make_user(email="colleague@nelincs.example")
    services.record_observation(
        measure=m, by=other, on=D(2024, 1, 1), value="9", expected_version=1
    )
    with pytest.raises(StaleEditError) as error:
        services.record_observation(
            measure=m, by=None, on=D(2024, 1, 2), value="9", expected_version=1
        )
    (change,) = error.value.changes
    assert "colleague@nelincs.example" in change.label and change.saved == "9 on 1 Jan 2024"
    assert Observation.objects.count() == 1


def test_correct_observation_replaces_the_value_keeps_the_date_and_refuses_a_stale_form(
    prog, make_user
):
    m = f.measure(prog)
    services.record_observation(measure=m, by=None, on=D(2024, 1, 1), value="9", expected_version=1)
    observation = Observation.objects.get()
    officer = make_user(email="officer@nelincs.example")
    services.correct_observation(
        observation=observation, by=officer, value="9.5%", note="SEN2 return", expected_version=2
    )
    observation.refresh_from_db()
    assert (observation.on, observation.value, observation.note, observation.by) == (
        D(2024, 1, 1),
        Decimal("9.50"),
        "SEN2 return",
        officer,
    )
    m.refresh_from_db()
    assert m.version == 3
    with pytest.raises(StaleEditError):
        services.correct_observation(
            observation=observation, by=None, value="8", expected_version=2
        )
    with pytest.raises(DomainError, match="Enter a percentage from 0 to 100"):
        services.correct_observation(
            observation=observation, by=None, value="101", expected_version=3
        )
    assert Observation.objects.get().value == Decimal("9.50")


def test_makes_cycle_follows_the_parents_given():
    parents = {"a": None, "b": "a", "c": "b", "new": "c"}
    assert services.milestones.makes_cycle(parents, "a", "c")
    assert services.milestones.makes_cycle(parents, "a", "a")
    assert not services.milestones.makes_cycle(parents, "c", "a")
    assert not services.milestones.makes_cycle({"x": "y", "y": "x"}, "a", "x")  # ends


# Risks


def test_risk_score_is_likelihood_times_impact(prog):
    risk = services.add_risk(programme=prog, by=None, description="Delays", likelihood=3, impact=4)
    risk.refresh_from_db()
    assert risk.score == 12
    services.update_risk(risk=risk, by=None, likelihood=5, impact=5, status="open")
    assert Risk.objects.get().score == 25


@pytest.mark.parametrize(
    ("likelihood", "impact", "field", "message"),
    [
        (7, 3, "likelihood", "The likelihood must be a whole number from 1 to 5"),
        (0, 3, "likelihood", "The likelihood must be a whole number from 1 to 5"),
        (3, "high", "impact", "Enter the impact as a whole number from 1 to 5"),
        (3, "2.5", "impact", "Enter the impact as a whole number from 1 to 5"),
    ],
)
def test_bad_likelihood_or_impact_is_refused(prog, likelihood, impact, field, message):
    with pytest.raises(DomainError) as error:
        services.add_risk(
            programme=prog, by=None, description="x", likelihood=likelihood, impact=impact
        )
    assert (error.value.field, error.value.message) == (field, message)
    assert not Risk.objects.exists()


def test_programme_grant_allocation_must_be_the_councils_own(nelincs, leicester):
    from grants.models import Allocation

    other = Allocation(council=leicester, pk=1)
    with pytest.raises(DomainError, match="one paid to this council"):
        services.create_programme(
            council=nelincs, by=None, kind="dbv", name="DBV", allocation=other
        )


def test_workstream_names_unique_within_programme(prog):
    f.workstream(prog, name="Data")
    with pytest.raises(DomainError, match="already has a workstream called Data"):
        f.workstream(prog, name="Data")
    assert Workstream.objects.count() == 1
