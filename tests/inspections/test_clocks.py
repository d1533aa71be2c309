"""The frameworks' clocks: one test for each rule, its window read from the one setting.

Pure functions over records already read (unsaved instances here): no database.
"""

import datetime
from types import SimpleNamespace

import pytest

from inspections import clocks
from inspections.models import DeadlineKind, ImprovementPlan, Inspection

D = datetime.date


def inspection_2016(**values):
    values = {"pk": 1, "framework": "2016", "report_published_on": D(2018, 6, 18)} | values
    return Inspection(started_on=D(2018, 4, 23), ended_on=D(2018, 4, 27), **values)


def inspection_2023(outcome="systemic_failings", **values):
    values = {"pk": 2, "report_published_on": D(2023, 5, 16)} | values
    return Inspection(
        framework="2023",
        outcome=outcome,
        started_on=D(2023, 1, 30),
        ended_on=D(2023, 2, 17),
        **values,
    )


def plan(kind, approved_on=None, pk=10):
    return ImprovementPlan(pk=pk, kind=kind, approved_on=approved_on, title=kind)


def by_kind(deadlines):
    return {d.kind: d for d in deadlines}


def override(kind, due_on, reason="Agreed with Ofsted", *, inspection_id=None, plan_id=None):
    return SimpleNamespace(
        kind=kind, due_on=due_on, reason=reason, inspection_id=inspection_id, plan_id=plan_id
    )


def windows(settings, **changed):
    settings.SEND_FRAMEWORK_WINDOWS = {**settings.SEND_FRAMEWORK_WINDOWS, **changed}


# 2016 framework ---------------------------------------------------------------------------


def test_wsoa_due_70_working_days_after_the_report_skipping_the_bank_holiday():
    wsoa = by_kind(clocks.inspection_deadlines(inspection_2016()))[DeadlineKind.WSOA_DUE]
    assert wsoa.due_on == wsoa.worked_out_on == D(2018, 9, 25)
    assert wsoa.basis == (
        "70 working days after the report of 18 June 2018; weekends and the bank holiday "
        "of 27 August 2018 not counted"
    )
    assert wsoa.summary.startswith("Due 25 September 2018 (70 working days after the report")


def test_wsoa_accepted_on_its_due_date_is_met():
    found = clocks.inspection_deadlines(inspection_2016(), plans=[plan("wsoa", D(2018, 9, 25))])
    [wsoa, _revisit] = clocks.assess(found, D(2026, 11, 30))
    assert wsoa.done_on == D(2018, 9, 25)
    assert wsoa.status.word == "Met"


def test_wsoa_accepted_after_its_due_date_is_met_late_and_one_not_accepted_is_overdue():
    late = clocks.inspection_deadlines(inspection_2016(), plans=[plan("wsoa", D(2018, 10, 1))])
    assert by_kind(late)[DeadlineKind.WSOA_DUE].status_on(D(2026, 1, 1)).word == "Met late"
    open_ = by_kind(clocks.inspection_deadlines(inspection_2016()))[DeadlineKind.WSOA_DUE]
    assert open_.status_on(D(2018, 9, 25)).word == "Due"
    assert open_.status_on(D(2018, 9, 26)).word == "Overdue"


def test_the_wsoa_window_is_a_setting(settings):
    windows(settings, wsoa_working_days=69)
    wsoa = by_kind(clocks.inspection_deadlines(inspection_2016()))[DeadlineKind.WSOA_DUE]
    assert wsoa.due_on == D(2018, 9, 24)


def test_a_report_on_a_weekend_starts_the_count_on_monday():
    saturday = inspection_2016(report_published_on=D(2018, 6, 16))
    monday = inspection_2016(report_published_on=D(2018, 6, 18))
    due = by_kind(clocks.inspection_deadlines(saturday))[DeadlineKind.WSOA_DUE].due_on
    assert due == D(2018, 9, 24)  # Monday 18 June is day 1
    assert due == by_kind(clocks.inspection_deadlines(monday))[DeadlineKind.WSOA_DUE].due_on - (
        datetime.timedelta(days=1)
    )


