"""The plan export: the importer's contract, read back with openpyxl and csv."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections import exports
from inspections.models import Action, ActionMilestone
from sendtracker.core.imports.reader import read_table
from sendtracker.core.status import HEX, StatusKey
from tests.export_helpers import as_dicts, body, export_url, read_csv, read_xlsx, values
from tests.factories import UserFactory

from .factories import (
    AreaFactory,
    InspectionFactory,
    PlanFactory,
    plan_through_services,
    plan_with_actions,
)

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Ref",
    "Area",
    "Action",
    "Lead(s)",
    "Progress",
    "Evidence – output",
    "Action milestone",
    "Evidence – impact",
    "Impact milestone(s)",
    "Stage",
    "Status",
    "Reason for delay",
    "Recovery date",
    "Board status",
]
RECOVERY = datetime.date(2027, 1, 15)


@pytest.fixture
def plan(leicester):
    inspection = InspectionFactory(council=leicester)
    ehcp = AreaFactory(inspection=inspection, number=2, title="The poor quality of EHC plans")
    plan = PlanFactory(council=leicester, inspection=inspection, status_key=StatusKey.GREY_YELLOW)
    sub = AreaFactory(inspection=inspection, parent=ehcp, plan=plan, number=1, title="Audits")
    lead = UserFactory(job_title="Designated Clinical Officer")
    delayed = Action.objects.create(
        plan=plan,
        area=ehcp,
        ref="2.1",
        position=1,
        description="=1+1 Review every plan",
        leads="Head of SEND; Designated Clinical Officer; Parent carer forum",
        progress="- audit started\n- 40 plans read",
        evidence_of_output="Audit report",
        evidence_of_impact="@parents say plans improved",
        status="major_delay",
        stage="evidence",
        status_reason="New system late",
        recovery_date=RECOVERY,
    )
    delayed.lead_users.add(lead)
    ActionMilestone.objects.bulk_create(
        [
            ActionMilestone(action=delayed, kind="action", due_on=datetime.date(2022, 3, 31)),
            ActionMilestone(
                action=delayed,
                kind="action",
                due_on=datetime.date(2021, 12, 31),
                description="Audit tool agreed",
            ),
            ActionMilestone(
                action=delayed,
                kind="impact",
                due_on=datetime.date(2023, 6, 30),
                description="80% of plans good",
            ),
        ]
    )
    board = UserFactory()
    Action.objects.create(
        plan=plan,
        area=sub,
        ref="2.1.1",
        position=2,
        description="Train caseworkers",
        status="complete",
        stage="completed",
        signed_off_by=board,
        signed_off_at=timezone.now(),
    )
    Action.objects.create(plan=plan, ref="9", position=3, description="No area", status="on_track")
    return plan


def url(plan, fmt, **params):
    return export_url(plan.get_absolute_url(), fmt, **params)


def test_plan_xlsx_has_the_contract_headings_and_values(client, officer, plan):
    client.force_login(officer)
    response = client.get(url(plan, "xlsx"))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    today = timezone.localdate().isoformat()
    assert disposition == f'attachment; filename="leicester-plan-{plan.pk}-actions-{today}.xlsx"'
    sheet = read_xlsx(response)
    rows = values(sheet)
    assert list(rows[0]) == HEADINGS
    first, second, third = as_dicts(rows)
    assert first["Ref"] == "2.1"
    assert first["Area"] == "2. The poor quality of EHC plans"
    assert first["Action"] == "=1+1 Review every plan"
    assert first["Lead(s)"] == ("Designated Clinical Officer; Head of SEND; Parent carer forum")
    assert first["Progress"] == "- audit started\n- 40 plans read"
    assert first["Action milestone"] == "31/12/2021 – Audit tool agreed\n31/03/2022"
    assert first["Impact milestone(s)"] == "30/06/2023 – 80% of plans good"
    assert first["Stage"] == "Evidence"
    assert first["Status"] == "Major delay"
    assert first["Reason for delay"] == "New system late"
    assert first["Recovery date"] == datetime.datetime(2027, 1, 15)
    assert first["Board status"] is None
    assert second["Area"] == "2.1. Audits"
    assert second["Board status"] == "Signed off"
    assert second["Status"] == "Complete"
    assert third["Area"] is None and third["Action milestone"] is None


def test_plan_xlsx_is_made_for_people(client, officer, plan):
    client.force_login(officer)
    sheet = read_xlsx(client.get(url(plan, "xlsx")))
    assert sheet.freeze_panes == "A2"
    assert sheet.title == "Actions"
    assert all(cell.font.bold for cell in sheet[1])
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    assert 8 <= widths["A"] < widths["C"] <= 60
    recovery = sheet["M2"]
    assert recovery.is_date and recovery.number_format == "dd/mm/yyyy"
    # The plan's status key (Leicester's: a major delay is red, complete is grey), with
    # the word in the cell.
    assert sheet["K2"].value == "Major delay"
    assert sheet["K2"].fill.fgColor.rgb.endswith(HEX["Red"][0])
    assert sheet["K3"].fill.fgColor.rgb.endswith(HEX["Grey"][0])
    assert sheet["G2"].alignment.wrap_text
    # Text a spreadsheet would run is text, quote-prefixed, and reads back unchanged.
    for ref in ("C2", "E2", "H2"):
        assert sheet[ref].data_type == "s" and sheet[ref].quotePrefix
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_plan_csv_is_utf8_with_iso_dates_and_neutralised_text(client, officer, plan):
    client.force_login(officer)
    rows = read_csv(client.get(url(plan, "csv")))
    assert rows[0] == HEADINGS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Action"] == "'=1+1 Review every plan"
    assert first["Progress"] == "'- audit started\n- 40 plans read"
    assert first["Evidence – impact"] == "'@parents say plans improved"
    assert first["Recovery date"] == "2027-01-15"
    assert first["Status"] == "Major delay"


def test_plan_xlsx_reads_back_unchanged(client, officer, plan):
    """Round trip: what the core import reader reads from the export is what is stored."""
    client.force_login(officer)

    class Upload:
        name = "plan.xlsx"

        def __init__(self, data):
            self.data, self.size = data, len(data)

        def read(self):
            return self.data

    table = read_table(Upload(body(client.get(url(plan, "xlsx")))))
    assert table.headers == HEADINGS
    # A row's empty cells at its end are not read: they are blank.
    read = {
        cells[0]: dict(zip(HEADINGS, cells + [""] * len(HEADINGS), strict=False))
        for _, cells in table.rows
    }
    for action in Action.objects.filter(plan=plan).prefetch_related("milestones", "lead_users"):
        row = read[action.ref]
        assert row["Action"] == action.description
        assert row["Progress"] == action.progress.strip()
        assert row["Evidence – output"] == action.evidence_of_output
        assert row["Evidence – impact"] == action.evidence_of_impact
        assert row["Reason for delay"] == action.status_reason
        assert row["Status"] == action.get_status_display()
        assert row["Stage"] == action.get_stage_display()
        assert row["Lead(s)"].split("; ") == (action.lead_titles or [""])
        assert row["Recovery date"] == (
            action.recovery_date.isoformat() if action.recovery_date else ""
        )
        milestones = {
            kind: sorted(
                (m.due_on, m.description) for m in action.milestones.all() if m.kind == kind
            )
            for kind in ("action", "impact")
        }
        for kind, heading in (("action", "Action milestone"), ("impact", "Impact milestone(s)")):
            parsed = []
            for line in filter(None, row[heading].split("\n")):
                day, _, description = line.partition(" – ")
                parsed.append((datetime.datetime.strptime(day, "%d/%m/%Y").date(), description))
            assert parsed == milestones[kind]


def test_export_follows_the_pages_filters_across_every_page(client, officer, leicester):
    big = plan_with_actions(120, council=leicester)
    client.force_login(officer)
    rows = values(read_xlsx(client.get(url(big, "xlsx"))))
    assert len(rows) == 121  # every action, not the page's fifty
    rows = values(read_xlsx(client.get(url(big, "xlsx", status="complete", page="2"))))
    assert len(rows) == 41
    assert {row[10] for row in rows[1:]} == {"Complete"}
    rows = read_csv(client.get(url(big, "csv", sort="updated", status=["on_track", "complete"])))
    assert len(rows) == 81


def test_plan_page_links_to_its_downloads_with_its_filters(client, officer, plan):
    client.force_login(officer)
    page = client.get(plan.get_absolute_url(), {"status": "major_delay", "page": "1"})
    html = page.content.decode()
    assert "?status=major_delay&amp;export=csv" in html
    assert "?status=major_delay&amp;export=xlsx" in html


def test_another_councils_officer_gets_a_404(client, nelincs_officer, plan, nelincs):
    client.force_login(nelincs_officer)
    assert client.get(url(plan, "xlsx")).status_code == 404
    # Their own council's slug with Leicester's plan id: no such plan there.
    forged = f"/councils/{nelincs.slug}/plans/{plan.pk}/"
    assert client.get(export_url(forged, "csv")).status_code == 404


def test_signed_out_and_unknown_formats(client, officer, plan):
    assert client.get(url(plan, "csv")).status_code == 302  # to sign in
    client.force_login(officer)
    assert client.get(url(plan, "pdf")).status_code == 404


def test_plan_export_queries_do_not_grow_with_the_plan(client, officer, leicester):
    small, large = plan_with_actions(2, council=leicester), plan_with_actions(90, council=leicester)
    for action in large.actions.all()[:30]:
        action.lead_users.add(officer)
    client.force_login(officer)

    def count(plan):
        address = url(plan, "xlsx", sort="due")
        with CaptureQueriesContext(connection) as queries:
            assert len(values(read_xlsx(client.get(address)))) > 1
        return len(queries)

    assert count(large) == count(small)


def test_export_heading_list_is_the_contract():
    assert [c.title for c in exports.ACTION_COLUMNS] == HEADINGS == exports.HEADINGS


def test_plans_list_downloads_the_users_plans_with_their_counts(client, officer, plan, nelincs):
    plan_with_actions(3, council=nelincs)  # another council's: not the officer's
    client.force_login(officer)
    home = reverse("inspections:home")
    assert 'href="?export=csv"' in client.get(home).content.decode()
    response = client.get(export_url(home, "xlsx"))
    assert "improvement-plans-" in response["Content-Disposition"]
    rows = as_dicts(values(read_xlsx(response)))
    assert [(r["Council"], r["Plan"]) for r in rows] == [("Leicester", plan.title)]
    assert rows[0]["Actions"] == 3
    assert (rows[0]["Major delay"], rows[0]["Complete"], rows[0]["On track"]) == (1, 1, 1)
    assert rows[0]["Not started"] == 0


def test_plan_exception_report_downloads_delayed_actions_worst_first(client, officer, leicester):
    plan = plan_through_services(leicester)
    client.force_login(officer)
    page = reverse("inspections:plan-exceptions", args=[leicester.slug, plan.pk])
    assert 'href="?export=csv"' in client.get(page).content.decode()
    response = client.get(export_url(page, "xlsx"))
    assert f"leicester-plan-{plan.pk}-exceptions-" in response["Content-Disposition"]
    sheet = read_xlsx(response)
    rows = as_dicts(values(sheet))
    assert [r["Status"] for r in rows] == ["Major delay"] * 2 + ["Minor delay"] * 3
    assert rows[0]["Reason for delay"] == "Waiting for the new case management system"
    assert rows[0]["Area"].startswith(("1. ", "2. ", "3. "))
    assert isinstance(rows[0]["Recovery date"], datetime.datetime)
    assert sheet["D2"].fill.fgColor.rgb.endswith(HEX["Red"][0])


def test_plan_exception_report_export_is_scoped(client, nelincs_officer, leicester):
    plan = plan_through_services(leicester)
    client.force_login(nelincs_officer)
    page = reverse("inspections:plan-exceptions", args=[leicester.slug, plan.pk])
    assert client.get(export_url(page, "csv")).status_code == 404


def test_plans_list_download_follows_the_tables_sort(client, officer, leicester):
    PlanFactory(council=leicester, inspection=None, title="Alpha plan", kind="local")
    PlanFactory(council=leicester, inspection=None, title="Zulu plan", kind="local")
    client.force_login(officer)
    home = reverse("inspections:home")
    titles = [
        r["Plan"] for r in as_dicts(read_csv(client.get(export_url(home, "csv", sort="-title"))))
    ]
    assert titles == ["Zulu plan", "Alpha plan"]
