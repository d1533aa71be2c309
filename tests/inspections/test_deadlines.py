"""Deadlines from the framework on the pages, the dashboard and the packs, and dates set
by hand with a reason: the service, the form page and each bad input's message."""

import datetime

import pytest
from django.urls import reverse

from inspections import selectors, services
from inspections.models import DeadlineOverride
from sendtracker.core.audit import history_for
from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.models import Council

from .factories import AreaFactory, InspectionFactory, PlanFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def inspection(leicester):
    """Leicester's 2018 inspection as seed 002 tells it: report 18 June 2018, five areas,
    the WSOA declared fit for purpose 25 September 2018, the APP accepted 30 July 2021."""
    inspection = InspectionFactory(council=leicester, report_published_on=D(2018, 6, 18))
    AreaFactory(inspection=inspection, number=1)
    return inspection


@pytest.fixture
def wsoa(inspection):
    return PlanFactory(
        inspection=inspection, kind="wsoa", title="WSOA 2018", approved_on=D(2018, 9, 25)
    )


@pytest.fixture
def app(inspection):
    return PlanFactory(
        inspection=inspection, kind="app", title="APP 2021", approved_on=D(2021, 7, 30)
    )


def date_post(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def inspection_url(inspection, kind="wsoa_due"):
    return reverse(
        "inspections:inspection-deadline",
        kwargs={
            "council_slug": inspection.council.slug,
            "inspection_id": inspection.pk,
            "kind": kind,
        },
    )


def plan_url(plan, kind="app_review"):
    return reverse(
        "inspections:plan-deadline",
        kwargs={"council_slug": plan.council.slug, "plan_id": plan.pk, "kind": kind},
    )


def plans_page(council):
    return reverse("inspections:council-plans", kwargs={"council_slug": council.slug})


# The service --------------------------------------------------------------------------------


def test_an_officer_sets_a_review_date_with_a_reason_audited_as_them(officer, app, leicester):
    version = Council.objects.get(pk=leicester.pk).data_version
    override = services.override_deadline(
        plan=app,
        by=officer,
        kind="app_review",
        due_on=D(2022, 1, 31),
        reason="DfE set the meeting for 31 January 2022",
        expected_version=0,
    )
    assert (override.council_id, override.by, override.version) == (leicester.pk, officer, 1)
    assert Council.objects.get(pk=leicester.pk).data_version == version + 1
    [entry] = history_for(override)
    assert entry.actor == officer
    [evidence, review] = selectors.plan_deadlines(app, today=D(2026, 11, 30))
    assert (review.due_on, review.worked_out_on) == (D(2022, 1, 31), D(2022, 1, 30))
    assert evidence.due_on == D(2022, 1, 17)  # two weeks before the review in force


def test_changing_and_removing_an_override(officer, app):
    first = services.override_deadline(
        plan=app, by=officer, kind="app_review", due_on=D(2022, 1, 31), reason="DfE",
        expected_version=0,
    )  # fmt: skip
    second = services.override_deadline(
        plan=app, by=officer, kind="app_review", due_on=D(2022, 2, 7), reason="Moved by DfE",
        expected_version=1,
    )  # fmt: skip
    assert second.pk == first.pk and second.version == 2
    services.remove_deadline_override(plan=app, by=officer, kind="app_review", expected_version=2)
    assert not DeadlineOverride.objects.exists()
    [_, review] = selectors.plan_deadlines(app)
    assert review.due_on == D(2022, 1, 30) and not review.overridden


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"reason": "  "}, "reason", "Enter the reason for changing the date"),
        ({"reason": "x" * 1001}, "reason", "The reason must be 1,000 characters or fewer"),
        ({"due_on": None}, "due_on", "Enter the date the deadline is due"),
        ({"due_on": D(2018, 6, 1)}, "due_on", "on or after the date the report (18 June 2018)"),
        ({"due_on": D(2018, 9, 25)}, "due_on", "25 September 2018 is the date the framework"),
        ({"kind": "app_review"}, "kind", "Choose a deadline of this inspection or plan"),
        ({"kind": "priority_plan_due"}, "kind", "There is no priority action plan due"),
    ],
)
def test_bad_overrides_are_refused_with_a_message(officer, inspection, values, field, message):
    values = {"kind": "wsoa_due", "due_on": D(2018, 10, 1), "reason": "Agreed"} | values
    with pytest.raises(DomainError) as error:
        services.override_deadline(inspection=inspection, by=officer, expected_version=0, **values)
    assert error.value.field == field
    assert message in error.value.message
    assert not DeadlineOverride.objects.exists()


