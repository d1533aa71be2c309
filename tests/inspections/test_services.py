import datetime

import pytest
from django.utils import timezone

from inspections import services
from inspections.models import Action, StatusUpdate
from sendtracker.core.errors import DomainError, StaleEditError
from tests.factories import BoardMeetingFactory

from .factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db

FUTURE = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def action(leicester):
    return ActionFactory(plan__council=leicester, plan__inspection__council=leicester)


@pytest.fixture
def meeting(leicester):
    return BoardMeetingFactory(council=leicester)


def update(action, by, **kwargs):
    values = {
        "status": "on_track",
        "stage": "action",
        "note": "",
        "expected_version": action.version,
    }
    values.update(kwargs)
    return services.update_action_status(action=action, by=by, **values)


def test_update_is_kept_and_becomes_the_current_status(action, officer):
    update(action, officer, status="on_track", stage="evidence", note="Group met")
    assert action.status == "on_track"
    assert action.stage == "evidence"
    assert action.progress == "Group met"
    assert action.version == 2
    kept = StatusUpdate.objects.get(action=action)
    assert (kept.old_status, kept.new_status) == ("not_started", "on_track")
    assert (kept.old_stage, kept.new_stage) == ("action", "evidence")
    assert kept.by == officer
    assert kept.note == "Group met"


def test_every_update_is_kept_in_order(action, officer):
    update(action, officer, status="on_track")
    update(action, officer, status="minor_delay", reason="Staff absence", recovery_date=FUTURE)
    update(action, officer, status="on_track", note="Back on track")
    assert [u.new_status for u in action.updates.order_by("version")] == [
        "on_track",
        "minor_delay",
        "on_track",
    ]
    assert action.status_reason == ""  # cleared once back on track
    assert action.recovery_date is None


@pytest.mark.parametrize("status", ["minor_delay", "major_delay"])
def test_delay_needs_a_reason(action, officer, status):
    with pytest.raises(DomainError) as error:
        update(action, officer, status=status, recovery_date=FUTURE)
    assert error.value.field == "reason"
    assert Action.objects.get(pk=action.pk).status == "not_started"


def test_delay_needs_a_recovery_date(action, officer):
    with pytest.raises(DomainError) as error:
        update(action, officer, status="major_delay", reason="Contract not signed")
    assert error.value.field == "recovery_date"


