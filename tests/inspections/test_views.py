import datetime
import re
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Action, StatusUpdate
from sendtracker.core.models import Council
from tests.factories import BoardMeetingFactory

from .factories import ActionFactory, plan_with_actions

pytestmark = pytest.mark.django_db

FUTURE = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def plan(leicester):
    return plan_with_actions(6, council=leicester)


@pytest.fixture
def action(plan):
    return plan.actions.get(ref="A0")


def status_url(action):
    return reverse(
        "inspections:action-status",
        kwargs={
            "council_slug": action.plan.council.slug,
            "plan_id": action.plan_id,
            "action_id": action.pk,
        },
    )


def post_data(action, **values):
    data = {
        "status": "on_track",
        "stage": "action",
        "note": "",
        "reason": "",
        "evidence_of_output": "",
        "version": action.version,
    }
    data.update(values)
    prefix = f"action-{action.pk}-"
    return {prefix + key: value for key, value in data.items()} | {
        "next": action.plan.get_absolute_url()
    }


def test_officer_updates_status_without_javascript_and_returns_to_the_plan(client, officer, action):
    client.force_login(officer)
    response = client.post(
        status_url(action), post_data(action, status="on_track", stage="evidence", note="Met")
    )
    assert response.status_code == 302
    assert response["Location"] == action.plan.get_absolute_url()
    action.refresh_from_db()
    assert (action.status, action.stage, action.progress) == ("on_track", "evidence", "Met")
    page = client.get(response["Location"])
    assert "Action status updated." in page.content.decode()


