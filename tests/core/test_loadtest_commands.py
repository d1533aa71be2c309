"""The load test's accounts (create_loadtest_users) and its lost-update check
(check_loadtest_updates), which loadtest/locustfile.py and `make loadtest` rely on."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspections import services
from inspections.models import Stage
from sendtracker.core.access import access_for
from sendtracker.core.models import Council, Region, User
from sendtracker.core.status import Status
from tests.inspections.factories import plan_through_services

pytestmark = pytest.mark.django_db


def run(name, *args) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_accounts_per_council_and_region_sign_in_with_the_demo_password(reference_places):
    run("create_loadtest_users")
    again = run("create_loadtest_users")  # idempotent
    councils, regions = Council.objects.count(), Region.objects.count()
    assert f"Load-test accounts: {2 * councils + regions} (0 new)" in again
    first = Council.objects.order_by("dfe_la_code").first()
    officer = User.objects.get(email="officer-001@loadtest.example")
    assert officer.check_password("send-tracker-demo")
    assert access_for(officer).officer_council_ids == {first.pk}
    board = User.objects.get(email="board-001@loadtest.example")
    assert access_for(board).board_council_ids == {first.pk}
    adviser = User.objects.get(email="adviser-01@loadtest.example")
    assert adviser.role_assignments.get().region == Region.objects.order_by("name").first()


def confirmed_file(tmp_path, action, **told):
    path = tmp_path / "updates.json"
    entry = {"version": action.version, "status": action.status, "note": "", "by": "x"}
    entry.update(told)
    path.write_text(json.dumps({"run": "t", "actions": {str(action.pk): entry}}))
    return path


def save(action, status, note):
    services.update_action_status(
        action=action,
        by=None,
        status=status,
        stage=Stage.ACTION,
        note=note,
        expected_version=action.version,
    )


def test_no_lost_update_when_the_database_has_the_last_confirmed_save(leicester, tmp_path):
    action = plan_through_services(leicester, [Status.NOT_STARTED]).actions.get()
    save(action, Status.ON_TRACK, "first")
    path = confirmed_file(tmp_path, action, note="first")
    assert "lost updates: 0" in run("check_loadtest_updates", str(path))


def test_a_save_overwritten_or_missing_is_a_lost_update(leicester, tmp_path):
    action = plan_through_services(leicester, [Status.NOT_STARTED]).actions.get()
    save(action, Status.ON_TRACK, "told saved")
    path = confirmed_file(tmp_path, action, note="told saved")
    save(action, Status.NOT_STARTED, "written by nobody the test knows of")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 lost updates"):
        call_command("check_loadtest_updates", str(path), stdout=out)
    assert "lost updates: 1" in out.getvalue()
