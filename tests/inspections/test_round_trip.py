"""A plan exported from its page imports back unchanged: XLSX and CSV, through the
real export (the plan page's ?export=) and the real import pages."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections import services
from inspections.models import Action, ActionMilestone, StatusUpdate
from tests.inspections.factories import AreaFactory, InspectionFactory, PlanFactory
from tests.inspections.plan_files import seed_docx

pytestmark = pytest.mark.django_db

FUTURE = datetime.date.today() + datetime.timedelta(days=60)


@pytest.fixture
def plan(leicester):
    inspection = InspectionFactory(council=leicester)
    for number in range(1, 6):
        AreaFactory(inspection=inspection, number=number, title=f"Area {number} of 2018")
    return PlanFactory(council=leicester, inspection=inspection, title="APP")


def import_file(client, plan, name, data, **fields):
    url = reverse("inspections:plan-import", args=[plan.council.slug, plan.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, data), **fields})
    assert response.status_code == 302, response.context["form"].errors
    preview = client.get(response["Location"])
    digest = preview.context["form"].initial["digest"]
    done = client.post(response["Location"], {"digest": digest}, follow=True)
    assert done.status_code == 200
    return preview


def state(plan):
    """Everything an import could change, as plain values."""
    actions = [
        (
            a.ref,
            a.area_id,
            a.description,
            a.leads,
            a.progress,
            a.evidence_of_output,
            a.evidence_of_impact,
            a.status,
            a.stage,
            a.status_reason,
            a.recovery_date,
            a.signed_off_at is not None,
            a.reason_needed,
            a.version,
        )
        for a in Action.objects.filter(plan=plan).order_by("ref")
    ]
    milestones = sorted(
        ActionMilestone.objects.filter(action__plan=plan).values_list(
            "action__ref", "kind", "due_on", "description"
        )
    )
    return actions, milestones, StatusUpdate.objects.filter(action__plan=plan).count()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_plan_exported_from_its_page_imports_back_unchanged(client, officer, plan, fmt):
    client.force_login(officer)
    # A real plan: seed 002's APP (sub-areas, several milestones, sign-offs), then an
    # officer's delay with its reason, and a description a spreadsheet would run.
    import_file(client, plan, "app.docx", seed_docx(), split_area=4)
    action = plan.actions.order_by("position").first()
    services.update_action_status(
        action=action,
        by=officer,
        status="major_delay",
        stage="action",
        reason="=Staff shortage, -2 posts",
        recovery_date=FUTURE,
        expected_version=action.version,
    )
    before = state(plan)
    plan.council.refresh_from_db()
    version = plan.council.data_version

    exported = client.get(plan.get_absolute_url(), {"export": fmt})
    assert exported.status_code == 200
    data = b"".join(exported.streaming_content) if exported.streaming else exported.content
    preview = import_file(client, plan, f"plan.{fmt}", data)

    rows = preview.context["prepared"].rows
    changed = [(r.ref, r.changes) for r in rows if r.kind != "unchanged"]
    assert changed == []
    assert preview.context["counts"]["unchanged"] == len(before[0]) == 12
    assert preview.context["counts"]["update"] == preview.context["counts"]["create"] == 0
    assert state(plan) == before
    plan.council.refresh_from_db()
    assert plan.council.data_version == version  # nothing written at all
