"""Scoping, fixed query counts, cache invalidation and board meeting forms."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections import services as plan_services
from inspections.models import Action, ImprovementPlan, StatusUpdate
from sendtracker.core.models import Council, Region
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from sendtracker.core.writes import refresh_councils
from sendtracker.dashboards import summaries
from sendtracker.dashboards.models import BoardMeeting
from sendtracker.dashboards.scale import generate
from sendtracker.dashboards.services import record_meeting
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db


def test_officer_cannot_open_another_councils_dashboard(client, officer, nelincs):
    client.force_login(officer)
    assert client.get(f"/councils/{nelincs.slug}/dashboard/").status_code == 404
    assert client.get(f"/councils/{nelincs.slug}/dashboard/trends/").status_code == 404
    assert client.get(f"/councils/{nelincs.slug}/dashboard/meetings/new/").status_code == 404


def test_board_member_cannot_record_a_meeting(client, board_member, leicester):
    client.force_login(board_member)
    assert client.get(f"/councils/{leicester.slug}/dashboard/meetings/new/").status_code == 403


def test_region_view_lists_exactly_the_councils_of_the_advisers_regions(client, make_user):
    regions = Region.objects.filter(name__in=["East Midlands", "Yorkshire and The Humber"])
    adviser = make_user()
    for region in regions:
        grant_role(user=adviser, role=Role.ADVISER, region=region)
    client.force_login(adviser)
    body = client.get("/dashboards/region/?per_page=200").content.decode()
    slugs = re.findall(r'href="/councils/([a-z0-9-]+)/dashboard/"', body)
    expected = set(Council.objects.filter(region__in=regions).values_list("slug", flat=True))
    assert len(expected) == 25  # 10 in the East Midlands, 15 in Yorkshire and The Humber
    assert sorted(slugs) == sorted(expected)


def test_national_view_is_only_for_national_scope(client, adviser, make_user):
    client.force_login(adviser)
    assert client.get("/dashboards/national/").status_code == 404
    client.force_login(make_user(Role.ADVISER))
    response = client.get("/dashboards/national/")
    assert response.status_code == 200
    assert "England" in response.content.decode()


def test_filters_narrow_the_region_view(client, make_user, leicester):
    plan_with_actions(3, council=leicester)
    client.force_login(make_user(Role.ADVISER, region=leicester.region))
    body = client.get(f"/dashboards/region/?region={leicester.region_id}&framework=2016").content
    assert b"1 council." in body
    assert b"Leicester</a>" in body


END = datetime.date(2026, 10, 31)


def grow(first_council):
    """More councils, and more actions and history in the first council's plan."""
    generate(seed=4, councils=4, end=END, skip=2)
    plan = ImprovementPlan.objects.get(council=first_council)
    extra = Action.objects.bulk_create(
        Action(plan=plan, ref=f"X{i}", position=100 + i, description="More", leads="Lead")
        for i in range(30)
    )
    StatusUpdate.objects.bulk_create(
        StatusUpdate(action=a, new_status="on_track", new_stage="action", version=v)
        for a in extra
        for v in range(2, 12)
    )
    refresh_councils([first_council.pk])  # a bulk load raises its data version
    summaries.rebuild([first_council.pk])  # and computes its figures


@pytest.mark.parametrize("page", ["council", "since", "trends", "region", "national"])
def test_query_count_does_not_grow_with_the_data(client, make_user, reference_places, page):
    generate(seed=3, councils=2, end=END)
    summaries.rebuild(Council.objects.values_list("pk", flat=True))  # as rebuild_summaries
    council = Council.objects.order_by("dfe_la_code").first()
    officer = make_user(Role.COUNCIL_OFFICER, council=council)
    record_meeting(council=council, by=officer, board_name="Board", held_on=END, attendees="Chair")
    url = {
        "council": f"/councils/{council.slug}/dashboard/",
        "since": f"/councils/{council.slug}/dashboard/?view=since",
        "trends": f"/councils/{council.slug}/dashboard/trends/",
        "region": "/dashboards/region/",
        "national": "/dashboards/national/",
    }[page]
    client.force_login(make_user(Role.ADVISER))
    counts = []
    for step in ("small", "large"):
        if step == "large":
            grow(council)
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client.get(url).status_code == 200
        counts.append((len(cold), len(warm)))
    assert counts[0] == counts[1], counts
    assert counts[1][0] <= 40 and counts[1][1] <= 20, counts


def test_a_status_update_shows_on_the_dashboard_at_once(client, board_member, leicester):
    plan = plan_with_actions(3, council=leicester)
    client.force_login(board_member)
    url = f"/councils/{leicester.slug}/dashboard/"
    before = client.get(url).content.decode()
    assert 'data-figure="status-major_delay"><a class="govuk-link" href="' in before
    assert '?status=major_delay">0<' in before
    action = Action.objects.get(plan=plan, ref="A0")
    plan_services.update_action_status(
        action=action,
        by=None,
        status="major_delay",
        stage="action",
        reason="Recruitment",
        recovery_date=datetime.date(2030, 1, 1),
        expected_version=action.version,
    )
    after = client.get(url).content.decode()
    assert '?status=major_delay">1<' in after


