"""Seed 000: the regional coordinator grant is paid to Leicester (East Midlands) to
support the West Midlands. It counts in the West Midlands, and the West Midlands'
advisers see it."""

from decimal import Decimal

import pytest

from grants import selectors as grant_selectors
from grants import services as grant_services
from grants.models import Allocation
from sendtracker.core.models import Council, Region
from sendtracker.core.models.people import Role
from tests.grants.factories import DeterminationFactory

pytestmark = pytest.mark.django_db
RC_TOTAL = Decimal("21271.92")  # seed 000, Annex B: Leicester City Council, West Midlands


@pytest.fixture
def rc_allocation(reference_places):
    return grant_services.create_allocation(
        determination=DeterminationFactory(),
        by=None,
        council=Council.objects.get(dfe_la_code=856),
        region_supported=Region.objects.get(name="West Midlands"),
        las_in_region=14,
        total=RC_TOTAL,
    )


def region_cell(body: str, region: str, column: int) -> str:
    row = body.split(f'scope="row" class="govuk-table__header">{region}</th>')[1]
    return row.split("</tr>")[0].split("<td")[column].split(">", 1)[1].split("</td>")[0]


def test_national_totals_count_it_in_the_west_midlands(client, make_user, rc_allocation):
    client.force_login(make_user(Role.ADVISER))
    body = client.get("/dashboards/national/").content.decode()
    # Columns: councils, actions, delayed, overdue, grants allocated (5), paid, deficit.
    assert region_cell(body, "West Midlands", 5) == "£21,272"
    assert region_cell(body, "East Midlands", 5) == "£0"
    assert region_cell(body, "England", 5) == "£21,272"


def test_a_west_midlands_adviser_sees_it_and_its_region_total(client, make_user, rc_allocation):
    adviser = make_user(Role.ADVISER, region=Region.objects.get(name="West Midlands"))
    assert list(Allocation.objects.visible_to(adviser)) == [rc_allocation]
    assert (
        grant_selectors.totals_by_region([rc_allocation.region_supported_id])[
            rc_allocation.region_supported_id
        ].allocated
        == RC_TOTAL
    )
    client.force_login(adviser)
    assert client.get(rc_allocation.get_absolute_url()).status_code == 200
    body = client.get("/dashboards/region/").content.decode()
    assert region_cell(body, "West Midlands", 5) == "£21,272"
    # An adviser for another region still does not see it.
    other = make_user(Role.ADVISER, region=Region.objects.get(name="North East"))
    assert not Allocation.objects.visible_to(other).exists()


def test_regional_totals_from_the_summaries_equal_those_summed_from_the_allocations(
    rc_allocation,
):
    """dashboards.selectors.regional_grants (the councils' summary rows, plus the
    allocations supporting another region) against grants.selectors.totals_by_region
    (every allocation summed), for all councils and for some councils of a region."""
    from sendtracker.dashboards import selectors
    from sendtracker.dashboards.scale import generate
    from tests.dashboards.test_views import END

    generate(seed=3, councils=12, end=END)
    grant_services.create_allocation(  # supports a region from outside it, pending
        determination=DeterminationFactory(),
        by=None,
        council=Council.objects.get(dfe_la_code=856),
        region_supported=Region.objects.get(name="North East"),
        las_in_region=12,
        total=None,
    )
    everyone = list(Council.objects.all())
    some = [c for c in everyone if c.region.name in ("West Midlands", "East Midlands")][::2]
    for councils in (everyone, some):
        grants = selectors.grant_figures(None, councils)
        ours = selectors.regional_grants(councils, grants)
        theirs = grant_selectors.totals_by_region({c.region_id for c in councils})
        assert ours.keys() >= theirs.keys()
        for region, money in ours.items():
            expected = theirs.get(region, grant_selectors.Totals())
            assert (money.allocated, money.paid) == (expected.allocated, expected.paid), region
    west = Region.objects.get(name="West Midlands").pk
    assert (
        selectors.regional_grants(everyone, selectors.grant_figures(None, everyone))[west].allocated
        >= RC_TOTAL
    )
