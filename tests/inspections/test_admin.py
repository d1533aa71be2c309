"""The inspections admin: site administrators look; every change goes through the services."""

import pytest
from django.urls import reverse

from inspections.models import StatusUpdate

from .factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(db):
    return ActionFactory()


def admin_urls(action):
    plan = action.plan
    return [
        reverse("admin:inspections_inspection_changelist"),
        reverse("admin:inspections_inspection_change", args=[plan.inspection_id]),
        reverse("admin:inspections_improvementplan_changelist"),
        reverse("admin:inspections_improvementplan_change", args=[plan.pk]),
        reverse("admin:inspections_action_changelist"),
        reverse("admin:inspections_action_change", args=[action.pk]),
        reverse("admin:inspections_revisit_changelist"),
    ]


def test_site_administrator_reads_inspections_plans_and_actions(client, site_administrator, action):
    client.force_login(site_administrator)

    for url in admin_urls(action):
        assert client.get(url).status_code == 200, url


def test_inspection_records_cannot_be_added_changed_or_deleted_in_the_admin(
    client, site_administrator, action
):
    client.force_login(site_administrator)

    assert client.get(reverse("admin:inspections_action_add")).status_code == 403
    response = client.post(
        reverse("admin:inspections_action_delete", args=[action.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    page = client.get(reverse("admin:inspections_action_change", args=[action.pk]))
    assert b'name="_save"' not in page.content
    assert action.__class__.objects.filter(pk=action.pk).exists()
    assert not StatusUpdate.objects.exists()


def test_officers_do_not_reach_the_inspections_admin(client, officer, action):
    client.force_login(officer)

    response = client.get(reverse("admin:inspections_action_changelist"))

    assert response.status_code == 404  # not even a sign-in page