def test_no_wsoa_clock_without_a_report_date_or_without_areas_of_weakness():
    assert clocks.inspection_deadlines(inspection_2016(report_published_on=None)) == []
    assert clocks.inspection_deadlines(inspection_2016(), names_weaknesses=False) == []


def test_revisit_expected_about_18_months_after_the_wsoa_was_accepted():
    found = clocks.inspection_deadlines(
        inspection_2016(),
        plans=[plan("wsoa", D(2018, 9, 25))],
        first_revisit_on=D(2021, 5, 5),
    )
    revisit = by_kind(found)[DeadlineKind.REVISIT]
    assert revisit.due_on == D(2020, 3, 25)
    assert "about 18 months after the written statement of action was declared fit for " in (
        revisit.basis
    )
    assert revisit.status_on(D(2026, 1, 1)).word == "Happened later"


def test_no_revisit_clock_before_the_wsoa_is_accepted():
    found = clocks.inspection_deadlines(inspection_2016(), plans=[plan("wsoa")])
    assert DeadlineKind.REVISIT not in by_kind(found)


def test_revisit_window_is_a_setting_and_an_overdue_visit_is_not_the_councils(settings):
    windows(settings, revisit_months=12)
    found = clocks.inspection_deadlines(inspection_2016(), plans=[plan("wsoa", D(2018, 9, 25))])
    revisit = by_kind(found)[DeadlineKind.REVISIT]
    assert revisit.due_on == D(2019, 9, 25)
    assert revisit.status_on(D(2019, 9, 26)).word == "Expected date passed"


def test_app_review_six_months_after_acceptance_and_evidence_two_weeks_before():
    review, evidence = clocks.plan_deadlines(plan("app", D(2021, 7, 30)))
    assert (review.kind, review.due_on) == (DeadlineKind.APP_REVIEW, D(2022, 1, 30))
    assert review.basis == "6 months after the plan was accepted on 30 July 2021"
    assert (evidence.kind, evidence.due_on) == (DeadlineKind.APP_EVIDENCE, D(2022, 1, 16))
    assert evidence.basis == "14 days before the progress review of 30 January 2022"
    assert evidence.status_on(D(2022, 1, 16)).word == "Upcoming"
    assert evidence.status_on(D(2022, 1, 17)).word == "Date passed"


def test_app_windows_are_settings(settings):
    windows(settings, app_review_months=3, app_evidence_days_before_review=7)
    review, evidence = clocks.plan_deadlines(plan("app", D(2021, 7, 30)))
    assert (review.due_on, evidence.due_on) == (D(2021, 10, 30), D(2021, 10, 23))


def test_no_app_clock_before_acceptance_nor_for_other_plans():
    assert clocks.plan_deadlines(plan("app")) == []
    assert clocks.plan_deadlines(plan("wsoa", D(2018, 9, 25))) == []


def test_evidence_follows_a_review_date_set_by_hand():
    overrides = clocks.index_overrides(
        [override(DeadlineKind.APP_REVIEW, D(2022, 1, 31), "Meeting set by DfE", plan_id=10)]
    )
    review, evidence = clocks.plan_deadlines(plan("app", D(2021, 7, 30)), overrides=overrides)
    assert (review.due_on, review.worked_out_on, review.overridden) == (
        D(2022, 1, 31),
        D(2022, 1, 30),
        True,
    )
    assert review.summary == (
        "Due 31 January 2022 (overridden: Meeting set by DfE; worked out as 30 January 2022: "
        "6 months after the plan was accepted on 30 July 2021)"
    )
    assert evidence.due_on == D(2022, 1, 17)
    assert not evidence.overridden


def test_an_override_of_another_target_or_kind_is_not_applied():
    overrides = clocks.index_overrides(
        [
            override(DeadlineKind.WSOA_DUE, D(2018, 10, 1), inspection_id=99),
            override(DeadlineKind.REVISIT, D(2019, 1, 1), inspection_id=1),
        ]
    )
    found = clocks.inspection_deadlines(inspection_2016(), overrides=overrides)
    assert by_kind(found)[DeadlineKind.WSOA_DUE].due_on == D(2018, 9, 25)


# 2023 framework ---------------------------------------------------------------------------


