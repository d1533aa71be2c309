"""Per-council figures (dashboards.summaries): every write keeps them true."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from grants import services as grant_services
from inspections import services as plan_services
from inspections.models import Action, ImprovementPlan
from programmes import services as programme_services
from programmes.models import Progress
from sendtracker.core.models import Council
from sendtracker.core.writes import GRANTS, PLANS, council_write
from sendtracker.dashboards import summaries
from sendtracker.dashboards.models import CouncilSummary
from tests.grants.factories import DeterminationFactory
from tests.inspections.factories import plan_with_actions
from tests.programmes import factories as programme_factories

pytestmark = pytest.mark.django_db
D = datetime.date


def fresh(*councils):
    """The councils as a page would load them, with their current versions."""
    return list(Council.objects.filter(pk__in=[c.pk for c in councils]).order_by("pk"))


def read(council, **kwargs):
    return summaries.summaries_for(fresh(council), **kwargs)[council.pk]


def assert_true_to_the_records(*councils, today=None):
    """What readers get equals a recomputation of every part from the records."""
    ids = [c.pk for c in councils]
    read = summaries.summaries_for(fresh(*councils), today=today)
    for part in summaries.PARTS:
        for pk, values in summaries.computed(ids, part, today=today or D.today()).items():
            for name, value in values.items():
                if name.endswith("_computed_on"):
                    continue
                assert summaries._normal(getattr(read[pk], name)) == summaries._normal(value), (
                    pk,
                    name,
                )
    assert summaries.differences(ids) == []


def test_every_service_write_keeps_the_figures_true(leicester, nelincs):
    plan = plan_with_actions(4, council=leicester)  # built by factories, before any read
    assert_true_to_the_records(leicester, nelincs)
    action = Action.objects.get(plan=plan, ref="A0")
    plan_services.update_action_status(
        action=action,
        by=None,
        status="major_delay",
        stage="evidence",
        reason="Recruitment",
        recovery_date=D(2030, 1, 1),
        expected_version=action.version,
    )
    assert_true_to_the_records(leicester, nelincs)
    assert read(leicester).actions["status"]["major_delay"] == 1
    plan_services.add_action(plan=plan, ref="A9", description="New", leads="Head of SEND")
    prog = programme_factories.programme(nelincs)
    ws = programme_factories.workstream(prog)
    late = programme_factories.milestone(ws, start=D(2024, 1, 1), end=D(2024, 6, 1))
    programme_factories.milestone(ws, title="Later", start=D(2024, 1, 1), end=D(2031, 6, 1))
    assert_true_to_the_records(leicester, nelincs)
    assert read(nelincs).overdue_milestones == 1
    programme_services.update_milestone(
        milestone=late,
        by=None,
        progress=Progress.COMPLETE,
        completed_on=D(2024, 6, 1),
        expected_version=late.version,
    )
    assert read(nelincs).overdue_milestones == 0
    programme_services.add_high_needs_year(
        council=nelincs,
        by=None,
        year_starting=2024,
        kind="actual",
        direct_spend="100",
        indirect_spend="20",
        allocation="100",
        cumulative_deficit="5",
    )
    allocation = grant_services.create_allocation(
        determination=DeterminationFactory(),
        by=None,
        council=leicester,
        base_funding=Decimal("1000"),
        top_up=Decimal("0"),
        total=Decimal("1000"),
    )
    assert_true_to_the_records(leicester, nelincs)
    assert read(leicester).allocated == Decimal("1000")
    grant_services.record_payment(
        allocation=allocation, by=None, amount=Decimal("400"), paid_on=D(2021, 5, 1)
    )
    assert_true_to_the_records(leicester, nelincs)
    assert read(leicester).paid == Decimal("400")


def test_a_write_raises_its_councils_data_version_and_the_version_of_its_part_only(
    leicester, nelincs
):
    plan = plan_with_actions(1, council=leicester)
    summaries.summaries_for(fresh(leicester, nelincs))
    fields = ("data_version", "plans_version", "programmes_version", "grants_version")
    before = {c.pk: [getattr(c, f) for f in fields] for c in fresh(leicester, nelincs)}
    action = Action.objects.get(plan=plan)
    plan_services.update_action_status(
        action=action, by=None, status="on_track", stage="action", expected_version=action.version
    )
    after = {c.pk: [getattr(c, f) for f in fields] for c in fresh(leicester, nelincs)}
    data, plans, programmes, grants = before[leicester.pk]
    assert after[leicester.pk] == [data + 1, plans + 1, programmes, grants]
    assert after[nelincs.pk] == before[nelincs.pk]
    row = CouncilSummary.objects.get(pk=leicester.pk)
    assert row.plans_clean == plans  # behind the council's version: recomputed when read
    assert (row.programmes_clean, row.grants_clean) == (programmes, grants)
    assert read(leicester).plans_clean == plans + 1


def test_a_failed_write_changes_no_version(leicester):
    before = Council.objects.get(pk=leicester.pk).data_version
    with pytest.raises(RuntimeError), council_write(leicester, parts=[PLANS]):
        raise RuntimeError("refused")
    assert Council.objects.get(pk=leicester.pk).data_version == before


def test_nested_writes_raise_the_version_once(leicester):
    before = Council.objects.get(pk=leicester.pk).data_version
    with council_write(leicester, parts=[GRANTS]), council_write(leicester, parts=[PLANS]):
        pass
    assert Council.objects.get(pk=leicester.pk).data_version == before + 1


def test_figures_computed_while_a_write_landed_are_not_taken_as_current(leicester):
    plan_with_actions(2, council=leicester)
    [as_read] = fresh(leicester)  # a reader loads the council, with its versions
    # A write lands between the reader's load and its recomputation.
    plan_services.add_action(
        plan=ImprovementPlan.objects.get(council=leicester),
        ref="Z1",
        description="New",
        leads="Lead",
    )
    summaries.recompute([as_read], PLANS, today=D.today())
    row = CouncilSummary.objects.get(pk=leicester.pk)
    assert row.plans_clean == as_read.plans_version  # saved under the version it read
    assert row.plans_clean < fresh(leicester)[0].plans_version  # so not current
    assert read(leicester).actions["total"] == 3


def test_overdue_figures_are_recomputed_on_the_day_they_change(leicester):
    plan = plan_with_actions(1, council=leicester)
    action = Action.objects.get(plan=plan)
    plan_services.update_action_status(
        action=action,
        by=None,
        status="minor_delay",
        stage="action",
        reason="Late",
        recovery_date=D(2030, 1, 10),
        expected_version=action.version,
        at=datetime.datetime(2029, 12, 1, tzinfo=datetime.UTC),
    )
    on = read(leicester, today=D(2030, 1, 10))
    assert on.actions_overdue == 0
    assert on.plans_valid_until == D(2030, 1, 11)
    after = read(leicester, today=D(2030, 1, 11))
    assert after.actions_overdue == 1


def test_rebuild_summaries_reports_and_mends_a_wrong_figure(leicester, capsys):
    plan_with_actions(3, council=leicester)
    read(leicester)
    CouncilSummary.objects.filter(pk=leicester.pk).update(actions_overdue=99)
    with pytest.raises(CommandError, match="1 figures wrong in 1 councils"):
        call_command("rebuild_summaries", "--check")
    call_command("rebuild_summaries")
    assert "Leicester: actions_overdue was 99, recomputed 2" in capsys.readouterr().out
    assert summaries.differences() == []
    assert CouncilSummary.objects.get(pk=leicester.pk).actions_overdue == 2


def clocks_shown(deadlines):
    return [(d.kind, d.due_on, d.done_on, d.status, d.summary) for d in deadlines]


def test_the_rows_clocks_and_brag_are_the_records_own(leicester, site_administrator):
    """The clocks and the BRAG on a page the council dashboard draws from its summary row
    are those worked out from the records, before and after a write changes them."""
    from inspections import fragments
    from inspections import selectors as plan_selectors
    from inspections.clocks import DeadlineKind

    plan = plan_with_actions(5, council=leicester)
    Inspection = type(plan.inspection)
    Inspection.objects.filter(pk=plan.inspection_id).update(report_published_on=D(2018, 6, 1))
    ImprovementPlan.objects.filter(pk=plan.pk).update(approved_on=D(2018, 9, 3))
    plan.refresh_from_db()
    today = D(2019, 1, 15)

    def assert_same():
        row = read(leicester, today=today)
        worked_out = plan_selectors.council_deadlines(site_administrator, leicester, today=today)
        assert worked_out and clocks_shown(
            plan_selectors.deadlines_on(row.deadlines, today)
        ) == clocks_shown(worked_out)
        fresh_plan = ImprovementPlan.objects.get(pk=plan.pk)
        assert fragments.render_brag_table(
            fresh_plan, plan_selectors.brag_from_entry(fresh_plan, row.brag.get(str(plan.pk)))
        ) == fragments.render_brag_table(fresh_plan, plan_selectors.brag_on_a_page(fresh_plan))
        return row

    before = assert_same()
    plan_services.override_deadline(
        by=None,
        plan=plan,
        kind=DeadlineKind.APP_REVIEW,
        due_on=D(2019, 4, 1),
        reason="Moved by the adviser",
        expected_version=None,
    )
    action = Action.objects.get(plan=plan, ref="A1")
    plan_services.update_action_status(
        action=action,
        by=None,
        status="major_delay",
        stage="impact",
        reason="Recruitment",
        recovery_date=D.today() + datetime.timedelta(days=30),
        expected_version=action.version,
    )
    after = assert_same()
    assert before.deadlines != after.deadlines and before.brag != after.brag
    assert any(d["override_on"] == "2019-04-01" for d in after.deadlines)
