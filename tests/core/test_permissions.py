"""Who may do what: each function in sendtracker.core.permissions, role by role."""

import pytest

from sendtracker.core import permissions
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role

pytestmark = pytest.mark.django_db

ROLES = {
    "officer": (Role.COUNCIL_OFFICER, "council"),
    "board": (Role.BOARD_MEMBER, "council"),
    "health": (Role.HEALTH_PARTNER, "council"),
    "adviser": (Role.ADVISER, "region"),
    "council_adviser": (Role.ADVISER, "council"),
    "national_adviser": (Role.ADVISER, None),
    "grants": (Role.GRANT_ADMINISTRATOR, None),
    "admin": (Role.SITE_ADMINISTRATOR, None),
    "none": (None, None),
}


@pytest.fixture
def cornwall(db):
    return Council.objects.get(name="Cornwall")


@pytest.fixture
def user_for(make_user, leicester):
    def make(key):
        role, scope = ROLES[key]
        if scope == "council":
            return make_user(role, council=leicester)
        if scope == "region":
            return make_user(role, region=leicester.region)
        return make_user(role)

    return make


def answers(check, user, leicester, cornwall):
    return (check(user, leicester), check(user, cornwall))


# role -> (own council, other council)
VIEW_COUNCIL = {
    "health": (True, False),
    "officer": (True, False),
    "board": (True, False),
    "adviser": (True, False),
    "council_adviser": (True, False),
    "national_adviser": (True, True),
    "grants": (True, True),
    "admin": (True, True),
    "none": (False, False),
}
CHANGE_COUNCIL = {
    "health": (False, False),
    "officer": (True, False),
    "board": (False, False),
    "adviser": (False, False),
    "council_adviser": (False, False),
    "national_adviser": (False, False),
    "grants": (False, False),
    "admin": (True, True),
    "none": (False, False),
}
SIGN_OFF = {
    "health": (False, False),
    "officer": (False, False),
    "board": (True, False),
    "adviser": (False, False),
    "council_adviser": (False, False),
    "national_adviser": (False, False),
    "grants": (False, False),
    "admin": (False, False),
    "none": (False, False),
}
EXPORT_PACK = {
    "health": (False, False),
    "officer": (True, False),
    "board": (True, False),
    "adviser": (True, False),
    "council_adviser": (True, False),
    "national_adviser": (True, True),
    "grants": (False, False),
    "admin": (True, True),
    "none": (False, False),
}


@pytest.mark.parametrize("key", sorted(ROLES))
def test_can_view_council(user_for, leicester, cornwall, key):
    user = user_for(key)
    assert answers(permissions.can_view_council, user, leicester, cornwall) == VIEW_COUNCIL[key]


@pytest.mark.parametrize("key", sorted(ROLES))
def test_can_view_history_follows_can_view_council(user_for, leicester, cornwall, key):
    user = user_for(key)
    assert answers(permissions.can_view_history, user, leicester, cornwall) == VIEW_COUNCIL[key]


@pytest.mark.parametrize("key", sorted(ROLES))
def test_only_own_officers_and_site_administrators_change_a_council(
    user_for, leicester, cornwall, key
):
    user = user_for(key)
    assert (
        answers(permissions.can_change_council, user, leicester, cornwall) == (CHANGE_COUNCIL[key])
    )


@pytest.mark.parametrize("key", sorted(ROLES))
def test_only_the_councils_board_members_sign_off(user_for, leicester, cornwall, key):
    user = user_for(key)
    assert answers(permissions.can_sign_off, user, leicester, cornwall) == SIGN_OFF[key]


# Officers publish too once their council allows it (officers_may_publish).
PUBLISH = {key: (key == "board", False) for key in ROLES}
PUBLISH_OFFICERS_ALLOWED = {key: (key in {"board", "officer"}, False) for key in ROLES}


@pytest.mark.parametrize("key", sorted(ROLES))
def test_board_members_publish_their_councils_plans(user_for, leicester, cornwall, key):
    user = user_for(key)
    assert answers(permissions.can_publish, user, leicester, cornwall) == PUBLISH[key]


@pytest.mark.parametrize("key", sorted(ROLES))
def test_officers_publish_when_their_council_allows_it(user_for, leicester, cornwall, key):
    leicester.officers_may_publish = cornwall.officers_may_publish = True
    user = user_for(key)
    expected = PUBLISH_OFFICERS_ALLOWED[key]
    assert answers(permissions.can_publish, user, leicester, cornwall) == expected


@pytest.mark.parametrize("key", sorted(ROLES))
def test_who_exports_a_councils_pack(user_for, leicester, cornwall, key):
    user = user_for(key)
    assert answers(permissions.can_export_pack, user, leicester, cornwall) == EXPORT_PACK[key]


@pytest.mark.parametrize("key", sorted(ROLES))
def test_grant_and_site_administrators_administer_grants(user_for, key):
    assert permissions.can_administer_grants(user_for(key)) is (key in {"grants", "admin"})


@pytest.mark.parametrize("key", sorted(ROLES))
def test_only_site_administrators_manage_users(user_for, key):
    assert permissions.can_manage_users(user_for(key)) is (key == "admin")


def test_inactive_officer_may_do_nothing(make_user, leicester):
    user = make_user(Role.COUNCIL_OFFICER, council=leicester, is_active=False)

    for name, check in permissions.PERMISSIONS.items():
        assert not check(user, leicester), name


def test_has_permission_answers_by_name(officer, leicester, cornwall):
    assert permissions.has_permission(officer, "change_council", leicester)
    assert not permissions.has_permission(officer, "change_council", cornwall)
    assert not permissions.has_permission(officer, "sign_off", leicester)


def test_has_permission_always_answers_a_bool(officer, leicester):
    for name in permissions.PERMISSIONS:
        assert permissions.has_permission(officer, name, leicester) in (True, False)


def test_has_permission_refuses_an_unknown_name(officer, leicester):
    with pytest.raises(ValueError, match="Unknown permission 'delete_everything'"):
        permissions.has_permission(officer, "delete_everything", leicester)


# role -> (an action of theirs they lead, one they do not lead, one of another council)
UPDATE_ACTION = {
    "officer": (True, True, False),
    "board": (False, False, False),
    "health": (True, False, False),
    "adviser": (False, False, False),
    "council_adviser": (False, False, False),
    "national_adviser": (False, False, False),
    "grants": (False, False, False),
    "admin": (True, True, True),
    "none": (False, False, False),
}


@pytest.mark.parametrize("key", sorted(ROLES))
def test_who_updates_an_action(user_for, leicester, cornwall, key):
    from tests.inspections.factories import ActionFactory, PlanFactory

    user = user_for(key)
    led, not_led = ActionFactory.create_batch(2, plan=PlanFactory(council=leicester))
    elsewhere = ActionFactory(plan=PlanFactory(council=cornwall))
    for action in (led, elsewhere):
        action.lead_users.add(user)
    check = permissions.can_update_action
    assert (check(user, led), check(user, not_led), check(user, elsewhere)) == UPDATE_ACTION[key]
    assert permissions.has_permission(user, "update_action", led) is UPDATE_ACTION[key][0]
