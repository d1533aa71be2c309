"""People and their roles as downloads, for site administrators only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendtracker.core.models.people import Role
from tests.export_helpers import as_dicts, export_url, read_csv, read_xlsx, values

pytestmark = pytest.mark.django_db


def test_site_administrator_exports_people_with_their_roles(
    client, site_administrator, officer, adviser
):
    client.force_login(site_administrator)
    response = client.get(export_url(reverse("people-list"), "xlsx"))
    assert 'filename="people-' in response["Content-Disposition"]
    sheet = read_xlsx(response)
    rows = {r["Email address"]: r for r in as_dicts(values(sheet))}
    assert set(rows) == {site_administrator.email, officer.email, adviser.email}
    assert "Leicester" in rows[officer.email]["Roles"]
    assert rows[officer.email]["Can sign in"] == "Yes"
    assert sheet.freeze_panes == "A2"


def test_people_export_follows_the_search(client, site_administrator, officer, adviser):
    client.force_login(site_administrator)
    rows = read_csv(client.get(export_url(reverse("people-list"), "csv", q=officer.email)))
    assert [row[0] for row in rows[1:]] == [officer.email]


def test_people_job_titles_are_neutralised(client, site_administrator, make_user, leicester):
    make_user(
        Role.COUNCIL_OFFICER,
        council=leicester,
        job_title="=cmd|' /C calc'!A0",
        email="x@council.example",
    )
    client.force_login(site_administrator)
    url = export_url(reverse("people-list"), "csv", q="x@council")
    assert read_csv(client.get(url))[1][2] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize("role", [Role.COUNCIL_OFFICER, Role.ADVISER, Role.GRANT_ADMINISTRATOR])
def test_only_site_administrators_export_people(client, make_user, leicester, role):
    place = {"region": leicester.region} if role == Role.ADVISER else {"council": leicester}
    if role == Role.GRANT_ADMINISTRATOR:
        place = {}
    client.force_login(make_user(role, **place))
    assert client.get(export_url(reverse("people-list"), "xlsx")).status_code == 403


def test_people_export_queries_do_not_grow(client, site_administrator, make_user, leicester):
    client.force_login(site_administrator)
    url = export_url(reverse("people-list"), "xlsx")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_user(Role.COUNCIL_OFFICER, council=leicester)
    make_user(Role.ADVISER, region=leicester.region)
    few = count()
    for _ in range(15):
        make_user(Role.COUNCIL_OFFICER, council=leicester)
        make_user(Role.ADVISER, region=leicester.region)
    assert count() == few


def test_councils_list_downloads_the_councils_the_user_covers(
    client, officer, make_user, leicester
):
    client.force_login(officer)
    page = reverse("council-list")
    assert 'href="?export=csv"' in client.get(page).content.decode()
    rows = read_csv(client.get(export_url(page, "csv")))
    assert rows[1:] == [
        ["Leicester", "856", leicester.ons_code, leicester.get_type_display(), "East Midlands"]
    ]
    client.force_login(make_user(Role.ADVISER, region=leicester.region))
    rows = as_dicts(values(read_xlsx(client.get(export_url(page, "xlsx", name="lei")))))
    assert [r["Council"] for r in rows] == ["Leicester", "Leicestershire"]