def leicester_cells(body: str) -> list[str]:
    row = body.split("Leicester</a>")[1].split("</tr>")[0]
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_a_write_shows_on_the_region_view_at_once(client, make_user, leicester):
    plan = plan_with_actions(3, council=leicester)
    client.force_login(make_user(Role.ADVISER, region=leicester.region))
    delayed = 3  # region, outcome, plan, then actions by status
    cells = leicester_cells(client.get("/dashboards/region/").content.decode())
    assert cells[delayed].startswith("0 delayed")
    action = Action.objects.get(plan=plan, ref="A0")
    plan_services.update_action_status(
        action=action,
        by=None,
        status="minor_delay",
        stage="action",
        reason="Recruitment",
        recovery_date=datetime.date(2030, 1, 1),
        expected_version=action.version,
    )
    cells = leicester_cells(client.get("/dashboards/region/").content.decode())
    assert cells[delayed].startswith("1 delayed")


def test_officer_records_a_meeting_with_agreed_actions(client, officer, leicester):
    client.force_login(officer)
    url = reverse("dashboards:meeting-add", args=[leicester.slug])
    response = client.post(
        url,
        {
            "board_name": "SENDIB",
            "held_on_0": "31",
            "held_on_1": "1",
            "held_on_2": "2024",
            "attendees": "Chair\nHead of SEND",
            "decisions": "Accept the exception report",
            "action_1_description": "Bring a recovery plan",
            "action_1_owner": "Designated Clinical Officer",
            "action_1_due_on_0": "28",
            "action_1_due_on_1": "2",
            "action_1_due_on_2": "2024",
        },
    )
    meeting = BoardMeeting.objects.get(council=leicester)
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.attendee_list == ["Chair", "Head of SEND"]
    agreed = meeting.actions.get()
    assert agreed.owner == "Designated Clinical Officer"
    assert agreed.due_on == datetime.date(2024, 2, 28)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Bring a recovery plan" in page


def test_meeting_form_explains_a_missing_owner(client, officer, leicester):
    client.force_login(officer)
    response = client.post(
        reverse("dashboards:meeting-add", args=[leicester.slug]),
        {
            "board_name": "SENDIB",
            "held_on_0": "31",
            "held_on_1": "1",
            "held_on_2": "2024",
            "attendees": "Chair",
            "action_1_description": "Bring a recovery plan",
        },
    )
    assert response.status_code == 200
    assert "Enter who owns agreed action 1" in response.content.decode()
    assert not BoardMeeting.objects.exists()


def test_national_deficits_add_one_year_and_name_it(client, make_user, reference_places):
    from tests.programmes import factories as programme_factories

    shire = Council.objects.get(slug="leicestershire")
    programme_factories.forecast_deficit(shire)  # reports £65.5m (2024/25), £110.6m (2027/28)
    rutland = Council.objects.get(name="Rutland")
    programme_factories.high_needs_years(rutland, {2022: (10, 0, 5)}, deficits={2022: 1_000_000})
    city = Council.objects.get(dfe_la_code=856)
    programme_factories.high_needs_years(city, {2022: (10, 0, 5)})  # no deficit reported
    client.force_login(make_user(Role.ADVISER))
    body = client.get("/dashboards/national/").content.decode()
    east_midlands = body.split('scope="row" class="govuk-table__header">East Midlands</th>')[1]
    cell = east_midlands.split("data-deficit-year=")[1].split("</td>")[0]
    # 2027/28 and 2022/23 have one council each: the later year, never £111.6m together
    assert cell.startswith('"2027/28"') and "£110,600,000" in cell and "1 council" in cell


def test_the_council_dashboard_reads_its_delays_and_changes_with_its_figures(
    client, make_user, reference_places
):
    """Cold (cache emptied) with its summary current, the dashboard reads no status
    update and no delayed action: they are in the summary row with its figures."""
    generate(seed=3, councils=1, end=END)
    council = Council.objects.order_by("dfe_la_code").first()
    summaries.rebuild([council.pk])
    client.force_login(make_user(Role.BOARD_MEMBER, council=council))
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        page = client.get(f"/councils/{council.slug}/dashboard/").content.decode()
    tables = [q["sql"] for q in cold if "inspections_statusupdate" in q["sql"]]
    assert tables == [], tables
    assert not [q for q in cold if '"inspections_action"."status_reason"' in q["sql"]]
    # Nor high-needs years, programmes, the clocks' revisits and overrides, actions or
    # areas (the BRAG): the row keeps them too.
    read = " ".join(q["sql"] for q in cold)
    for table in (
        "programmes_highneedsyear",
        "programmes_programme",
        "inspections_deadlineoverride",
        '"inspections_action"',
        "inspections_areaofweakness",
        "inspections_revisit",
    ):
        assert table not in read, table
    # Session, user, roles, council, meetings, summary row, plans, and one for the
    # official statistics panel (sendtracker.official: one indexed read of the
    # headline rate's years for the council, its region and England).
    assert len(cold) == 8, [q["sql"][:80] for q in cold]
    assert 'id="exceptions"' in page and "Recent changes" in page
