"""The plan import read row by row: the preview keeps the file, not its rows; the
preview page lists the first rows of each kind and counts the rest; confirming reads
the file again and saves all of it or nothing; a used or stale preview is refused."""

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections import imports, services
from inspections.models import Action, ImprovementPlan
from sendtracker.core.errors import DomainError
from sendtracker.core.imports import iter_table
from sendtracker.core.imports.preview import SESSION_KEY
from sendtracker.core.models import ImportUpload
from sendtracker.core.status import Status
from tests.inspections.factories import AreaFactory, InspectionFactory, PlanFactory
from tests.inspections.plan_files import csv_text, export_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(leicester):
    inspection = InspectionFactory(council=leicester)
    for number in range(1, 4):
        AreaFactory(inspection=inspection, number=number)
    return PlanFactory(council=leicester, inspection=inspection, title="APP")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def plan_file(n: int, *, leads: str = "Head of SEND") -> bytes:
    rows = [
        export_row(f"{i // 100 + 1}.{i % 100 + 1}", f"Action {i}", leads=leads) for i in range(n)
    ]
    return csv_text(rows).encode()


def upload(client, plan, data, name="p.csv"):
    url = reverse("inspections:plan-import", args=[plan.council.slug, plan.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"]


def digest_of(client, location) -> str:
    return client.get(location).context["form"].initial["digest"]


def test_the_session_keeps_the_files_id_not_its_rows(officer_client, plan):
    upload(officer_client, plan, plan_file(3))
    (preview,) = officer_client.session[SESSION_KEY].values()
    assert "rows" not in preview
    assert ImportUpload.objects.get(pk=preview["upload"]).filename == "p.csv"


def test_preview_lists_the_first_rows_of_each_kind_and_counts_the_rest(officer_client, plan):
    location = upload(officer_client, plan, plan_file(imports.SHOWN + 5))
    page = officer_client.get(location)
    assert page.context["counts"]["create"] == imports.SHOWN + 5
    assert len(page.context["prepared"].of("create")) == imports.SHOWN
    body = page.content.decode()
    assert f"has {imports.SHOWN + 5} actions and no problems" in body
    assert "and 5 more actions to create." in body
    done = officer_client.post(location, {"digest": digest_of(officer_client, location)})
    assert done.status_code == 302
    assert plan.actions.count() == imports.SHOWN + 5
    assert not ImportUpload.objects.exists()  # used: deleted


def test_confirming_twice_or_after_the_plan_changed_is_refused(officer_client, officer, plan):
    location = upload(officer_client, plan, plan_file(2))
    digest = digest_of(officer_client, location)
    officer_client.post(location, {"digest": digest})
    again = officer_client.post(location, {"digest": digest})
    assert "has expired or has already been used" in again.content.decode()
    assert plan.actions.count() == 2

    location = upload(officer_client, plan, plan_file(3))
    digest = digest_of(officer_client, location)
    action = plan.actions.get(ref="1.1")
    services.update_action_status(
        action=action,
        by=officer,
        status=Status.ON_TRACK,
        stage=action.stage,
        expected_version=action.version,
    )
    stale = officer_client.post(location, {"digest": digest})
    assert "The records changed after you previewed this file" in stale.content.decode()
    assert plan.actions.count() == 2


def test_every_problem_is_counted_though_only_the_first_rows_are_listed(
    officer_client, plan, monkeypatch
):
    from sendtracker.core.imports import spec

    monkeypatch.setattr(spec, "MAX_ERROR_ROWS", 3)
    url = reverse("inspections:plan-import", args=[plan.council.slug, plan.pk])
    response = officer_client.post(
        url, {"file": SimpleUploadedFile("p.csv", plan_file(30, leads=""))}
    )
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith("The file has 30 problems. Nothing has been saved")
    assert "Row 2: Enter the lead(s) of a new action" in errors
    body = response.content.decode()
    assert "These are the first 3 rows with problems; the file has 30 problems in all" in body
    assert not Action.objects.exists() and not ImportUpload.objects.exists()


def rows_of(data: bytes):
    plan_spec = imports.spec()
    return plan_spec.stream(
        iter_table(
            SimpleUploadedFile("p.csv", data), is_header=plan_spec.is_header, **imports.READ_OPTIONS
        )
    )


def test_a_row_failing_late_rolls_back_every_batch_already_written(officer, leicester, plan):
    rows = [export_row(f"1.{i}", f"Action {i}") for i in range(1, 6)]
    rows.append(export_row("1.9", "No lead", leads=""))  # refused: a new action needs its leads
    target = imports.target_for(leicester, {"kind": "app"}, None)
    target.inspection = plan.inspection
    with pytest.raises(DomainError, match="Row 7 of the file no longer passes its checks"):
        services.import_plan_rows(
            council=leicester,
            by=officer,
            rows=rows_of(csv_text(rows).encode()),
            target=target,
            filename="p.csv",
            plan_values={"kind": "app", "title": "New", "inspection": plan.inspection},
            batch=2,
        )
    assert not ImprovementPlan.objects.filter(title="New").exists()
    assert not Action.objects.exists()


def test_saving_rows_as_read_holds_memory_flat_in_the_rows(officer, leicester, plan):
    """Peak memory of comparing and saving 4x the rows stays under 1.5x (tracemalloc)."""
    peaks = []
    for n in (50, 300, 1200):  # the first run only warms up (imports, caches)
        data = plan_file(n)
        tracemalloc.start()
        services.import_plan_rows(
            council=leicester,
            by=officer,
            rows=rows_of(data),
            target=imports.Target.of(plan),
            filename="p.csv",
            plan=plan,
            batch=100,
        )
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        plan.actions.all().delete()
    assert peaks[2] < 1.5 * peaks[1], peaks