def test_status_update_post_costs_a_fixed_number_of_queries(client, officer, action):
    """Session, user, the action with its plan and council, roles; the version-checked
    UPDATE, its audit entry and the StatusUpdate; the council's data and plans versions
    raised in one UPDATE (sendtracker.core.writes). No locked read, no re-read for the
    audit, and the banner in a cookie, not a session saved again; nor does the plan page
    that shows it save the session."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    ContentType.objects.get_for_model(Action)  # cached for the life of a process
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(status_url(action), post_data(action, note="Met"))
    assert response.status_code == 302
    statements = [
        query["sql"].split()[0]
        for query in ctx.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT"))
    ]
    assert statements == ["SELECT"] * 4 + ["UPDATE", "INSERT", "INSERT", "UPDATE"], [
        q["sql"][:90] for q in ctx.captured_queries
    ]
    assert "FOR UPDATE" not in " ".join(query["sql"] for query in ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(response["Location"])
    assert "Action status updated." in page.content.decode()
    assert not [q for q in ctx.captured_queries if not q["sql"].startswith("SELECT")]


def test_officer_updates_status_with_htmx_and_gets_the_row(client, officer, action):
    client.force_login(officer)
    response = client.post(
        status_url(action),
        post_data(action, status="on_track", note="Met"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith("<tbody") or f'id="action-{action.pk}"' in html
    assert "Action A0 updated: On track" in html
    assert "<html" not in html
    assert Action.objects.get(pk=action.pk).status == "on_track"


def test_htmx_opens_and_closes_the_row_form(client, officer, action):
    client.force_login(officer)
    opened = client.get(status_url(action), headers={"HX-Request": "true"}).content.decode()
    assert "<form" in opened and "<html" not in opened
    closed = client.get(
        status_url(action) + "?view=row", headers={"HX-Request": "true"}
    ).content.decode()
    assert "<form" not in closed and f'id="action-{action.pk}"' in closed


def test_without_javascript_the_update_link_opens_the_form_on_its_own_page(client, officer, action):
    client.force_login(officer)
    response = client.get(status_url(action), {"next": action.plan.get_absolute_url()})
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Update status</h1>' in html
    assert f'name="next" value="{action.plan.get_absolute_url()}"' in html


def test_next_pointing_elsewhere_is_ignored(client, officer, action):
    client.force_login(officer)
    data = post_data(action, status="on_track") | {"next": "https://evil.example/"}
    response = client.post(status_url(action), data)
    assert response["Location"] == action.plan.get_absolute_url()


def test_errors_without_javascript_show_a_page_with_the_error_summary(client, officer, action):
    client.force_login(officer)
    response = client.post(status_url(action), post_data(action, status="major_delay", reason=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the reason for the delay" in html
    assert Action.objects.get(pk=action.pk).status == "not_started"
    assert not StatusUpdate.objects.exists()


def test_errors_with_htmx_return_the_row_with_the_form_open(client, officer, action):
    client.force_login(officer)
    response = client.post(
        status_url(action), post_data(action, status="complete"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "Enter the evidence of output before marking the action complete" in html
    assert "Update status of action A0" in html
    assert "autofocus" in html
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_invalid_recovery_date_gets_a_field_error(client, officer, action):
    client.force_login(officer)
    prefix = f"action-{action.pk}-"
    data = post_data(action, status="minor_delay", reason="Late") | {
        prefix + "recovery_date_0": "31",
        prefix + "recovery_date_1": "2",
        prefix + "recovery_date_2": "2030",
    }
    response = client.post(status_url(action), data)
    assert response.status_code == 200
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_stale_form_is_refused_and_shows_what_changed(
    client, officer, action, make_user, leicester
):
    from inspections import services

    opened_version = action.version
    colleague = make_user("council_officer", council=leicester, email="colleague@leicester.example")
    services.update_action_status(
        action=action,
        by=colleague,
        status="on_track",
        stage="evidence",
        note="Theirs",
        expected_version=opened_version,
    )
    client.force_login(officer)
    response = client.post(
        status_url(action),
        post_data(action, status="not_started", note="Mine")
        | {f"action-{action.pk}-version": opened_version},
    )
    html = response.content.decode()
    assert "Someone else updated this action" in html
    assert "colleague@leicester.example" in html
    action.refresh_from_db()
    assert action.progress == "Theirs"


@pytest.mark.parametrize("role", ["board_member", "adviser"])
def test_readers_cannot_update(client, make_user, leicester, action, role):
    kwargs = {"council": leicester} if role == "board_member" else {"region": leicester.region}
    client.force_login(make_user(role, **kwargs))
    response = client.post(status_url(action), post_data(action))
    assert response.status_code == 403
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_officer_of_another_council_gets_404_and_changes_nothing(
    client, make_user, nelincs, action
):
    client.force_login(make_user("council_officer", council=nelincs))
    assert client.post(status_url(action), post_data(action)).status_code == 404
    assert client.get(action.get_absolute_url()).status_code == 404
    assert client.get(action.plan.get_absolute_url()).status_code == 404
    assert Action.objects.get(pk=action.pk).version == 1


def test_forged_action_id_under_own_council_url_gives_404(client, officer, action, nelincs):
    other = ActionFactory(plan__council=nelincs, plan__inspection__council=nelincs)
    client.force_login(officer)
    forged = reverse(
        "inspections:action-status",
        kwargs={
            "council_slug": action.plan.council.slug,
            "plan_id": action.plan_id,
            "action_id": other.pk,
        },
    )
    assert client.post(forged, post_data(other)).status_code == 404
    assert Action.objects.get(pk=other.pk).version == 1


def test_board_member_signs_off_a_complete_action(client, officer, board_member, action):
    from inspections import services

    services.update_action_status(
        action=action,
        by=officer,
        status="complete",
        stage="completed",
        evidence_of_output="Minutes",
        expected_version=action.version,
    )
    url = reverse(
        "inspections:action-sign-off",
        kwargs={"council_slug": "leicester", "plan_id": action.plan_id, "action_id": action.pk},
    )
    meeting = BoardMeetingFactory(council=action.plan.council)
    client.force_login(officer)
    assert client.post(url, {"version": action.version, "meeting": meeting.pk}).status_code == 403
    client.force_login(board_member)
    response = client.post(url, {"version": action.version, "meeting": meeting.pk}, follow=True)
    assert "Action A0 signed off." in response.content.decode()
    assert Action.objects.get(pk=action.pk).signed_off_by == board_member


def test_a_sign_off_without_a_meeting_is_refused_on_the_field(
    client, officer, board_member, action
):
    from inspections import services

    services.update_action_status(
        action=action,
        by=officer,
        status="complete",
        stage="completed",
        evidence_of_output="Minutes",
        expected_version=action.version,
    )
    url = reverse(
        "inspections:action-sign-off",
        kwargs={"council_slug": "leicester", "plan_id": action.plan_id, "action_id": action.pk},
    )
    elsewhere = BoardMeetingFactory(council=Council.objects.get(dfe_la_code=812))
    client.force_login(board_member)
    for data in ({"version": action.version}, {"version": action.version, "meeting": elsewhere.pk}):
        response = client.post(url, data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert 'href="#id_meeting"' in page
    assert not Action.objects.get(pk=action.pk).is_signed_off
    assert client.get(url).status_code == 200


def test_a_health_partner_updates_the_actions_they_lead_only(client, make_user, leicester, plan):
    from inspections import services

    dco = make_user("health_partner", council=leicester, job_title="Designated Clinical Officer")
    led, other = list(Action.objects.filter(plan=plan).order_by("position"))[:2]
    services.update_action_details(
        action=led, by=None, expected_version=led.version, lead_users=[dco]
    )
    led.refresh_from_db()
    client.force_login(dco)
    response = client.post(status_url(led), post_data(led, note="Health needs audited"))
    assert response.status_code == 302
    assert Action.objects.get(pk=led.pk).progress == "Health needs audited"
    assert client.post(status_url(other), post_data(other, note="Not mine")).status_code == 403
    assert Action.objects.get(pk=other.pk).progress != "Not mine"
    # Reading is allowed; changing an action's details, or the council, is not.
    assert client.get(led.get_absolute_url()).status_code == 200
    edit = reverse(
        "inspections:action-edit",
        kwargs={"council_slug": "leicester", "plan_id": plan.pk, "action_id": led.pk},
    )
    assert client.get(edit).status_code == 403
    assert (
        client.get(reverse("inspections:plan-edit", args=["leicester", plan.pk])).status_code == 403
    )


def test_the_plan_page_names_leads_by_role_and_links_a_health_partner_to_theirs(
    client, make_user, leicester, plan
):
    from inspections import services

    dco = make_user("health_partner", council=leicester, job_title="Designated Clinical Officer")
    led, other = list(Action.objects.filter(plan=plan).order_by("position"))[:2]
    services.update_action_details(
        action=led, by=None, expected_version=led.version, lead_users=[dco]
    )
    client.force_login(dco)

    response = client.get(plan.get_absolute_url())

    html = response.content.decode()
    [row] = [r for g in response.context["groups"] for r in g["rows"] if r.pk == led.pk]
    assert row.leads == "Designated Clinical Officer; Head of SEND"
    assert f'hx-target="#action-{led.pk}"' in html
    assert f'hx-target="#action-{other.pk}"' not in html
    # Found by the lead filter under their role title, as free-text leads are.
    found = client.get(plan.get_absolute_url(), {"lead": "clinical"})
    assert [r.ref for g in found.context["groups"] for r in g["rows"]] == [led.ref]


def test_a_named_lead_outside_the_area_is_refused_on_the_field(
    client, officer, make_user, nelincs, plan
):
    stranger = make_user("health_partner", council=nelincs)
    url = reverse("inspections:action-create", args=["leicester", plan.pk])
    client.force_login(officer)
    response = client.post(
        url, {"ref": "9.9", "description": "Health", "lead_users": [stranger.pk]}
    )
    assert response.status_code == 200
    assert 'href="#id_lead_users' in response.content.decode()
    assert not Action.objects.filter(plan=plan, ref="9.9").exists()


def test_plan_filters(client, officer, plan):
    client.force_login(officer)
    url = plan.get_absolute_url()

    def refs(response):
        return [row.ref for g in response.context["groups"] for row in g["rows"]]

    assert refs(client.get(url, {"status": "complete"})) == ["A2", "A5"]
    assert refs(client.get(url, {"status": ["complete", "on_track"]})) == ["A1", "A2", "A4", "A5"]
    assert refs(client.get(url, {"overdue": "on"})) == ["A0", "A1", "A3", "A4"]
    assert refs(client.get(url, {"lead": "nobody"})) == []
    assert refs(client.get(url, {"sort": "status"}))[0] in {
        "A0",
        "A3",
    }  # not started before on track


def test_plan_sorted_by_first_action_milestone_and_filtered_by_area(client, officer, leicester):
    from inspections.models import ActionMilestone

    plan = plan_with_actions(4, council=leicester, areas=2)
    for ref, due in (("A0", (2024, 5, 1)), ("A1", (2023, 1, 1)), ("A2", (2025, 1, 1))):
        ActionMilestone.objects.filter(action__plan=plan, action__ref=ref).update(
            due_on=datetime.date(*due)
        )
    ActionMilestone.objects.filter(action__plan=plan, action__ref="A3").delete()
    client.force_login(officer)
    url = plan.get_absolute_url()

    def refs(response):
        return [row.ref for g in response.context["groups"] for row in g["rows"]]

    # Without an action milestone, last, on SQLite (which sorts nulls first) as well.
    assert refs(client.get(url, {"sort": "due"})) == ["A1", "A0", "A2", "A3"]
    second = plan.inspection.areas.get(number=2)
    response = client.get(url, {"area": second.pk})
    assert refs(response) == ["A1", "A3"]
    html = response.content.decode()
    assert f'<option value="{second.pk}" selected>{second}</option>' in html
    assert "Jan 2023" in html and "None" in html  # A3 has no action milestone


def test_exception_report_lists_delays_with_reason_and_days_overdue(
    client, officer, board_member, action
):
    from inspections import services

    services.update_action_status(
        action=action,
        by=officer,
        status="major_delay",
        stage="action",
        reason="Data sharing agreement unsigned",
        recovery_date=FUTURE,
        expected_version=action.version,
    )
    client.force_login(board_member)
    url = reverse(
        "inspections:plan-exceptions",
        kwargs={"council_slug": "leicester", "plan_id": action.plan_id},
    )
    response = client.get(url)
    rows = response.context["rows"]
    assert [r.action.ref for r in rows] == ["A0"]
    assert rows[0].days_overdue == (timezone.localdate() - datetime.date(2021, 12, 31)).days
    assert "Data sharing agreement unsigned" in response.content.decode()
    council_url = reverse("dashboards:council-exceptions", kwargs={"council_slug": "leicester"})
    assert [r.action.ref for r in client.get(council_url).context["rows"]] == ["A0"]


def test_what_changed_since_a_date(client, officer, action):
    from inspections import services

    old = timezone.make_aware(datetime.datetime(2022, 1, 10, 9))
    services.update_action_status(
        action=action, by=officer, status="on_track", stage="action", expected_version=1, at=old
    )
    services.update_action_status(
        action=action,
        by=officer,
        status="minor_delay",
        stage="action",
        reason="x",
        recovery_date=FUTURE,
        expected_version=2,
    )
    client.force_login(officer)
    url = reverse(
        "inspections:plan-changes", kwargs={"council_slug": "leicester", "plan_id": action.plan_id}
    )
    assert len(client.get(url, {"since": "2022-01-01"}).context["updates"]) == 2
    assert len(client.get(url).context["updates"]) == 1  # default: the last four weeks
    bad = client.get(url, {"since": "31/02/2022"})
    assert "Enter a real date" in bad.content.decode()


def test_brag_marks_each_action_at_its_stage(client, board_member, plan):
    client.force_login(board_member)
    url = reverse("inspections:plan-brag", kwargs={"council_slug": "leicester", "plan_id": plan.pk})
    response = client.get(url)
    html = response.content.decode()
    assert html.count('scope="rowgroup"') == 6  # areas alternate, so each row starts a group
    assert html.count('<th scope="row"') == 6
    assert "Not started" in html and "On track" in html and "Complete" in html


def test_brag_shows_an_update_at_once_although_it_is_cached(client, officer, board_member, plan):
    from inspections import services

    client.force_login(board_member)
    url = reverse("inspections:plan-brag", kwargs={"council_slug": "leicester", "plan_id": plan.pk})
    assert 'data-status="major_delay"' not in client.get(url).content.decode()
    action = plan.actions.get(ref="A0")
    services.update_action_status(
        action=action,
        by=officer,
        status="major_delay",
        stage="evidence",
        reason="Late",
        recovery_date=FUTURE,
        expected_version=action.version,
    )
    assert 'data-status="major_delay"' in client.get(url).content.decode()
    services.add_action(plan=plan, area=action.area, ref="Z9", description="New", leads="Lead")
    assert "Z9" in client.get(url).content.decode()


def test_plan_page_row_shows_an_update_at_once_although_it_is_cached(client, officer, plan):
    from inspections import services

    client.force_login(officer)
    url = plan.get_absolute_url()

    def row(html):
        start = html.index(f'id="action-{action.pk}"')
        return html[start : html.index("</tbody>", start)]

    action = plan.actions.get(ref="A0")
    assert "Minor delay" not in row(client.get(url).content.decode())
    services.update_action_status(
        action=action,
        by=officer,
        status="minor_delay",
        stage="action",
        reason="Late",
        recovery_date=FUTURE,
        expected_version=action.version,
    )
    assert "Minor delay" in row(client.get(url).content.decode())


@pytest.mark.parametrize("page", ["plan-detail", "plan-brag", "plan-exceptions", "plan-changes"])
def test_query_count_does_not_grow_with_actions(
    client, officer, leicester, django_assert_max_num_queries, page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    client.force_login(officer)
    for n in (10, 300):
        plan = plan_with_actions(n, council=leicester)
        url = reverse(
            f"inspections:{page}", kwargs={"council_slug": "leicester", "plan_id": plan.pk}
        )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(14):
        client.get(url)


def test_plans_home_lists_only_plans_in_scope(client, make_user, nelincs, plan):
    from .factories import PlanFactory

    other = PlanFactory(
        council=nelincs, inspection__council=nelincs, title="North East Lincolnshire plan"
    )

    def listed(**query):
        table = client.get(reverse("inspections:home"), query).context["table"]
        return [row.record for row in table.page.object_list]

    client.force_login(make_user("council_officer", council=nelincs))
    assert listed() == [other]
    client.force_login(make_user("site_administrator"))
    assert listed() == [plan, other]  # by council: Leicester, then North East Lincolnshire
    assert listed(sort="-council") == [other, plan]
    # Sorted by a count of actions, as the column's header offers.
    assert listed(sort="-action_count")[0] == plan


def test_plans_home_shows_counts_and_links(client, make_user, plan):
    client.force_login(make_user("site_administrator"))
    html = client.get(reverse("inspections:home")).content.decode()
    assert f'href="{plan.get_absolute_url()}"' in html
    assert plan.get_kind_display() in html
    assert "Plans of the councils you can see" in html
    numbers = re.findall(r'govuk-table__cell--numeric">(\d+)</td>', html)
    assert numbers == ["6", "0", "0", "2"]  # actions, major and minor delay, complete


def test_the_overdue_list_changes_at_midnight_although_the_page_is_cached(
    client, officer, plan, monkeypatch
):
    """The plan page's cached fragment is keyed on the date as well as the data: an
    action whose recovery date is today becomes overdue tomorrow with no write."""
    from inspections import services

    action = plan.actions.get(ref="A0")
    services.update_action_status(
        action=action,
        by=officer,
        status="minor_delay",
        stage="action",
        reason="Late",
        recovery_date=FUTURE,
        expected_version=action.version,
    )
    client.force_login(officer)
    url = plan.get_absolute_url() + "?overdue=true"
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: FUTURE)
    assert f"actions/{action.pk}/" not in client.get(url).content.decode()
    monkeypatch.setattr(
        timezone, "localdate", lambda *args, **kwargs: FUTURE + datetime.timedelta(days=1)
    )
    assert f"actions/{action.pk}/" in client.get(url).content.decode()


def test_a_priority_action_plans_filter_offers_its_areas_for_priority_action_only(
    client, officer, leicester
):
    from .factories import (
        ImprovementAreaFactory,
        Inspection2023Factory,
        PlanFactory,
        PriorityAreaFactory,
    )

    inspection = Inspection2023Factory(council=leicester)
    priority = PriorityAreaFactory(inspection=inspection, number=1, title="Joint commissioning")
    improvement = ImprovementAreaFactory(inspection=inspection, number=1, title="Transitions")
    plan = PlanFactory(council=leicester, inspection=inspection, kind="priority")
    ActionFactory(plan=plan, area=priority, ref="1.1")
    client.force_login(officer)

    response = client.get(plan.get_absolute_url())

    area_list = re.search(r'<select[^>]*name="area".*?</select>', response.content.decode())
    choices = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', area_list[0])
    assert choices == [("", "Any area"), (str(priority.pk), escape(str(priority)))]
    refused = client.get(plan.get_absolute_url(), {"area": improvement.pk})
    assert "Select a valid choice" in refused.content.decode()


def test_the_plan_and_its_inspection_have_a_history_tab_the_plan_page_does_not_read(
    client, officer, make_user, leicester, plan
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inspections import services

    services.update_plan(
        plan=plan, by=officer, expected_version=plan.version, title="Plan, retitled"
    )
    client.force_login(officer)
    history = reverse("inspections:plan-history", args=["leicester", plan.pk])

    with CaptureQueriesContext(connection) as ctx:
        page = client.get(plan.get_absolute_url())
    assert f'href="{history}"' in page.content.decode()
    assert not [q for q in ctx.captured_queries if "auditlog_logentry" in q["sql"]]
    html = client.get(history).content.decode()
    assert "History of this plan" in html and "Plan, retitled" in html
    client.force_login(make_user("council_officer", council=Council.objects.get(name="Cornwall")))
    assert client.get(history).status_code == 404


def test_plan_page_reads_ten_queries_cold_and_four_warm(
    client, officer, leicester, django_assert_num_queries
):
    """Cold: session, user, roles, the plan with its council, the status counts (which
    give the page's count too), a page of actions, their milestones, their named leads,
    the inspection's areas (once, for the filter, the groups and the plan's focus) and
    the deadlines' overrides. Warm: the first four; the rest comes from the cache."""
    from django.core.cache import cache

    plan = plan_with_actions(60, council=leicester, areas=3)
    client.force_login(officer)
    url = plan.get_absolute_url()
    client.get(url)
    cache.clear()
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