def test_recovery_date_in_the_past_is_refused(action, officer):
    with pytest.raises(DomainError) as error:
        update(
            action,
            officer,
            status="minor_delay",
            reason="Late",
            recovery_date=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert error.value.field == "recovery_date"
    assert not StatusUpdate.objects.exists()


def test_complete_needs_evidence_of_output(action, officer):
    with pytest.raises(DomainError) as error:
        update(action, officer, status="complete", stage="completed")
    assert error.value.field == "evidence_of_output"
    update(
        action,
        officer,
        status="complete",
        stage="completed",
        evidence_of_output="Strategy published",
    )
    assert action.status == "complete"
    assert action.evidence_of_output == "Strategy published"


@pytest.mark.parametrize(("field", "value"), [("status", "purple"), ("stage", "finished")])
def test_values_off_the_scale_are_refused(action, officer, field, value):
    with pytest.raises(DomainError) as error:
        update(action, officer, **{field: value})
    assert error.value.field == field


def test_an_update_that_changes_nothing_is_refused(action, officer):
    with pytest.raises(DomainError) as error:
        update(action, officer, status="not_started", stage="action")
    assert error.value.field == "note"


def test_stale_version_is_refused_with_what_changed(action, officer, make_user, leicester):
    colleague = make_user("council_officer", council=leicester, email="colleague@leicester.example")
    opened_at = action.version
    update(action, colleague, status="on_track", note="Colleague's note")
    with pytest.raises(StaleEditError) as error:
        update(
            action, officer, status="complete", expected_version=opened_at, evidence_of_output="x"
        )
    assert "Someone else updated this action" in error.value.message
    assert any("colleague@leicester.example" in c.label for c in error.value.changes)
    assert any("Not started → On track" in c.saved for c in error.value.changes)
    action.refresh_from_db()
    assert action.status == "on_track"
    assert action.updates.count() == 1


def test_row_changed_after_it_was_read_is_refused_and_nothing_saved(
    action, officer, make_user, leicester
):
    """The form's version matched when the page read the action, then someone saved."""
    colleague = make_user("council_officer", council=leicester)
    read_by_the_page = Action.objects.get(pk=action.pk)
    update(action, colleague, status="on_track", note="Saved first")
    with pytest.raises(StaleEditError) as error:
        update(read_by_the_page, officer, status="minor_delay", reason="x", recovery_date=FUTURE)
    assert any("Not started → On track" in c.saved for c in error.value.changes)
    assert read_by_the_page.status == "not_started"  # the caller's copy is left as it was
    saved = Action.objects.get(pk=action.pk)
    assert (saved.status, saved.progress, saved.version) == ("on_track", "Saved first", 2)
    assert saved.updates.count() == 1


def test_sign_off_of_a_row_changed_after_it_was_read_is_refused(
    action, officer, board_member, meeting
):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    read_by_the_page = Action.objects.get(pk=action.pk)
    update(action, officer, status="on_track", stage="impact", note="Reopened")
    with pytest.raises(StaleEditError):
        services.sign_off_action(
            action=read_by_the_page,
            by=board_member,
            meeting=meeting,
            expected_version=read_by_the_page.version,
        )
    assert not Action.objects.get(pk=action.pk).is_signed_off
    assert action.updates.filter(signed_off=True).count() == 0


def test_only_a_board_member_signs_off(action, officer, board_member, meeting):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    with pytest.raises(DomainError):
        services.sign_off_action(
            action=action, by=officer, meeting=meeting, expected_version=action.version
        )
    assert not Action.objects.get(pk=action.pk).is_signed_off
    services.sign_off_action(
        action=action, by=board_member, meeting=meeting, expected_version=action.version
    )
    assert action.signed_off_by == board_member
    assert action.updates.filter(signed_off=True).count() == 1


def test_board_of_another_council_cannot_sign_off(action, officer, make_user, nelincs, meeting):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    other_board = make_user("board_member", council=nelincs)
    with pytest.raises(DomainError):
        services.sign_off_action(
            action=action, by=other_board, meeting=meeting, expected_version=action.version
        )


def test_only_complete_actions_can_be_signed_off(action, board_member, meeting):
    with pytest.raises(DomainError, match="Only a complete action"):
        services.sign_off_action(
            action=action, by=board_member, meeting=meeting, expected_version=action.version
        )


def test_leaving_complete_withdraws_the_sign_off(action, officer, board_member, meeting):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    services.sign_off_action(
        action=action, by=board_member, meeting=meeting, expected_version=action.version
    )
    update(action, officer, status="on_track", stage="impact", note="Reopened")
    assert not action.is_signed_off


def test_updates_are_in_the_audit_trail(action, officer):
    from sendtracker.core.audit import history_for

    update(action, officer, status="on_track", note="Started")
    entry = history_for(action).first()
    assert entry.actor == officer
    assert entry.changes_dict["status"] == ["not_started", "on_track"]
    assert entry.changes_dict["progress"] == ["", "Started"]
    assert "version" not in entry.changes_dict  # excluded from Action's audit
    assert set(entry.changes_dict) == {"status", "progress"}


def test_sign_off_is_in_the_audit_trail(action, officer, board_member, meeting):
    from sendtracker.core.audit import history_for

    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    services.sign_off_action(
        action=action, by=board_member, meeting=meeting, expected_version=action.version
    )
    entry = history_for(action).first()
    assert entry.actor == board_member
    assert entry.changes_dict["signed_off_by"] == ["None", str(board_member.pk)]


def test_overdue_means_not_complete_and_past_milestone_or_recovery_date(leicester, officer):
    from inspections.models import ActionMilestone

    past = timezone.localdate() - datetime.timedelta(days=10)
    late = ActionFactory(plan__council=leicester, plan__inspection__council=leicester)
    ActionMilestone.objects.create(action=late, kind="action", due_on=past)
    done = ActionFactory(plan=late.plan, status="complete", evidence_of_output="x")
    ActionMilestone.objects.create(action=done, kind="action", due_on=past)
    future = ActionFactory(plan=late.plan)
    ActionMilestone.objects.create(action=future, kind="action", due_on=FUTURE)
    assert list(Action.objects.overdue()) == [late]


def test_a_sign_off_records_the_meeting_and_its_minute(action, officer, board_member, meeting):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    services.sign_off_action(
        action=action, by=board_member, meeting=meeting, minute=" 5.2 ", expected_version=2
    )
    saved = Action.objects.get(pk=action.pk)
    assert (saved.signed_off_meeting, saved.sign_off_minute) == (meeting, "5.2")
    assert list(meeting.signed_off_actions.all()) == [saved]
    assert "minute 5.2" in saved.updates.get(signed_off=True).note


def test_a_sign_off_without_a_meeting_is_refused(action, officer, board_member):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    with pytest.raises(DomainError, match="Choose the board meeting") as refused:
        services.sign_off_action(action=action, by=board_member, expected_version=2)
    assert refused.value.field == "meeting"
    assert not Action.objects.get(pk=action.pk).is_signed_off


def test_a_sign_off_at_another_councils_meeting_is_refused(action, officer, board_member, nelincs):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    elsewhere = BoardMeetingFactory(council=nelincs)
    with pytest.raises(DomainError, match="council's own board"):
        services.sign_off_action(
            action=action, by=board_member, meeting=elsewhere, expected_version=2
        )
    assert not Action.objects.get(pk=action.pk).is_signed_off


def test_a_sign_off_at_a_meeting_not_yet_held_is_refused(action, officer, board_member, leicester):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    ahead = BoardMeetingFactory(
        council=leicester, held_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    with pytest.raises(DomainError, match="in the future"):
        services.sign_off_action(action=action, by=board_member, meeting=ahead, expected_version=2)


def test_leaving_complete_withdraws_the_meeting_too(action, officer, board_member, meeting):
    update(action, officer, status="complete", stage="completed", evidence_of_output="Minutes")
    services.sign_off_action(
        action=action, by=board_member, meeting=meeting, minute="5.2", expected_version=2
    )
    update(action, officer, status="on_track", stage="impact", note="Reopened")
    saved = Action.objects.get(pk=action.pk)
    assert (saved.signed_off_meeting, saved.sign_off_minute) == (None, "")
    assert not meeting.signed_off_actions.exists()


# Named leads


def test_a_named_lead_with_a_role_in_the_area_is_kept(leicester, make_user):
    plan = PlanFactory(council=leicester)
    dco = make_user("health_partner", council=leicester, job_title="Designated Clinical Officer")
    action = services.add_action(
        plan=plan, ref="1.1", description="Health needs in EHCPs", lead_users=[dco]
    )
    assert list(action.lead_users.all()) == [dco]
    assert action.lead_titles == ["Designated Clinical Officer"]
    assert action.led_by(dco)


def test_a_named_lead_with_no_role_in_the_area_is_refused(leicester, nelincs, make_user):
    plan = PlanFactory(council=leicester)
    elsewhere = make_user("health_partner", council=nelincs, job_title="ICB officer")
    with pytest.raises(DomainError, match="must have a role in Leicester") as refused:
        services.add_action(plan=plan, ref="1.1", description="Health", lead_users=[elsewhere])
    assert refused.value.field == "lead_users"
    assert not Action.objects.filter(plan=plan).exists()


def test_an_action_needs_a_lead_of_one_kind_or_the_other(leicester):
    plan = PlanFactory(council=leicester)
    with pytest.raises(DomainError, match="Enter the leads") as refused:
        services.add_action(plan=plan, ref="1.1", description="Health")
    assert refused.value.field == "leads"


def test_changing_named_leads_checks_the_area_and_keeps_the_free_text(
    leicester, nelincs, make_user, officer
):
    plan = PlanFactory(council=leicester)
    action = services.add_action(plan=plan, ref="1.1", description="x", leads="Parent carer forum")
    dco = make_user("health_partner", council=leicester, job_title="Designated Clinical Officer")
    services.update_action_details(
        action=action, by=officer, expected_version=action.version, lead_users=[dco]
    )
    assert list(action.lead_users.all()) == [dco]
    assert action.lead_titles == ["Designated Clinical Officer", "Parent carer forum"]
    stranger = make_user("council_officer", council=nelincs)
    with pytest.raises(DomainError, match="must have a role"):
        services.update_action_details(
            action=action, by=officer, expected_version=action.version, lead_users=[stranger]
        )
    assert list(Action.objects.get(pk=action.pk).lead_users.all()) == [dco]
