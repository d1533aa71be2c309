"""Who may change a programme: its council's officers and site administrators."""

import pytest

from programmes.models import Programme
from programmes.permissions import can_change_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(leicester):
    return Programme.objects.create(council=leicester, kind="dbv", name="DBV")


def test_the_councils_officer_changes_its_programme(officer, programme):
    assert can_change_programme(officer, programme)


@pytest.mark.parametrize("who", ["board_member", "adviser", "grant_administrator"])
def test_board_members_advisers_and_grant_administrators_do_not(request, who, programme):
    assert not can_change_programme(request.getfixturevalue(who), programme)


def test_a_site_administrator_does(site_administrator, programme):
    assert can_change_programme(site_administrator, programme)
