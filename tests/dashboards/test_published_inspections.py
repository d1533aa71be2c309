import datetime
import re

import pytest

from inspections.selectors import inspection_records
from inspections.services.inspections import record_revisit
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.dashboards.published import AGREES, DIFFERS, NO_RECORD, compare
from sendtracker.official.models import PublishedInspection
from tests.inspections.factories import AreaFactory, InspectionFactory, PriorityAreaFactory

pytestmark = pytest.mark.django_db
REGION, NATIONAL = "/dashboards/region/inspections/", "/dashboards/national/inspections/"


def leicester_2018(started_on=datetime.date(2018, 4, 30), areas=5, sufficient=4):
    inspection = InspectionFactory(started_on=started_on, ended_on=datetime.date(2018, 5, 4))
    made = [AreaFactory(inspection=inspection, number=n + 1) for n in range(areas)]
    record_revisit(
        inspection=inspection,
        by=None,
        started_on=datetime.date(2021, 5, 5),
        ended_on=datetime.date(2021, 5, 7),
        judgements={a.pk: i < sufficient for i, a in enumerate(made)},
    )
    return inspection


def comparison_of(user, name, framework="2016"):
    published = PublishedInspection.objects.get(area_name=name, framework=framework)
    records = inspection_records(user, [published.council_id])
    return compare(published, records.get(published.council_id, []))


def test_a_matching_record_agrees(official, adviser):
    leicester_2018()
    result = comparison_of(adviser, "Leicester")
    assert result.status == AGREES and str(result) == "Agrees"


def test_differences_are_spelt_out(official, adviser):
    leicester_2018(started_on=datetime.date(2018, 4, 23), areas=4, sufficient=4)
    result = comparison_of(adviser, "Leicester")
    assert result.status == DIFFERS
    assert result.differences == [
        "started 30 Apr 2018 published, 23 Apr 2018 here",
        "significant weaknesses 5 published, 4 here",
    ]


def test_a_2023_outcome_and_priority_areas_are_compared(official, make_user):
    notts = Council.objects.get(name="Nottinghamshire")
    adviser = make_user(Role.ADVISER, region=notts.region)
    inspection = InspectionFactory(
        council=notts,
        framework="2023",
        outcome="inconsistent",
        started_on=datetime.date(2023, 1, 30),
        ended_on=datetime.date(2023, 2, 3),
    )
    PriorityAreaFactory(inspection=inspection, number=1)
    result = comparison_of(adviser, "Nottinghamshire", "2023")
    assert result.differences == [
        "outcome widespread and/or systemic failings published, inconsistent experiences and "
        "outcomes here",
        "areas for priority action 2 published, 1 here",
    ]


def test_a_council_without_records_here_says_so(official, adviser):
    assert comparison_of(adviser, "Derby").status == NO_RECORD


def test_a_record_the_user_may_not_see_is_not_compared(official, make_user):
    leicester_2018()
    outsider = make_user(Role.BOARD_MEMBER, council=Council.objects.get(name="Derby"))
    assert comparison_of(outsider, "Leicester").status == NO_RECORD


def cells_of(body, name):
    row = body.split(f">{name}</a>")[1].split("</tr>")[0]
    return [
        re.sub(r"<[^>]+>", " ", c).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_region_view_filters_to_wsoa_and_shows_revisit_outcomes(client, official, adviser):
    leicester_2018(started_on=datetime.date(2018, 4, 23))
    client.force_login(adviser)
    body = client.get(REGION + "?wsoa_required=yes&framework=2016").content.decode()
    assert 'id="published-inspections"' in body
    # Every East Midlands council Ofsted required a WSOA of, records here or not.
    shown = set(re.findall(r'statistics/">([^<]+)</a>', body))
    expected = set(
        PublishedInspection.objects.filter(
            region__name="East Midlands", wsoa_required=True
        ).values_list("area_name", flat=True)
    )
    assert shown == expected and "Leicester" in shown and len(shown) > 1
    leicester = " ".join(" ".join(c) for c in cells_of(body, "Leicester"))
    assert "Revisited from 5 May 2021" in leicester
    assert "Sufficient progress in some" in leicester
    assert "4 of 5 with sufficient progress" in leicester
    assert "Differs: started 30 Apr 2018 published, 23 Apr 2018 here" in leicester
    assert "London" not in body.split('id="published-counts"')[1].split("</table>")[0]


def test_counts_by_region_on_the_national_page(client, official, make_user):
    client.force_login(make_user(Role.ADVISER))  # no region: national
    response = client.get(NATIONAL)
    counts = response.content.decode().split('id="published-counts"')[1].split("</table>")[0]
    east_midlands = counts.split("East Midlands</th>")[1].split("</tr>")[0]
    numbers = [int(n) for n in re.findall(r">(\d+)<", east_midlands)]
    expected_2016 = PublishedInspection.objects.filter(
        region__name="East Midlands", framework="2016"
    ).count()
    assert numbers[0] == expected_2016


def test_national_page_is_for_national_users_only(client, official, adviser):
    client.force_login(adviser)
    assert client.get(NATIONAL).status_code == 404


def test_download_holds_the_filtered_rows(client, official, adviser):
    client.force_login(adviser)
    response = client.get(REGION + "?outcome=systemic_failings&export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Council,Region,Framework")
    assert [line.split(",")[0] for line in lines[1:]] == ["Nottinghamshire"]


def test_published_pages_cost_a_fixed_number_of_queries(
    client, official, adviser, django_assert_num_queries
):
    leicester_2018()
    client.force_login(adviser)
    client.get(REGION)
    # session, user, roles; regions seen; rows; records and revisits; filter's regions; editions
    with django_assert_num_queries(9):
        assert client.get(REGION).status_code == 200
