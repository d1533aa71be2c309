"""manage.py import_plan: the upload page's import from the command line."""

import pytest
from django.core.management import CommandError, call_command

from inspections.models import Action, ImprovementPlan
from tests.inspections.factories import AreaFactory, InspectionFactory
from tests.inspections.plan_files import csv_text, export_row, seed_docx, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(leicester):
    inspection = InspectionFactory(council=leicester)
    for number in range(1, 6):
        AreaFactory(inspection=inspection, number=number)
    return inspection


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_plan", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_prints_the_preview_and_saves_nothing(tmp_path, inspection):
    path = tmp_path / "app.docx"
    path.write_bytes(seed_docx())
    out, _ = run(
        str(path),
        "--council",
        "Leicester",
        "--kind",
        "APP",
        "--title",
        "APP",
        "--split-area",
        "4",
        "--dry-run",
    )
    assert "12 to create, 0 to update" in out
    assert "column “Lead (Governance)” → Lead(s)" in out
    assert "Dry run: nothing has been saved." in out
    assert not ImprovementPlan.objects.exists()


def test_import_then_again_changes_nothing(tmp_path, inspection):
    path = tmp_path / "app.docx"
    path.write_bytes(seed_docx())
    out, _ = run(
        str(path), "--council", "856", "--kind", "app", "--title", "APP", "--split-area", "4"
    )
    assert "Plan imported: 12 actions created" in out
    plan = ImprovementPlan.objects.get()
    assert plan.inspection == inspection and plan.actions.count() == 12
    out, _ = run(str(path), "--council", "E06000016", "--kind", "APP", "--title", "APP")
    assert "Nothing changed: the plan already matches the file." in out


def test_errors_are_printed_with_a_non_zero_exit_and_no_traceback(tmp_path, inspection):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx([export_row("1.1", "A", **{"Action milestone": "31/02/2022"})]))
    with pytest.raises(CommandError, match=r"The file has 1 problem\. Nothing has been saved"):
        run(str(path), "--council", "Leicester", "--kind", "APP", "--title", "APP")
    assert not Action.objects.exists()


def test_bad_file_and_unknown_names_are_command_errors(tmp_path, inspection):
    path = tmp_path / "renamed.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(CommandError, match="another kind of file"):
        run(str(path), "--council", "Leicester", "--kind", "APP", "--title", "APP")
    good = tmp_path / "p.csv"
    good.write_text(csv_text([export_row("1.1", "A")]))
    with pytest.raises(CommandError, match="No council is called or coded “Atlantis”"):
        run(str(good), "--council", "Atlantis", "--kind", "APP", "--title", "APP")
    with pytest.raises(CommandError, match="is not a kind of plan"):
        run(str(good), "--council", "Leicester", "--kind", "XYZ", "--title", "APP")
    with pytest.raises(CommandError, match="has no inspection a Priority Action Plan responds to"):
        run(str(good), "--council", "Leicester", "--kind", "PAP", "--title", "PAP")