def test_priority_action_plan_due_a_set_number_of_working_days_after_the_report(settings):
    found = by_kind(clocks.inspection_deadlines(inspection_2023()))
    pap = found[DeadlineKind.PRIORITY_PLAN_DUE]
    # 16 May 2023 + 30 working days, skipping the Spring bank holiday of 29 May 2023.
    assert pap.due_on == D(2023, 6, 28)
    assert "bank holiday of 29 May 2023" in pap.basis
    windows(settings, priority_action_plan_working_days=35)
    found = by_kind(clocks.inspection_deadlines(inspection_2023()))
    assert found[DeadlineKind.PRIORITY_PLAN_DUE].due_on == D(2023, 7, 5)


def test_priority_action_plan_met_when_judged_fit_for_purpose():
    found = clocks.inspection_deadlines(inspection_2023(), plans=[plan("priority", D(2023, 6, 20))])
    assert by_kind(found)[DeadlineKind.PRIORITY_PLAN_DUE].status_on(D(2026, 1, 1)).word == "Met"


def test_monitoring_inspection_about_18_months_after_a_report_of_systemic_failings(settings):
    found = by_kind(clocks.inspection_deadlines(inspection_2023()))
    assert found[DeadlineKind.MONITORING_INSPECTION].due_on == D(2024, 11, 16)
    windows(settings, monitoring_inspection_months=12)
    found = by_kind(clocks.inspection_deadlines(inspection_2023()))
    assert found[DeadlineKind.MONITORING_INSPECTION].due_on == D(2024, 5, 16)


def test_next_full_inspection_three_years_after_the_lower_outcomes_five_after_the_top(settings):
    for outcome, due in [
        ("systemic_failings", D(2026, 5, 16)),
        ("inconsistent", D(2026, 5, 16)),
        ("positive", D(2028, 5, 16)),
    ]:
        found = by_kind(clocks.inspection_deadlines(inspection_2023(outcome)))
        assert found[DeadlineKind.NEXT_INSPECTION].due_on == due, outcome
    windows(settings, next_inspection_years_top_outcome=4)
    found = by_kind(clocks.inspection_deadlines(inspection_2023("positive")))
    assert found[DeadlineKind.NEXT_INSPECTION].due_on == D(2027, 5, 16)


def test_only_systemic_failings_need_a_priority_action_plan_and_a_monitoring_inspection():
    found = by_kind(clocks.inspection_deadlines(inspection_2023("inconsistent")))
    assert set(found) == {DeadlineKind.NEXT_INSPECTION}


def test_no_2023_clock_before_the_report_and_outcome():
    assert clocks.inspection_deadlines(inspection_2023(report_published_on=None)) == []
    assert clocks.inspection_deadlines(inspection_2023(outcome="")) == []


def test_assess_orders_by_date_and_sets_each_status():
    found = clocks.inspection_deadlines(
        inspection_2016(), plans=[plan("wsoa", D(2018, 9, 25))], first_revisit_on=D(2019, 5, 1)
    )
    assessed = clocks.assess(found, D(2026, 11, 30))
    assert [(d.kind, d.status.word) for d in assessed] == [
        (DeadlineKind.WSOA_DUE, "Met"),
        (DeadlineKind.REVISIT, "Happened"),
    ]


@pytest.mark.parametrize(
    "value",
    ['{"wsoa_working_days": 0}', '{"unknown": 3}', "[1]", "not json", '{"revisit_months": 1.5}'],
)
def test_bad_windows_in_the_environment_are_refused(value):
    from django.core.exceptions import ImproperlyConfigured

    from sendtracker.settings import framework_windows

    with pytest.raises(ImproperlyConfigured):
        framework_windows({"SEND_FRAMEWORK_WINDOWS": value})


def test_windows_from_the_environment_replace_the_defaults():
    from sendtracker.settings import FRAMEWORK_WINDOW_DEFAULTS, framework_windows

    windows = framework_windows(
        {
            "SEND_FRAMEWORK_WINDOWS": '{"priority_action_plan_working_days": 35}',
            "MONITORING_INSPECTION_AFTER_MONTHS": "12",
        }
    )
    assert windows == {
        **FRAMEWORK_WINDOW_DEFAULTS,
        "priority_action_plan_working_days": 35,
        "monitoring_inspection_months": 12,
    }