def test_a_form_opened_before_someone_else_set_the_date_is_refused(officer, app):
    services.override_deadline(
        plan=app, by=officer, kind="app_review", due_on=D(2022, 1, 31), reason="DfE",
        expected_version=0,
    )  # fmt: skip
    with pytest.raises(StaleEditError) as error:
        services.override_deadline(
            plan=app, by=officer, kind="app_review", due_on=D(2022, 2, 14), reason="Mine",
            expected_version=0,
        )  # fmt: skip
    assert "set the date to 31 January 2022" in error.value.changes[0].saved
    assert DeadlineOverride.objects.get().due_on == D(2022, 1, 31)
    with pytest.raises(StaleEditError):
        services.remove_deadline_override(
            plan=app, by=officer, kind="app_review", expected_version=0
        )
    services.remove_deadline_override(plan=app, by=officer, kind="app_review", expected_version=1)
    with pytest.raises(StaleEditError):  # opened while the override stood
        services.remove_deadline_override(
            plan=app, by=officer, kind="app_review", expected_version=1
        )


def test_the_database_refuses_a_second_override_of_one_deadline(officer, app):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    values = {"council": app.council, "plan": app, "kind": "app_review", "reason": "x"}
    DeadlineOverride.objects.create(due_on=D(2022, 1, 31), at=timezone.now(), **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineOverride.objects.create(due_on=D(2022, 2, 1), at=timezone.now(), **values)
    with pytest.raises(IntegrityError), transaction.atomic():  # a plan's kind on an inspection
        DeadlineOverride.objects.create(
            council=app.council, inspection=app.inspection, kind="app_review", reason="x",
            due_on=D(2022, 1, 31), at=timezone.now(),
        )  # fmt: skip


# The pages ----------------------------------------------------------------------------------


def test_the_inspections_page_shows_each_deadline_with_how_it_was_worked_out(
    client, officer, wsoa, app, leicester
):
    client.force_login(officer)
    html = client.get(plans_page(leicester)).content.decode()
    assert "Due 25 September 2018" in html
    assert (
        "70 working days after the report of 18 June 2018; weekends and the bank holiday of "
        "27 August 2018 not counted"
    ) in html
    assert "Declared fit for purpose on 25 September 2018" in html
    assert '<strong class="govuk-tag govuk-tag--green">Met</strong>' in html
    assert "Expected 25 March 2020" in html  # the revisit, 18 months after acceptance
    assert "Due 30 January 2022" in html and "Due 16 January 2022" in html
    assert inspection_url(wsoa.inspection) in html  # officers may change a date


def test_the_plan_page_shows_the_apps_review_and_evidence_dates(client, board_member, app):
    client.force_login(board_member)
    html = client.get(app.get_absolute_url()).content.decode()
    assert 'id="deadlines"' in html
    assert "Due 30 January 2022" in html
    assert "6 months after the plan was accepted on 30 July 2021" in html
    assert "Due 16 January 2022" in html
    assert "14 days before the progress review of 30 January 2022" in html
    assert plan_url(app) not in html  # a board member reads, does not change


def test_the_wsoa_plan_page_shows_its_due_date_met_and_the_revisit(client, officer, wsoa):
    from inspections.models import Revisit

    Revisit.objects.create(
        inspection=wsoa.inspection, started_on=D(2021, 5, 5), ended_on=D(2021, 5, 7)
    )
    client.force_login(officer)
    html = client.get(wsoa.get_absolute_url()).content.decode()
    assert "Due 25 September 2018" in html and ">Met<" in html
    assert "Revisit began on 5 May 2021" in html and ">Happened later<" in html


def test_an_overridden_date_is_shown_with_its_reason_and_the_worked_out_one(client, officer, app):
    services.override_deadline(
        plan=app, by=officer, kind="app_review", due_on=D(2022, 1, 31),
        reason="DfE set the meeting", expected_version=0,
    )  # fmt: skip
    client.force_login(officer)
    html = client.get(app.get_absolute_url()).content.decode()
    assert "Due 31 January 2022" in html
    assert (
        "Overridden: DfE set the meeting. Worked out as 30 January 2022: 6 months after the "
        "plan was accepted on 30 July 2021."
    ) in html


def test_deadlines_cost_the_plan_page_at_most_the_override_read_and_the_first_visit(
    client, officer, wsoa, app, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)

    def count(plan):
        """A first visit's queries (the deadlines are cached with the page's fragments)."""
        from django.core.cache import cache

        client.get(plan.get_absolute_url())
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            client.get(plan.get_absolute_url())
        return len(ctx)

    with_deadlines = {"app": count(app), "wsoa": count(wsoa)}
    services.override_deadline(
        plan=app, by=officer, kind="app_review", due_on=D(2022, 1, 31), reason="DfE",
        expected_version=0,
    )  # fmt: skip
    assert count(app) == with_deadlines["app"]  # overrides do not add queries
    monkeypatch.setattr(selectors, "plan_deadlines", lambda plan, **kwargs: [])
    assert with_deadlines["app"] - count(app) == 1  # the override read
    assert with_deadlines["wsoa"] - count(wsoa) == 2  # and the first revisit


def test_deadlines_cost_the_inspections_page_one_query(client, officer, wsoa, app, leicester):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    client.get(plans_page(leicester))
    with CaptureQueriesContext(connection) as before:
        client.get(plans_page(leicester))
    InspectionFactory(council=leicester, started_on=D(2021, 5, 5), ended_on=D(2021, 5, 7))
    services.override_deadline(
        plan=app, by=officer, kind="app_review", due_on=D(2022, 1, 31), reason="DfE",
        expected_version=0,
    )  # fmt: skip
    with CaptureQueriesContext(connection) as after:
        client.get(plans_page(leicester))
    assert len(after) == len(before)
    assert sum("inspections_deadlineoverride" in q["sql"] for q in after.captured_queries) == 1


def test_the_council_dashboard_shows_the_latest_inspections_deadlines(
    client, board_member, wsoa, app, leicester
):
    client.force_login(board_member)
    html = client.get(f"/councils/{leicester.slug}/dashboard/").content.decode()
    assert "Inspection deadlines" in html
    assert 'data-deadline="wsoa_due"' in html and "25 Sep 2018" in html
    assert 'data-deadline="app_review"' in html and "30 Jan 2022" in html
    assert 'data-deadline="app_evidence"' in html and "16 Jan 2022" in html


def test_the_packs_carry_the_deadlines(officer, wsoa, app, leicester):
    from sendtracker.packs.council import council_summary
    from sendtracker.packs.plan import plan_pack_context

    figures = council_summary(officer, leicester, today=D(2026, 11, 30))
    assert [(d.kind, d.due_on) for d in figures["deadlines"]] == [
        ("wsoa_due", D(2018, 9, 25)),
        ("revisit", D(2020, 3, 25)),
        ("app_evidence", D(2022, 1, 16)),
        ("app_review", D(2022, 1, 30)),
    ]
    context = plan_pack_context(app, marking="OFFICIAL")
    assert [d.kind for d in context["deadlines"]] == ["app_evidence", "app_review"]


def test_the_plan_pack_renders_the_deadlines(officer, app):
    from django.template.loader import render_to_string

    from sendtracker.packs.plan import TEMPLATE, plan_pack_context

    html = render_to_string(TEMPLATE, plan_pack_context(app, marking="OFFICIAL"))
    assert "Inspection deadlines" in html
    assert "14 days before the progress review of 30 January 2022" in html


def test_the_council_pack_renders_the_deadlines(officer, wsoa, app, leicester):
    from django.template.loader import render_to_string

    from sendtracker.packs.council import COUNCIL_TEMPLATE, council_pack_context

    html = render_to_string(
        COUNCIL_TEMPLATE, council_pack_context(officer, leicester, marking="OFFICIAL")
    )
    assert "Inspection deadlines" in html
    assert "25 Sep 2018" in html and "Met (declared fit for purpose 25 Sep 2018)" in html
    assert "weekends and the bank holiday of 27 August 2018 not counted" in html


# The form page ------------------------------------------------------------------------------


def test_an_officer_overrides_a_date_through_the_form(client, officer, app):
    client.force_login(officer)
    page = client.get(plan_url(app)).content.decode()
    assert "The framework gives <strong>30 January 2022</strong>" in page
    response = client.post(
        plan_url(app),
        {**date_post("due_on", D(2022, 1, 31)), "reason": "DfE set the meeting", "version": "0"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(app.get_absolute_url() + "#deadlines")
    assert DeadlineOverride.objects.get().due_on == D(2022, 1, 31)
    page = client.get(plan_url(app)).content.decode()
    assert "Use the worked-out date again" in page
    response = client.post(
        plan_url(app), {**date_post("due_on", D(2022, 1, 31)), "version": "1", "remove": "x"}
    )
    assert response.status_code == 302
    assert not DeadlineOverride.objects.exists()


def test_an_officer_overrides_an_inspection_date_through_the_form(client, officer, wsoa):
    client.force_login(officer)
    response = client.post(
        inspection_url(wsoa.inspection),
        {**date_post("due_on", D(2018, 10, 2)), "reason": "Extended by Ofsted", "version": "0"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#inspection-{wsoa.inspection.pk}")
    html = client.get(plans_page(wsoa.council)).content.decode()
    assert "Due 2 October 2018" in html and "Overridden: Extended by Ofsted." in html


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"reason": ""}, "Enter the reason for changing the date"),
        ({"due_on_0": "31", "due_on_1": "2"}, "Enter a real date, like 31 1 2022"),
        ({"due_on_0": "", "due_on_1": "", "due_on_2": ""}, "Enter the date the deadline is due"),
        ({"due_on_2": "2022", "due_on_1": "13"}, "Enter a real date, like 31 1 2022"),
        ({"version": ""}, "This form is incomplete. Reload the page"),
        ({"version": "-1"}, "This form is incomplete. Reload the page"),
        ({**date_post("due_on", D(2021, 1, 1))}, "on or after the date the plan was accepted"),
    ],
)
def test_each_bad_input_gets_a_govuk_error_and_saves_nothing(client, officer, app, post, message):
    client.force_login(officer)
    data = {**date_post("due_on", D(2022, 1, 31)), "reason": "DfE", "version": "0"} | post
    response = client.post(plan_url(app), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not DeadlineOverride.objects.exists()


def test_a_stale_form_is_refused_with_what_changed_and_keeps_the_saved_date(client, officer, app):
    client.force_login(officer)
    services.override_deadline(
        plan=app, by=officer, kind="app_review", due_on=D(2022, 1, 31), reason="DfE",
        expected_version=0,
    )  # fmt: skip
    response = client.post(
        plan_url(app),
        {**date_post("due_on", D(2022, 2, 14)), "reason": "Mine", "version": "0"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this deadline after you opened the form" in html
    assert "set the date to 31 January 2022" in html
    assert DeadlineOverride.objects.get().due_on == D(2022, 1, 31)


def test_board_members_and_advisers_may_not_change_a_date(client, board_member, adviser, app):
    for user in (board_member, adviser):
        client.force_login(user)
        assert client.get(plan_url(app)).status_code == 403
        data = {**date_post("due_on", D(2022, 1, 31)), "reason": "x", "version": "0"}
        assert client.post(plan_url(app), data).status_code == 403
    assert not DeadlineOverride.objects.exists()


def test_a_forged_target_or_kind_is_not_found(client, officer, nelincs_officer, app, nelincs):
    client.force_login(officer)
    other = PlanFactory(
        council=nelincs, inspection=InspectionFactory(council=nelincs), approved_on=D(2021, 1, 1)
    )
    data = {**date_post("due_on", D(2022, 1, 31)), "reason": "x", "version": "0"}
    # Another council's plan under Leicester's URL, and under its own council's URL.
    forged = plan_url(app).replace(f"/plans/{app.pk}/", f"/plans/{other.pk}/")
    assert client.post(forged, data).status_code == 404
    assert client.post(plan_url(other), data).status_code == 404
    # A kind the plan has no clock for, or no such kind.
    assert client.post(plan_url(app, "wsoa_due"), data).status_code == 404
    assert client.post(plan_url(app, "nonsense"), data).status_code == 404
    assert client.get(inspection_url(app.inspection, "app_review")).status_code == 404
    assert not DeadlineOverride.objects.exists()


def test_site_administrators_may_change_a_date(client, site_administrator, app):
    client.force_login(site_administrator)
    data = {**date_post("due_on", D(2022, 1, 31)), "reason": "DfE", "version": "0"}
    assert client.post(plan_url(app), data).status_code == 302
