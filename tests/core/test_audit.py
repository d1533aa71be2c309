"""The audit trail: what it records, and that nobody can change or delete it."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import pre_save
from django.urls import reverse
from django.utils import timezone

from sendtracker.core.audit import AuditEntryImmutable, history_for
from sendtracker.core.models import Council, RoleAssignment
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role, revoke_role, update_council_details

pytestmark = pytest.mark.django_db


def save_details(council, by, **changes):
    values = {
        "local_offer_url": council.local_offer_url,
        "send_team_email": council.send_team_email,
        "improvement_board_name": council.improvement_board_name,
        **changes,
    }
    return update_council_details(
        council=council, by=by, expected_version=council.version, **values
    )


@pytest.fixture
def council_entry(officer, leicester):
    save_details(leicester, officer, improvement_board_name="SEND Improvement Board")
    return history_for(leicester).get()


def test_updating_council_details_records_actor_time_and_before_and_after(officer, leicester):
    before = timezone.now()

    save_details(leicester, officer, send_team_email="send@leicester.gov.uk")

    entry = history_for(leicester).get()
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == officer
    assert before <= entry.timestamp <= timezone.now()
    assert entry.object_repr == "Leicester"
    assert entry.changes_dict == {"send_team_email": ["", "send@leicester.gov.uk"]}


def test_version_counter_is_not_recorded_as_a_change(officer, leicester):
    save_details(leicester, officer, improvement_board_name="SENDIB")

    assert "version" not in history_for(leicester).get().changes_dict


def test_saving_unchanged_details_writes_no_entry(officer, leicester):
    save_details(leicester, officer)

    leicester.refresh_from_db()
    assert leicester.version == 2
    assert not history_for(leicester).exists()


def test_granting_a_role_records_its_creation_by_whom(make_user, site_administrator, leicester):
    person = make_user()

    assignment = grant_role(
        user=person, role=Role.COUNCIL_OFFICER, council=leicester, by=site_administrator
    )

    entry = LogEntry.objects.get_for_object(assignment).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == site_administrator
    assert entry.changes_dict["role"][1] == Role.COUNCIL_OFFICER
    assert entry.changes_dict["council"][1] == str(leicester.pk)


def test_granting_a_role_twice_records_one_creation(make_user, site_administrator, leicester):
    person = make_user()

    for _ in range(2):
        assignment = grant_role(
            user=person, role=Role.BOARD_MEMBER, council=leicester, by=site_administrator
        )

    assert LogEntry.objects.get_for_object(assignment).count() == 1


def test_revoking_a_role_records_its_deletion_with_what_it_was(
    make_user, site_administrator, leicester
):
    person = make_user(Role.COUNCIL_OFFICER, council=leicester)
    assignment = RoleAssignment.objects.get(user=person)
    pk = assignment.pk

    revoke_role(assignment=assignment, by=site_administrator)

    entry = LogEntry.objects.get(
        content_type__model="roleassignment", object_pk=str(pk), action=LogEntry.Action.DELETE
    )
    assert entry.actor == site_administrator
    assert entry.changes_dict["role"] == [Role.COUNCIL_OFFICER, "None"]
    assert not RoleAssignment.objects.filter(pk=pk).exists()


def test_a_change_made_through_a_page_names_the_signed_in_user(client, officer, leicester):
    client.force_login(officer)

    client.post(
        reverse("council-edit", args=[leicester.slug]),
        {"improvement_board_name": "SENDIB", "version": leicester.version},
    )

    entry = history_for(leicester).get()
    assert entry.actor == officer
    assert entry.remote_addr == "127.0.0.1"


def test_a_forged_forwarded_address_is_not_recorded(client, officer, leicester, settings):
    settings.PROXY_COUNT = 1
    client.force_login(officer)

    client.post(
        reverse("council-edit", args=[leicester.slug]),
        {"improvement_board_name": "SENDIB", "version": leicester.version},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.20",
    )

    assert history_for(leicester).get().remote_addr == "198.51.100.20"


def test_a_write_after_a_service_in_the_same_request_is_still_attributed(
    officer, make_user, leicester
):
    person = make_user()
    # As AuditlogMiddleware does for each request.
    with set_actor(officer, remote_addr="192.0.2.7"):
        save_details(leicester, officer, improvement_board_name="SENDIB")
        assignment = grant_role(user=person, role=Role.BOARD_MEMBER, council=leicester)

    created = LogEntry.objects.get_for_object(assignment).get()
    assert created.actor == officer
    assert created.remote_addr == "192.0.2.7"
    assert history_for(leicester).get().remote_addr == "192.0.2.7"


def test_a_service_acting_for_someone_else_within_a_request_names_them(
    rf, officer, site_administrator, leicester
):
    from django.http import HttpResponse

    from sendtracker.core.audit import AuditMiddleware

    def view(request):
        save_details(leicester, site_administrator, improvement_board_name="SENDIB")
        return HttpResponse()

    request = rf.post("/", REMOTE_ADDR="192.0.2.9")
    request.user = officer
    AuditMiddleware(view)(request)

    entry = history_for(leicester).get()
    assert entry.actor == site_administrator  # not the request's user
    assert entry.remote_addr == "192.0.2.9"


def test_a_status_update_through_the_plan_page_names_the_officer_and_address(
    client, officer, leicester
):
    from tests.inspections.factories import ActionFactory

    action = ActionFactory(plan__council=leicester, plan__inspection__council=leicester)
    plan = action.plan
    client.force_login(officer)
    prefix = f"action-{action.pk}-"
    client.post(
        f"{plan.get_absolute_url()}actions/{action.pk}/status/",
        {prefix + "status": "on_track", prefix + "stage": "action", prefix + "version": 1},
        REMOTE_ADDR="192.0.2.44",
    )

    entry = history_for(action).first()  # newest: the factory's creation is older
    assert entry.actor == officer
    assert entry.remote_addr == "192.0.2.44"
    assert entry.changes_dict["status"] == ["not_started", "on_track"]


def test_a_service_acting_for_the_requests_own_user_reuses_the_requests_context(
    client, officer, leicester
):
    from unittest import mock

    client.force_login(officer)
    url = reverse("council-edit", args=[leicester.slug])
    with mock.patch.object(pre_save, "connect", wraps=pre_save.connect) as connect:
        client.post(url, {"improvement_board_name": "SENDIB", "version": leicester.version})

    assert connect.call_count == 1  # AuditMiddleware's, not again for the service
    entry = history_for(leicester).get()
    assert (entry.actor, entry.remote_addr) == (officer, "127.0.0.1")


def test_a_request_leaves_no_audit_signal_receivers_behind(client, officer, leicester):
    client.force_login(officer)
    url = reverse("council-edit", args=[leicester.slug])
    client.post(url, {"improvement_board_name": "First", "version": 1})
    receivers = len(pre_save.receivers)

    client.post(url, {"improvement_board_name": "Second", "version": 2})
    client.post(url, {"improvement_board_name": "Third", "version": 3})

    assert len(pre_save.receivers) == receivers


def test_a_service_called_outside_a_request_names_its_user(officer, site_administrator, leicester):
    save_details(leicester, site_administrator, improvement_board_name="SENDIB")

    entry = history_for(leicester).get()
    assert entry.actor == site_administrator
    assert entry.actor_email == site_administrator.email


def test_an_entry_cannot_be_changed_through_the_orm(council_entry):
    council_entry.object_repr = "Somewhere else"

    with pytest.raises(AuditEntryImmutable):
        council_entry.save()

    assert LogEntry.objects.get(pk=council_entry.pk).object_repr == "Leicester"


def test_an_entry_cannot_be_deleted_through_the_orm(council_entry):
    with pytest.raises(AuditEntryImmutable), transaction.atomic():
        council_entry.delete()

    assert LogEntry.objects.filter(pk=council_entry.pk).exists()


def test_entries_cannot_be_deleted_in_bulk_through_the_orm(council_entry):
    with pytest.raises(AuditEntryImmutable), transaction.atomic():
        LogEntry.objects.all().delete()

    assert LogEntry.objects.filter(pk=council_entry.pk).exists()


def test_entries_cannot_be_changed_in_bulk_through_the_orm(council_entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=council_entry.pk).update(object_repr="Somewhere else")

    assert LogEntry.objects.get(pk=council_entry.pk).object_repr == "Leicester"


def test_database_refuses_a_raw_update_of_an_entry(council_entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE auditlog_logentry SET changes_text = 'forged' WHERE id = %s",
            [council_entry.pk],
        )

    assert LogEntry.objects.get(pk=council_entry.pk).changes_text != "forged"


@pytest.mark.postgresql
def test_database_refuses_a_raw_delete_of_an_entry(council_entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM auditlog_logentry WHERE id = %s", [council_entry.pk])

    assert LogEntry.objects.filter(pk=council_entry.pk).exists()


def test_deleting_a_user_keeps_their_entries_and_their_email(council_entry, officer):
    email = officer.email
    officer.delete()

    entry = LogEntry.objects.get(pk=council_entry.pk)
    assert entry.actor is None
    assert entry.actor_email == email
    assert entry.changes_dict == council_entry.changes_dict


def test_admin_shows_entries_read_only_to_site_administrators(
    client, site_administrator, council_entry
):
    from django.contrib import admin

    model_admin = admin.site._registry[LogEntry]
    client.force_login(site_administrator)
    request = client.get(reverse("admin:auditlog_logentry_changelist")).wsgi_request

    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 200
    assert model_admin.has_view_permission(request, council_entry)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, council_entry)
    assert not model_admin.has_delete_permission(request, council_entry)


def test_admin_refuses_to_delete_an_entry(client, site_administrator, council_entry):
    client.force_login(site_administrator)
    url = reverse("admin:auditlog_logentry_delete", args=[council_entry.pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == 403
    assert LogEntry.objects.filter(pk=council_entry.pk).exists()


def test_admin_refuses_to_delete_entries_in_bulk(client, site_administrator, council_entry):
    client.force_login(site_administrator)

    client.post(
        reverse("admin:auditlog_logentry_changelist"),
        {"action": "delete_selected", "_selected_action": [council_entry.pk], "post": "yes"},
    )

    assert LogEntry.objects.filter(pk=council_entry.pk).exists()


def test_admin_refuses_to_change_an_entry(client, site_administrator, council_entry):
    client.force_login(site_administrator)
    url = reverse("admin:auditlog_logentry_change", args=[council_entry.pk])

    response = client.post(url, {"object_repr": "Somewhere else", "action": 2})

    assert response.status_code == 403
    assert LogEntry.objects.get(pk=council_entry.pk).object_repr == "Leicester"


def test_even_a_superuser_cannot_delete_an_entry_in_the_admin(client, make_user, council_entry):
    superuser = make_user(Role.SITE_ADMINISTRATOR, is_superuser=True, is_staff=True)
    client.force_login(superuser)

    response = client.post(
        reverse("admin:auditlog_logentry_delete", args=[council_entry.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert LogEntry.objects.filter(pk=council_entry.pk).exists()


def test_council_history_page_lists_the_changes_newest_first(client, officer, leicester):
    save_details(leicester, officer, improvement_board_name="First board name")
    leicester.refresh_from_db()
    save_details(leicester, officer, improvement_board_name="Second board name")
    client.force_login(officer)

    response = client.get(reverse("council-history", args=[leicester.slug]))

    content = response.content.decode()
    assert response.status_code == 200
    newest, oldest = response.context["entries"]
    assert newest.changes_dict["improvement_board_name"][1] == "Second board name"
    assert oldest.changes_dict["improvement_board_name"][1] == "First board name"
    assert officer.email in content
    assert '<del>First board name</del> <span class="govuk-visually-hidden">to </span>' in content
    assert "<ins>Second board name</ins>" in content


def test_council_history_page_is_paginated(client, officer, leicester):
    for number in range(30):
        save_details(leicester, officer, improvement_board_name=f"Board {number}")
        leicester.refresh_from_db()
    client.force_login(officer)
    url = reverse("council-history", args=[leicester.slug])

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert first.context["page"].paginator.count == 30
    assert len(first.context["entries"]) == 25
    assert len(second.context["entries"]) == 5
    assert "<ins>Board 29</ins>" in first.content.decode()
    assert "<ins>Board 0</ins>" in second.content.decode()
    assert 'aria-label="Page 2"' in first.content.decode()


def test_history_page_does_not_list_another_councils_changes(client, officer, leicester):
    nottingham = Council.objects.get(dfe_la_code=892)
    save_details(nottingham, officer, improvement_board_name="Nottingham board")
    client.force_login(officer)

    response = client.get(reverse("council-history", args=[leicester.slug]))

    assert "Nottingham board" not in response.content.decode()


def test_register_app_records_every_model_of_the_app_but_those_left_out(monkeypatch):
    from django.apps import apps

    from sendtracker.core import audit

    registered = []
    monkeypatch.setattr(audit, "register", lambda model, **options: registered.append(model))
    programmes = apps.get_app_config("programmes")
    left_out = programmes.get_model("Risk")

    audit.register_app(programmes, exclude=[left_out])

    assert set(registered) == set(programmes.get_models()) - {left_out}
    assert registered


def test_history_leaves_out_related_managers_and_audits_own_columns_only(db):
    from types import SimpleNamespace

    from inspections.models import Action
    from sendtracker.core.audit import named_changes

    old = SimpleNamespace(
        changes_display_dict={
            "milestones": ["None", "inspections.ActionMilestone.None"],
            "ref": ["None", "1.1"],
        }
    )
    assert named_changes(old) == [("ref", ["None", "1.1"])]
    from auditlog.registry import auditlog

    tracked = auditlog.get_model_fields(Action)["include_fields"]
    assert "milestones" not in tracked and "ref" in tracked
