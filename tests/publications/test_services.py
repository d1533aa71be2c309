"""Publishing a plan: the snapshot, what stays internal, versions, refusals, withdrawal."""

import pytest
from auditlog.models import LogEntry

from inspections.models import Action
from sendtracker.core.errors import DomainError, StaleEditError
from sendtracker.core.status import Status
from sendtracker.publications import render, selectors, services
from sendtracker.publications.models import Publication

from .conftest import SECRET_REASON, set_status

pytestmark = pytest.mark.django_db


def actions_of(publication):
    return {a["ref"]: a for area in publication.snapshot["areas"] for a in area["actions"]}


def test_publication_snapshots_the_plans_public_content(plan, publish, choose, leicester):
    area = plan.inspection.areas.get(number=1)
    choose(plan, summaries={area.pk: "Fewer waits for families."})
    publication = publish(plan, note="First version")
    assert (publication.version, publication.plan_number, publication.council) == (
        1,
        plan.pk,
        leicester,
    )
    snapshot = publication.snapshot
    assert snapshot["council"]["name"] == "Leicester"
    assert snapshot["title"] == plan.title
    assert snapshot["action_count"] == 14
    sections = {s["title"]: s for s in snapshot["areas"]}
    assert sections["Area of weakness 1"]["families"] == "Fewer waits for families."
    action = actions_of(publication)["1.1"]
    assert action["leads"] == ["Head of SEND Commissioning", "Head of SEND"]
    assert action["milestones"][0]["kind"] == "Action milestone"
    assert publication.changes == ["First publication of the plan."]
    assert publication.next_update_due.isoformat() == "2027-03-31"


def test_status_is_published_in_words(plan, publish):
    actions = actions_of(publish(plan))
    labels = {a["status_label"] for a in actions.values()}
    assert labels == {"Not started", "On track", "Minor delay", "Major delay", "Complete"}


def test_internal_fields_and_email_addresses_are_never_in_the_snapshot(plan, publish, lead):
    text = str(publish(plan).snapshot)
    assert SECRET_REASON not in text  # reasons for delay are internal by default
    assert lead.email not in text and "Jo Bloggs" not in text
    assert "@" not in text
    assert "Strategy agreed; ask [email address removed] for the minutes." in text


def test_a_field_the_council_makes_public_is_published(plan, publish, choose):
    choose(plan, internal=[])
    assert SECRET_REASON in str(publish(plan).snapshot)


def test_progress_made_internal_is_not_published(plan, publish, choose):
    choose(plan, internal=["progress", "status_reason"])
    assert "Strategy agreed" not in str(publish(plan).snapshot)


def test_a_new_version_lists_what_changed(plan, publish):
    publish(plan)
    action = plan.actions.get(ref="1.1")
    set_status(action, Status.COMPLETE)
    publication = publish(plan, note="Action 1.1 is done")
    assert publication.version == 2
    assert "Action 1.1: status changed from Not started to Complete." in publication.changes
    assert [entry["version"] for entry in render.change_log(publication)] == [2, 1]
    assert Publication.objects.get(plan=plan, version=1).current is False


def test_publishing_with_nothing_changed_is_refused(plan, publish):
    publish(plan)
    with pytest.raises(DomainError, match="Nothing has changed since version 1"):
        publish(plan)
    assert Publication.objects.filter(plan=plan).count() == 1


def test_a_form_opened_before_another_publication_is_refused(plan, publish, board_member):
    publish(plan)
    action = plan.actions.get(ref="1.1")
    set_status(action, Status.COMPLETE)
    with pytest.raises(StaleEditError, match="Someone published version 1"):
        services.publish_plan(plan=plan, by=board_member, expected_version=0)


def test_editing_the_plan_after_publication_changes_nothing_public(plan, publish):
    publication = publish(plan)
    before = dict(publication.snapshot)
    action = plan.actions.get(ref="1.1")
    set_status(action, Status.COMPLETE)
    plan.title = "Renamed"
    plan.save()
    publication.refresh_from_db()
    assert publication.snapshot == before
    assert selectors.public_plan("leicester", plan.pk).snapshot["title"] != "Renamed"


def test_a_publication_survives_the_deletion_of_its_plan(plan, publish):
    publication = publish(plan)
    number = plan.pk
    Action.objects.filter(plan=plan).delete()
    plan.delete()
    public = selectors.public_plan("leicester", number)
    assert public.pk == publication.pk and public.plan is None
    assert public.snapshot["action_count"] == 14


def test_withdrawal_takes_the_plan_down_and_is_audited(plan, publish, board_member):
    publication = publish(plan)
    services.withdraw_plan(plan=plan, by=board_member, expected_version=1)
    assert selectors.public_plan("leicester", plan.pk) is None
    entry = LogEntry.objects.get_for_object(publication).filter(action=LogEntry.Action.UPDATE)
    assert entry.get().actor == board_member
    assert "withdrawn_at" in entry.get().changes_dict


def test_publishing_is_audited(plan, publish, board_member):
    publication = publish(plan)
    entry = LogEntry.objects.get_for_object(publication).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == board_member
    assert "snapshot" not in entry.changes_dict


def test_withdrawing_an_unpublished_plan_is_refused(plan, board_member):
    with pytest.raises(DomainError, match="not published"):
        services.withdraw_plan(plan=plan, by=board_member, expected_version=None)


def test_a_withdrawn_plan_may_be_published_again_unchanged(plan, publish, board_member):
    publish(plan)
    services.withdraw_plan(plan=plan, by=board_member, expected_version=1)
    again = publish(plan)
    assert again.version == 2 and again.changes == ["Published again, unchanged."]
    assert selectors.public_plan("leicester", plan.pk) == again


def test_family_summaries_name_only_the_plans_areas(plan, choose, nelincs):
    from tests.inspections.factories import plan_through_services

    other = plan_through_services(nelincs, areas=1)
    with pytest.raises(DomainError, match="does not address"):
        choose(plan, summaries={other.inspection.areas.get().pk: "Elsewhere"})


def test_unknown_internal_fields_are_refused(plan, choose):
    with pytest.raises(DomainError, match="from the list"):
        choose(plan, internal=["signed_off_by"])


def test_stale_publishing_choices_are_refused(plan, choose, officer):
    choose(plan)
    with pytest.raises(StaleEditError):
        services.save_publishing_choices(
            plan=plan,
            by=officer,
            internal_fields=[],
            next_update_due=None,
            family_summaries={},
            expected_version=0,
        )


def test_the_board_lets_officers_publish(leicester, board_member):
    council = services.allow_officers_to_publish(council=leicester, by=board_member, allowed=True)
    assert council.officers_may_publish
    assert LogEntry.objects.get_for_object(leicester).filter(actor=board_member).exists()
