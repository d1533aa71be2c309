"""Who may change a plan, update an action and sign it off: the plan's council decides."""

import pytest

from inspections.permissions import can_change_plan, can_sign_off_action, can_update_action
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role

from .factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(db):
    return ActionFactory()  # on a Leicester plan


def test_the_councils_officer_changes_its_plan_and_updates_its_actions(officer, action):
    assert can_change_plan(officer, action.plan)
    assert can_update_action(officer, action)
    assert not can_sign_off_action(officer, action)


def test_the_councils_board_member_signs_off_but_does_not_update(board_member, action):
    assert can_sign_off_action(board_member, action)
    assert not can_update_action(board_member, action)
    assert not can_change_plan(board_member, action.plan)


def test_another_councils_officer_does_nothing_to_the_plan(make_user, action):
    other = make_user(Role.COUNCIL_OFFICER, council=Council.objects.get(name="Cornwall"))

    assert not can_change_plan(other, action.plan)
    assert not can_update_action(other, action)
    assert not can_sign_off_action(other, action)


def test_a_site_administrator_repairs_but_does_not_sign_off(site_administrator, action):
    assert can_update_action(site_administrator, action)
    assert not can_sign_off_action(site_administrator, action)
