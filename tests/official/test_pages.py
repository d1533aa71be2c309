import re
from html import unescape

import pytest
from django.core.cache import cache

from sendtracker.core.models import Council
from sendtracker.core.models.people import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def leicestershire(reference_places):
    return Council.objects.get(dfe_la_code=855)


def url(council):
    return f"/councils/{council.slug}/statistics/"


def table_of(body: str, ident: str) -> list[list[str]]:
    table = body.split(f'id="{ident}-table"')[1].split("</table>")[0]
    return [
        [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]


def test_statistics_page_shows_the_council_beside_region_and_england(
    client, make_user, official, leicestershire
):
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicestershire))
    body = client.get(url(leicestershire)).content.decode()
    assert (
        "Leicestershire: 3.8% within 20 weeks in 2022, East Midlands 31.8%, England 47.7%; "
        "147th of the 148 councils with a figure."
    ) in body
    rows = table_of(body, "official-within_20_weeks")
    assert rows[0] == [
        "Year",
        "Leicestershire",
        "East Midlands",
        "England",
        "Leicestershire's rank (1 is highest)",
    ]
    assert rows[-1] == ["2022", "3.8%", "31.8%", "47.7%", "147 of 148"]
    # The chart plots the same numbers as the table.
    assert "Leicestershire: 3.8% in 2022" in body
    assert "England: 47.7% in 2022" in body


def test_withheld_values_read_as_such_and_are_not_plotted(client, make_user, official, leicester):
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicester))
    body = client.get(url(leicester)).content.decode()
    rows = table_of(body, "official-tribunal")
    assert rows[1][1:4] == ["not applicable"] * 3  # 2014: no tribunal figure
    chart = body.split('data-chart="official-tribunal"')[1].split("</svg>")[0]
    assert chart.count("<title>Leicester:") == 1  # 2022 alone is plotted


def test_sources_and_licence_are_shown(client, make_user, official, leicester):
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicester))
    body = client.get(url(leicester)).content.decode()
    assert "Open Government Licence v3.0" in body
    assert "sen2_ehcp_2014_2022.csv" in body
    assert "explore-education-statistics.service.gov.uk" in body


def test_a_council_user_cannot_open_another_councils_statistics(
    client, make_user, official, leicester, leicestershire
):
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicester))
    assert client.get(url(leicestershire)).status_code == 404
    assert client.get(url(leicester)).status_code == 200


def test_an_adviser_sees_statistics_of_councils_in_their_region(
    client, adviser, official, leicestershire
):
    client.force_login(adviser)
    assert client.get(url(leicestershire)).status_code == 200


def test_statistics_page_costs_a_fixed_number_of_queries(
    client, make_user, official, leicester, django_assert_num_queries
):
    client.force_login(make_user(Role.BOARD_MEMBER, council=leicester))
    client.get(url(leicester))
    # session, user, roles, council; figures, panel figures, editions
    with django_assert_num_queries(7):
        assert client.get(url(leicester)).status_code == 200


def test_council_dashboard_shows_the_official_panel(client, board_member, official, leicester):
    client.force_login(board_member)
    body = client.get(f"/councils/{leicester.slug}/dashboard/").content.decode()
    panel = body.split('id="official-panel">')[1].split("</p>")[0]
    assert panel.startswith("Leicester: ")
    assert "East Midlands" in panel and "England 47.7%" in panel
    assert f"/councils/{leicester.slug}/statistics/" in body


def test_the_panel_adds_one_query_to_the_council_dashboard(
    client, board_member, official, leicester
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(board_member)
    dashboard = f"/councils/{leicester.slug}/dashboard/"
    client.get(dashboard)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(dashboard)
    official_reads = [q["sql"] for q in queries if "official_" in q["sql"]]
    assert len(official_reads) == 1
