"""Writes to the shared core: role assignments and council details."""

import pytest

from sendtracker.core.errors import Change, DomainError, StaleEditError
from sendtracker.core.models import Council, Region, RoleAssignment
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role, revoke_role, update_council_details

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(make_user):
    return make_user()


@pytest.fixture
def east_midlands(db):
    return Region.objects.get(name="East Midlands")


@pytest.mark.parametrize("role", [Role.COUNCIL_OFFICER, Role.BOARD_MEMBER])
def test_council_role_without_a_council_is_refused(person, role):
    with pytest.raises(DomainError, match="holds the role on one council") as error:
        grant_role(user=person, role=role)

    assert error.value.field == "council"
    assert not RoleAssignment.objects.filter(user=person).exists()


@pytest.mark.parametrize("role", [Role.COUNCIL_OFFICER, Role.BOARD_MEMBER])
def test_council_role_on_a_region_is_refused(person, role, leicester, east_midlands):
    with pytest.raises(DomainError, match="holds the role on one council"):
        grant_role(user=person, role=role, region=east_midlands)
    with pytest.raises(DomainError, match="holds the role on one council"):
        grant_role(user=person, role=role, council=leicester, region=east_midlands)

    assert not RoleAssignment.objects.filter(user=person).exists()


@pytest.mark.parametrize("role", [Role.GRANT_ADMINISTRATOR, Role.SITE_ADMINISTRATOR])
def test_national_role_with_a_council_or_region_is_refused(person, role, leicester, east_midlands):
    with pytest.raises(DomainError, match="holds the role nationally"):
        grant_role(user=person, role=role, council=leicester)
    with pytest.raises(DomainError, match="holds the role nationally"):
        grant_role(user=person, role=role, region=east_midlands)

    assert not RoleAssignment.objects.filter(user=person).exists()


def test_adviser_on_both_a_council_and_a_region_is_refused(person, leicester, east_midlands):
    with pytest.raises(DomainError, match="on a council or on a region, not both"):
        grant_role(user=person, role=Role.ADVISER, council=leicester, region=east_midlands)

    assert not RoleAssignment.objects.filter(user=person).exists()


def test_unknown_role_is_refused(person):
    with pytest.raises(ValueError):
        grant_role(user=person, role="superhero")


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.COUNCIL_OFFICER, "council"),
        (Role.BOARD_MEMBER, "council"),
        (Role.ADVISER, "council"),
        (Role.ADVISER, "region"),
        (Role.ADVISER, None),
        (Role.GRANT_ADMINISTRATOR, None),
        (Role.SITE_ADMINISTRATOR, None),
    ],
)
def test_granting_the_same_role_twice_keeps_one_assignment(
    person, leicester, east_midlands, role, scope
):
    where = {"council": {"council": leicester}, "region": {"region": east_midlands}, None: {}}

    first = grant_role(user=person, role=role, **where[scope])
    second = grant_role(user=person, role=role, **where[scope])

    assert first.pk == second.pk
    assert RoleAssignment.objects.filter(user=person).count() == 1


def test_one_user_may_hold_several_roles(person, leicester, east_midlands):
    grant_role(user=person, role=Role.COUNCIL_OFFICER, council=leicester)
    grant_role(user=person, role=Role.BOARD_MEMBER, council=leicester)
    grant_role(user=person, role=Role.ADVISER, region=east_midlands)

    assert set(person.role_assignments.values_list("role", flat=True)) == {
        Role.COUNCIL_OFFICER,
        Role.BOARD_MEMBER,
        Role.ADVISER,
    }


def test_role_may_be_given_by_its_value(person, leicester):
    assignment = grant_role(user=person, role="council_officer", council=leicester)

    assert assignment.role == Role.COUNCIL_OFFICER
    assert str(assignment) == "Council officer – Leicester"


def test_revoke_role_removes_the_assignment(officer):
    assignment = officer.role_assignments.get()

    revoke_role(assignment=assignment)

    assert not RoleAssignment.objects.filter(user=officer).exists()


def details(council, **changes):
    return {
        "local_offer_url": council.local_offer_url,
        "send_team_email": council.send_team_email,
        "improvement_board_name": council.improvement_board_name,
        **changes,
    }


def test_update_council_details_saves_and_counts_the_version(officer, leicester):
    council = update_council_details(
        council=leicester,
        by=officer,
        expected_version=1,
        **details(leicester, improvement_board_name="SENDIB"),
    )

    assert council.version == 2
    leicester.refresh_from_db()
    assert (leicester.improvement_board_name, leicester.version) == ("SENDIB", 2)


def test_update_council_details_refuses_a_stale_version_and_lists_the_differences(
    officer, leicester
):
    update_council_details(
        council=leicester,
        by=officer,
        expected_version=1,
        **details(leicester, improvement_board_name="Theirs"),
    )

    with pytest.raises(StaleEditError) as error:
        update_council_details(
            council=leicester,
            by=officer,
            expected_version=1,
            **details(leicester, improvement_board_name="Mine", send_team_email=""),
        )

    assert error.value.changes == [Change("Improvement board", saved="Theirs", yours="Mine")]
    refreshed = Council.objects.get(pk=leicester.pk)
    assert (refreshed.improvement_board_name, refreshed.version) == ("Theirs", 2)
