"""Plan import in Chromium: an officer imports seed 002's APP as a Word table, reads the
preview, confirms and sees the plan and its BRAG page; the same file again changes
nothing; the same table as a spreadsheet with fill colours updates the statuses; a bad
file gets its message."""

import pytest

from inspections.models import Action, ImprovementPlan
from sendtracker.core import demo
from sendtracker.core.models import Council
from tests.inspections.factories import AreaFactory, InspectionFactory
from tests.inspections.plan_files import export_row, seed_docx, seed_xlsx, xlsx

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inspection(transactional_db):
    demo.load()
    inspection = InspectionFactory(council=Council.objects.get(dfe_la_code=856))
    for number in range(1, 6):
        AreaFactory(inspection=inspection, number=number)
    return inspection


def upload(page, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    page.get_by_label("Upload the plan").set_input_files(str(path))
    page.get_by_role("button", name="Preview import").click()


def test_officer_imports_the_app_from_word_then_excel(browser_page, inspection, tmp_path):
    page = browser_page
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit("/councils/leicester/plans/")
    page.get_by_role("link", name="Import a plan from a file").click()
    page.assert_accessible()
    page.get_by_label("Accelerated Progress Plan").check()
    page.get_by_label("Title").fill("Accelerated Progress Plan: Area 4 (imported)")
    page.get_by_label("Inspection").select_option(str(inspection.pk))
    page.get_by_label("Area the plan splits into sub-areas (optional)").fill("4")
    upload(page, tmp_path, "app.docx", seed_docx())

    assert page.get_by_role("heading", name="Check the plan before importing").is_visible()
    summary = page.locator(".govuk-summary-list").inner_text()
    assert "Actions to create\n12" in summary.replace("\t", "\n")
    assert "Lead (Governance)" in page.content()
    page.assert_accessible()
    page.screenshot_to("plan-import-preview")
    page.get_by_role("button", name="Create the plan").click()
    assert page.get_by_text(
        "Plan imported: 12 actions created, 0 updated, 0 unchanged."
    ).is_visible()
    plan = ImprovementPlan.objects.get(title="Accelerated Progress Plan: Area 4 (imported)")
    assert plan.actions.count() == 12
    page.visit(plan.get_absolute_url() + "brag/")
    assert "4.1" in page.content()
    page.assert_accessible()

    # The same file again: nothing to change.
    page.visit(plan.get_absolute_url())
    page.get_by_role("link", name="Import changes from a file").click()
    upload(page, tmp_path, "app.docx", seed_docx())
    assert page.get_by_text("Importing this file changes nothing").is_visible()
    page.get_by_role("button", name="Import changes").click()
    assert page.get_by_text("Nothing changed: the plan already matches the file.").is_visible()

    # The same table as a spreadsheet whose Status cells are coloured.
    colours = {"1.1": "Grey", "2.1": "Green", "2.2": "Yellow", "3.1": "Red"}
    page.get_by_role("link", name="Import changes from a file").click()
    upload(page, tmp_path, "app.xlsx", seed_xlsx(colours))
    assert "Actions to update\n4" in page.locator(".govuk-summary-list").inner_text().replace(
        "\t", "\n"
    )
    page.assert_accessible()
    page.get_by_role("button", name="Import changes").click()
    assert page.get_by_text(
        "Plan imported: 0 actions created, 4 updated, 8 unchanged."
    ).is_visible()
    statuses = dict(plan.actions.values_list("ref", "status"))
    assert statuses["1.1"] == "complete" and statuses["3.1"] == "major_delay"
    assert "Reason needed" in page.content()
    page.visit(plan.get_absolute_url() + "brag/")
    page.assert_accessible()
    page.screenshot_to("plan-import-brag")

    # A file with a date that is not a date: its row and column named, nothing saved.
    page.visit(plan.get_absolute_url() + "import/")
    bad = xlsx([export_row("1.1", "Review", **{"Action milestone": "31/02/2022"})])
    upload(page, tmp_path, "bad.xlsx", bad)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Row 2: Action milestone has “31/02/2022”, which is not a real date" in summary
    assert page.get_by_text("Nothing has been saved.", exact=True).is_visible()
    page.assert_accessible()
    assert Action.objects.get(plan=plan, ref="1.1").status == "complete"


def test_import_works_without_javascript(browser_page_no_js, inspection, tmp_path):
    page = browser_page_no_js
    page.sign_in("officer@leicester.example", demo.demo_password())
    page.visit("/councils/leicester/plans/import/")
    page.get_by_label("Written Statement of Action").check()
    page.get_by_label("Title").fill("WSOA from a spreadsheet")
    page.get_by_label("Inspection").select_option(str(inspection.pk))
    rows = [export_row("2.1", "Review EHC plans", Area="2. The poor quality of EHC plans")]
    upload(page, tmp_path, "wsoa.xlsx", xlsx(rows))
    page.assert_accessible()
    page.get_by_role("button", name="Create the plan").click()
    assert page.get_by_text("Plan imported: 1 action created, 0 updated, 0 unchanged.").is_visible()
    action = Action.objects.get(plan__title="WSOA from a spreadsheet")
    assert action.area.number == 2
