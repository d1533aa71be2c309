"""access_for: which councils and regions a user reaches, from their role assignments."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sendtracker.core.access import NO_ACCESS, access_for, forget_access
from sendtracker.core.models import Council, Region
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role, revoke_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def cornwall(db):
    return Council.objects.get(name="Cornwall")


@pytest.fixture
def south_west(db):
    return Region.objects.get(name="South West")


def visible(user):
    return set(Council.objects.visible_to(user).values_list("name", flat=True))


def test_officer_reaches_their_council_only(officer, leicester, cornwall):
    access = access_for(officer)

    assert access.officer_council_ids == {leicester.pk}
    assert access.council_ids == {leicester.pk}
    assert not access.national
    assert access.can_read(leicester)
    assert not access.can_read(cornwall)
    assert visible(officer) == {"Leicester"}


def test_board_member_reaches_their_council_only(board_member, leicester, cornwall):
    access = access_for(board_member)

    assert access.board_council_ids == {leicester.pk}
    assert access.officer_council_ids == frozenset()
    assert access.can_read(leicester)
    assert not access.can_read(cornwall)
    assert visible(board_member) == {"Leicester"}


def test_regional_adviser_reaches_every_council_of_the_region(adviser, leicester, cornwall):
    access = access_for(adviser)

    assert access.adviser_region_ids == {leicester.region_id}
    assert access.region_ids == {leicester.region_id}
    assert access.council_ids == frozenset()
    assert access.adviser_covers(leicester)
    assert not access.adviser_covers(cornwall)
    assert not access.can_read(cornwall)
    assert visible(adviser) == set(
        Council.objects.filter(region=leicester.region).values_list("name", flat=True)
    )
    assert len(visible(adviser)) == 10


def test_adviser_for_one_council_reaches_that_council(make_user, cornwall, leicester):
    user = make_user(Role.ADVISER, council=cornwall)

    access = access_for(user)

    assert access.adviser_council_ids == {cornwall.pk}
    assert access.adviser_covers(cornwall)
    assert not access.adviser_covers(leicester)
    assert visible(user) == {"Cornwall"}


def test_national_adviser_reaches_every_council(make_user):
    user = make_user(Role.ADVISER)

    access = access_for(user)

    assert access.national
    assert access.adviser_national
    assert Council.objects.visible_to(user).count() == 153


@pytest.mark.parametrize(
    ("role", "flag"),
    [
        (Role.GRANT_ADMINISTRATOR, "grant_administrator"),
        (Role.SITE_ADMINISTRATOR, "site_administrator"),
    ],
)
def test_national_roles_reach_every_council(make_user, role, flag):
    user = make_user(role)

    access = access_for(user)

    assert access.national
    assert getattr(access, flag)
    assert not access.adviser_national
    assert Council.objects.visible_to(user).count() == 153


def test_several_roles_add_up(make_user, leicester, cornwall, south_west):
    nottingham = Council.objects.get(name="Nottingham")
    user = make_user(Role.COUNCIL_OFFICER, council=leicester)
    grant_role(user=user, role=Role.BOARD_MEMBER, council=nottingham)
    grant_role(user=user, role=Role.ADVISER, region=south_west)

    access = access_for(user)

    assert access.officer_council_ids == {leicester.pk}
    assert access.board_council_ids == {nottingham.pk}
    assert access.council_ids == {leicester.pk, nottingham.pk}
    assert access.region_ids == {south_west.pk}
    assert not access.national
    expected = {"Leicester", "Nottingham"} | set(south_west.councils.values_list("name", flat=True))
    assert visible(user) == expected
    assert "Cornwall" in expected


def test_user_without_a_role_sees_nothing(make_user):
    user = make_user()

    access = access_for(user)

    assert not access.sees_anything
    assert access == NO_ACCESS
    assert visible(user) == set()


def test_inactive_user_sees_nothing_whatever_their_roles(make_user, leicester):
    user = make_user(Role.SITE_ADMINISTRATOR, is_active=False)
    grant_role(user=user, role=Role.COUNCIL_OFFICER, council=leicester)

    assert access_for(user) is NO_ACCESS
    assert visible(user) == set()


def test_deactivated_user_loses_access_at_once_despite_the_cache(officer):
    assert access_for(officer).sees_anything

    officer.is_active = False

    assert access_for(officer) is NO_ACCESS


def test_signed_out_visitor_and_none_see_nothing():
    assert access_for(AnonymousUser()) is NO_ACCESS
    assert access_for(None) is NO_ACCESS
    assert Council.objects.visible_to(AnonymousUser()).count() == 0


def test_access_is_read_once_and_cached_on_the_user(officer, django_assert_num_queries):
    forget_access(officer)
    with django_assert_num_queries(1):
        first = access_for(officer)
        second = access_for(officer)

    assert first is second


def test_forget_access_drops_the_cache_after_a_change_made_elsewhere(officer, cornwall):
    from sendtracker.core.models import RoleAssignment

    assert not access_for(officer).can_read(cornwall)
    RoleAssignment.objects.create(user=officer, role=Role.COUNCIL_OFFICER, council=cornwall)
    assert not access_for(officer).can_read(cornwall)  # still the cached answer

    forget_access(officer)

    assert access_for(officer).can_read(cornwall)


def test_forget_access_without_a_cache_does_nothing(make_user):
    user = make_user()

    forget_access(user)
    forget_access(user)

    assert not access_for(user).sees_anything


def test_granting_and_revoking_a_role_refresh_the_users_access(make_user, cornwall):
    user = make_user()
    assert not access_for(user).can_read(cornwall)

    assignment = grant_role(user=user, role=Role.COUNCIL_OFFICER, council=cornwall)
    assert access_for(user).can_read(cornwall)

    revoke_role(assignment=assignment)
    assert not access_for(user).can_read(cornwall)
