"""The exception report and the region and national views as downloads."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sendtracker.core.models import Council, Region
from sendtracker.core.models.people import Role
from sendtracker.core.status import HEX
from sendtracker.dashboards import summaries
from sendtracker.dashboards.scale import generate
from tests.dashboards.test_views import END, grow
from tests.export_helpers import as_dicts, export_url, read_csv, read_xlsx, values
from tests.inspections.factories import plan_through_services, plan_with_actions
from tests.programmes.factories import milestone, programme, workstream

pytestmark = pytest.mark.django_db


@pytest.fixture
def exceptions_url(leicester):
    plan_through_services(leicester)
    ws = workstream(programme(leicester))
    milestone(
        ws, ref="4.1", title="=Late milestone", end=timezone.localdate() - datetime.timedelta(5)
    )
    return reverse("dashboards:council-exceptions", args=[leicester.slug])


def test_exception_report_xlsx_lists_actions_then_milestones(client, officer, exceptions_url):
    client.force_login(officer)
    response = client.get(export_url(exceptions_url, "xlsx"))
    assert "leicester-exceptions-" in response["Content-Disposition"]
    sheet = read_xlsx(response)
    rows = as_dicts(values(sheet))
    kinds = [r["Kind"] for r in rows]
    assert kinds == ["Plan action"] * 5 + ["Programme milestone"]
    assert [r["Status"] for r in rows[:2]] == ["Major delay", "Major delay"]
    assert sheet["E2"].fill.fgColor.rgb.endswith(HEX["Red"][0])
    assert isinstance(rows[0]["Recovery date"], datetime.datetime)
    assert rows[-1]["Action or milestone"] == "=Late milestone" and sheet["C7"].quotePrefix
    assert rows[-1]["Days overdue"] == 5
    page = client.get(exceptions_url).content.decode()
    assert 'href="?export=xlsx"' in page


def test_exception_report_csv(client, officer, exceptions_url):
    client.force_login(officer)
    rows = read_csv(client.get(export_url(exceptions_url, "csv")))
    assert rows[0][:4] == ["Kind", "Ref", "Action or milestone", "Plan or programme"]
    assert rows[-1][2] == "'=Late milestone"


def test_another_councils_officer_cannot_export_the_exception_report(
    client, nelincs_officer, exceptions_url
):
    client.force_login(nelincs_officer)
    assert client.get(export_url(exceptions_url, "xlsx")).status_code == 404


def test_region_export_holds_exactly_the_advisers_councils_filtered_and_sorted(
    client, make_user, leicester
):
    plan_with_actions(3, council=leicester)
    client.force_login(make_user(Role.ADVISER, region=leicester.region))
    url = reverse("dashboards:region")
    rows = as_dicts(values(read_xlsx(client.get(export_url(url, "xlsx")))))
    expected = set(Council.objects.filter(region=leicester.region).values_list("name", flat=True))
    assert {r["Council"] for r in rows} == expected  # every one, not a page
    names = [
        r["Council"] for r in as_dicts(read_csv(client.get(export_url(url, "csv", sort="-name"))))
    ]
    assert names == sorted(expected, reverse=True)
    rows = as_dicts(values(read_xlsx(client.get(export_url(url, "xlsx", framework="2016")))))
    assert [r["Council"] for r in rows] == ["Leicester"]
    assert rows[0]["Actions"] == 3 and rows[0]["Region"] == "East Midlands"


def test_national_export_is_for_national_scope_only(client, adviser, make_user):
    client.force_login(adviser)
    url = reverse("dashboards:national")
    assert client.get(export_url(url, "csv")).status_code == 404
    client.force_login(make_user(Role.ADVISER))
    response = client.get(export_url(url, "xlsx", region=Region.objects.get(name="London").pk))
    assert "england-councils-" in response["Content-Disposition"]
    rows = as_dicts(values(read_xlsx(response)))
    assert len(rows) == Council.objects.filter(region__name="London").count()
    assert all(isinstance(r["Grants allocated"], int | float) for r in rows)


@pytest.mark.parametrize("page", ["region", "national"])
def test_council_rows_export_queries_do_not_grow(client, make_user, reference_places, page):
    generate(seed=3, councils=2, end=END)
    summaries.rebuild(Council.objects.values_list("pk", flat=True))
    council = Council.objects.order_by("dfe_la_code").first()
    url = export_url(reverse(f"dashboards:{page}"), "xlsx")
    client.force_login(make_user(Role.ADVISER))
    counts = []
    for step in ("small", "large"):
        if step == "large":
            grow(council)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
