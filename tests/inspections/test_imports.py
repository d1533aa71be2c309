"""The improvement plan import: seed 002's APP as a Word table and a spreadsheet,
re-imports that change nothing or only what was edited, and every bad file refused
with its message and nothing saved."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections import services
from inspections.models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    ImprovementPlan,
    StatusUpdate,
)
from sendtracker.core.status import Status
from tests.inspections.factories import AreaFactory, InspectionFactory, PlanFactory
from tests.inspections.plan_files import csv_text, export_row, seed_docx, xlsx

pytestmark = pytest.mark.django_db

SEED_REFS = ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "4.1"]


@pytest.fixture
def inspection(leicester):
    inspection = InspectionFactory(council=leicester)
    for number in range(1, 6):
        AreaFactory(inspection=inspection, number=number, title=f"Area {number} of 2018")
    return inspection


@pytest.fixture
def plan(leicester, inspection):
    return PlanFactory(council=leicester, inspection=inspection, title="APP")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def new_url(council):
    return reverse("inspections:plan-import-new", args=[council.slug])


def plan_url(plan):
    return reverse("inspections:plan-import", args=[plan.council.slug, plan.pk])


def post_file(client, url, name, data, **fields):
    return client.post(url, {"file": SimpleUploadedFile(name, data), **fields})


def file_errors(response) -> list[str]:
    return list(response.context["form"].errors.get("file", []))


def confirm(client, response):
    assert response.status_code == 302, file_errors(response)
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    digest = preview.context["form"].initial["digest"]
    return preview, client.post(response["Location"], {"digest": digest}, follow=True)


def test_seed_app_as_a_word_table_becomes_a_new_plan_with_its_sub_areas(
    officer_client, leicester, inspection
):
    response = post_file(
        officer_client,
        new_url(leicester),
        "app.docx",
        seed_docx(),
        kind="app",
        title="Accelerated Progress Plan: Area 4",
        inspection=inspection.pk,
        split_area=4,
    )
    preview, done = confirm(officer_client, response)
    body = preview.content.decode()
    assert "Check the plan before importing" in body
    assert preview.context["counts"]["create"] == 12
    mapping = dict(preview.context["result"].mapping)
    assert mapping["Lead (Governance)"] == "Lead(s)" and mapping["RAG rating"] == "Status"
    assert mapping["SENDIB"] == "Board status"
    assert "Plan imported: 12 actions created, 0 updated, 0 unchanged." in done.content.decode()
    plan = ImprovementPlan.objects.get(title="Accelerated Progress Plan: Area 4")
    assert list(plan.actions.values_list("ref", flat=True)) == SEED_REFS
    subs = AreaOfWeakness.objects.filter(plan=plan).order_by("number")
    assert [(s.parent.number, s.number) for s in subs] == [(4, 1), (4, 2), (4, 3), (4, 4)]
    assert subs[1].title == (
        "Young people experience delays in accessing services when they become a young adult"
    )
    first = plan.actions.get(ref="1.1")
    assert first.area == subs[0]
    assert first.description.startswith("Review local area joint commissioning strategy")
    dates = sorted(m.due_on for m in first.milestones.filter(kind="impact"))
    assert dates == [datetime.date(2021, 12, 31), datetime.date(2022, 3, 31)]
    # A row continued on the next page is one action: 3.1's action and area run on.
    assert plan.actions.get(ref="3.1").description.endswith(
        "agree and clarify the transitions processes in treatment services"
    )


def test_same_file_again_changes_nothing_and_writes_nothing(officer_client, plan):
    data = seed_docx()
    confirm(
        officer_client, post_file(officer_client, plan_url(plan), "app.docx", data, split_area=4)
    )
    counts = (Action.objects.count(), StatusUpdate.objects.count(), ActionMilestone.objects.count())
    plan.council.refresh_from_db()
    version = plan.council.plans_version
    preview, done = confirm(
        officer_client, post_file(officer_client, plan_url(plan), "app.docx", data)
    )
    assert preview.context["counts"] == {
        "create": 0,
        "update": 0,
        "unchanged": 12,
        "areas": 0,
        "reason_needed": 0,
    }
    assert "Importing this file changes nothing" in preview.content.decode()
    assert "Nothing changed: the plan already matches the file." in done.content.decode()
    plan.council.refresh_from_db()
    assert plan.council.plans_version == version
    assert counts == (
        Action.objects.count(),
        StatusUpdate.objects.count(),
        ActionMilestone.objects.count(),
    )


def officer_email(client) -> str:
    from django.contrib.auth import get_user

    return get_user(client).email


def make_xlsx(rows, fills=None):
    return xlsx(rows, fills=fills)


ROWS = [
    export_row(
        "1.1",
        "Review the strategy",
        Area="1. Joint commissioning",
        **{"Action milestone": "Dec 21"},
    ),
    export_row("1.2", "Set up a task group", Area="1. Joint commissioning"),
    export_row("2.1", "Implement the transition strategy", Area="2. Transitions"),
    export_row(
        "2.2", "Name executive leads", Area="2. Transitions", **{"Evidence – output": "Minutes"}
    ),
]


def test_xlsx_status_from_fill_colours_delays_flagged_and_sign_off_imported(officer_client, plan):
    rows = [list(r) for r in ROWS]
    rows[3][-1] = "Signed off"
    fills = {
        (0, "Status"): "Green",
        (1, "Status"): "Yellow",
        (2, "Status"): "Red",
        (3, "Status"): "Grey",
    }
    preview, _ = confirm(
        officer_client,
        post_file(officer_client, plan_url(plan), "plan.xlsx", make_xlsx(rows, fills)),
    )
    assert preview.context["counts"]["reason_needed"] == 2
    actions = {a.ref: a for a in plan.actions.all()}
    assert {ref: a.status for ref, a in actions.items()} == {
        "1.1": Status.ON_TRACK,
        "1.2": Status.MINOR_DELAY,
        "2.1": Status.MAJOR_DELAY,
        "2.2": Status.COMPLETE,
    }
    assert actions["1.2"].reason_needed and actions["2.1"].reason_needed
    signed = actions["2.2"]
    assert signed.sign_off_imported and signed.signed_off_by is None
    assert signed.signed_off_meeting is None and signed.signed_off_at is not None
    assert StatusUpdate.objects.filter(action=signed, signed_off=True).exists()
    # Written in bulk, audited as the officer who imported the file.
    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_model(Action).filter(action=LogEntry.Action.CREATE)
    assert set(entries.values_list("actor__email", flat=True)) == {officer_email(officer_client)}
    assert entries.count() == 4
    # Areas came from the file, numbered by the refs.
    assert set(plan.actions.values_list("area__number", "area__title")) >= {(1, "Area 1 of 2018")}


def test_officer_update_with_reason_and_recovery_date_clears_reason_needed(officer, plan):
    from inspections import imports

    rows = [export_row("1.1", "Review", Status="Minor delay")]
    result = imports.read(SimpleUploadedFile("p.csv", csv_text(rows).encode()))
    preview = imports.compare(imports.Target.of(plan), result.rows)
    services.import_plan(
        council=plan.council, by=officer, preview=preview, filename="p.csv", plan=plan
    )
    action = plan.actions.get()
    assert action.reason_needed and action.status_reason == ""
    services.update_action_status(
        action=action,
        by=officer,
        status=Status.MINOR_DELAY,
        stage=action.stage,
        reason="Waiting for the ICB",
        recovery_date=datetime.date.today() + datetime.timedelta(days=30),
        expected_version=action.version,
    )
    action.refresh_from_db()
    assert not action.reason_needed


def test_edited_file_changes_only_what_was_edited(officer_client, plan):
    confirm(
        officer_client, post_file(officer_client, plan_url(plan), "p.csv", csv_text(ROWS).encode())
    )
    edited = [list(r) for r in ROWS]
    edited[2][2] = "Implement the transition strategy in full"
    edited[3][10] = "On track"
    preview, _ = confirm(
        officer_client,
        post_file(officer_client, plan_url(plan), "p.csv", csv_text(edited).encode()),
    )
    assert preview.context["counts"]["update"] == 2 and preview.context["counts"]["unchanged"] == 2
    changes = {r.ref: r.changes for r in preview.context["prepared"].rows if r.kind == "update"}
    assert changes == {
        "2.1": [
            (
                "Action",
                "Implement the transition strategy",
                "Implement the transition strategy in full",
            )
        ],
        "2.2": [("Status", "Not started", "On track")],
    }
    assert plan.actions.get(ref="2.2").updates.count() == 1
    # An action left out of the file is kept, and the preview says so.
    location = post_file(officer_client, plan_url(plan), "p.csv", csv_text(edited[:3]).encode())
    preview = officer_client.get(location["Location"])
    assert preview.context["prepared"].kept == ["2.2"]
    assert "are not in the file. Importing keeps them" in preview.content.decode()


def test_export_headings_round_trip_changes_nothing(officer_client, plan):
    rows = [
        export_row(
            "1.1",
            "Review",
            Area="1. Area 1 of 2018",
            Stage="Evidence",
            Status="Major delay",
            **{
                "Reason for delay": "Staff shortage",
                "Recovery date": "31/01/2031",
                "Action milestone": "31/12/2021 – Strategy published\n31/03/2022",
                "Impact milestone(s)": "30/06/2022",
            },
        ),
        export_row(
            "1.2",
            "Sign-off",
            Status="Complete",
            **{"Board status": "Signed off", "Evidence – output": "Minutes"},
        ),
    ]
    data = xlsx(rows)
    confirm(officer_client, post_file(officer_client, plan_url(plan), "export.xlsx", data))
    action = plan.actions.get(ref="1.1")
    assert not action.reason_needed and action.recovery_date == datetime.date(2031, 1, 31)
    assert [
        (m.due_on.isoformat(), m.description) for m in action.milestones.filter(kind="action")
    ] == [
        ("2021-12-31", "Strategy published"),
        ("2022-03-31", ""),
    ]
    preview = officer_client.get(
        post_file(officer_client, plan_url(plan), "export.xlsx", data)["Location"]
    )
    assert preview.context["counts"]["unchanged"] == 2


def test_new_plan_and_existing_plan_imports_are_for_officers_only(
    client, leicester, plan, board_member, adviser, nelincs_officer
):
    for user, status in ((board_member, 403), (adviser, 403), (nelincs_officer, 404)):
        client.force_login(user)
        assert client.get(new_url(leicester)).status_code == status
        assert client.get(plan_url(plan)).status_code == status


def test_upload_pages_state_their_limits_and_are_linked(officer_client, leicester, plan):
    body = officer_client.get(new_url(leicester)).content.decode()
    assert "5MB or less" in body and "5,000 rows or fewer" in body and "50MB once unzipped" in body
    assert "macros are never run" in body
    assert plan_url(plan) in officer_client.get(plan.get_absolute_url()).content.decode()
    plans_page = reverse("inspections:council-plans", args=[leicester.slug])
    assert new_url(leicester) in officer_client.get(plans_page).content.decode()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 12_000_000)
    return out.getvalue()


def encrypted() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000


def macro_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/vbaProject.bin", b"\0" * 10)
    return out.getvalue()


BAD = [
    ("empty.xlsx", b"", "The selected file is empty"),
    ("renamed.xlsx", b"%PDF-1.7 a pdf", "another kind of file with a name ending .xlsx"),
    (
        "no-ref.xlsx",
        xlsx([["Review", "Head of SEND"]], headings=["Action", "Lead"]),
        "The file is missing the column “Ref”",
    ),
    (
        "no-action.xlsx",
        xlsx([["1.1", "Head of SEND"]], headings=["Ref", "Lead"]),
        "The file is missing the column “Action”",
    ),
    (
        "duplicates.xlsx",
        xlsx([export_row("1.1", "A"), export_row("1.1", "B")]),
        "Row 3: Ref is the same as in row 2",
    ),
    (
        "status.xlsx",
        xlsx([export_row("1.1", "A", Status="Purple")]),
        "Row 2: Status “Purple” is not a status",
    ),
    (
        "colour.xlsx",
        xlsx([export_row("1.1", "A")], fills={(0, "Status"): "7030A0"}),
        "Row 2: Status has the fill colour #7030A0, which is not a status colour",
    ),
    (
        "date.xlsx",
        xlsx([export_row("1.1", "A", **{"Action milestone": "31/02/2022"})]),
        "Row 2: Action milestone has “31/02/2022”, which is not a real date",
    ),
    ("bomb.xlsx", zip_bomb(), "expands to more than 50MB"),
    ("locked.xlsx", encrypted(), "password-protected"),
    ("macros.xlsm", macro_workbook(), "macro-enabled"),
    ("macros.xlsx", macro_workbook(), "contains macros"),
    (
        "other.docx",
        seed_docx([[[["Name"], ["Total"]], [["A"], ["1"]]]]),
        "The document has no table with the headings Ref and Action",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_with_their_message_and_nothing_saved(
    officer_client, plan, name, data, message
):
    response = post_file(officer_client, plan_url(plan), name, data)
    assert response.status_code == 200
    shown = " ".join(file_errors(response))
    if response.context.get("result"):
        shown += " ".join(response.context["result"].file_errors)
    assert message in shown
    assert "Nothing has been saved" in response.content.decode()
    assert not Action.objects.exists()


def test_windows_1252_csv_with_a_bom_is_imported(officer_client, plan):
    data = b"\xef\xbb\xbf" + csv_text(
        [export_row("1.1", "Café review", leads="Head of SEND")], delimiter=";"
    ).encode("cp1252")
    confirm(officer_client, post_file(officer_client, plan_url(plan), "p.csv", data))
    assert plan.actions.get().description == "Café review"


def test_fifty_thousand_rows_are_refused_before_anything_is_compared(officer_client, plan):
    data = csv_text([export_row(f"1.{i}", "x") for i in range(50_000)]).encode()
    response = post_file(officer_client, plan_url(plan), "big.csv", data)
    assert "more than 5,000 rows" in " ".join(file_errors(response))
    assert not Action.objects.exists()


def test_new_plan_of_a_kind_that_does_not_fit_its_inspection_is_refused_at_upload(
    officer_client, leicester, inspection
):
    response = post_file(
        officer_client,
        new_url(leicester),
        "p.csv",
        csv_text(ROWS).encode(),
        kind="priority",
        title="PAP",
        inspection=inspection.pk,
    )
    assert response.status_code == 200
    assert "A Priority Action Plan responds to a 2023 framework inspection" in " ".join(
        response.context["result"].file_errors
    )
    assert "Nothing has been saved" in response.content.decode()
    assert not ImprovementPlan.objects.exists() and not Action.objects.exists()


def test_reason_needed_and_imported_sign_off_are_shown_where_the_board_reads(officer_client, plan):
    rows = [
        export_row("1.1", "Delayed", Status="Red"),
        export_row("1.2", "Done", **{"Board status": "Signed off", "Evidence – output": "Minutes"}),
    ]
    confirm(
        officer_client, post_file(officer_client, plan_url(plan), "p.csv", csv_text(rows).encode())
    )
    delayed, done = plan.actions.get(ref="1.1"), plan.actions.get(ref="1.2")
    slug = plan.council.slug
    pages = [
        plan.get_absolute_url(),
        delayed.get_absolute_url(),
        reverse("inspections:plan-exceptions", args=[slug, plan.pk]),
        reverse("dashboards:council-exceptions", args=[slug]),
    ]
    for url in pages:
        assert "Reason needed" in officer_client.get(url).content.decode(), url
    body = officer_client.get(done.get_absolute_url()).content.decode()
    assert "Signed off (imported from file; member and meeting not recorded)" in body


def test_preview_reads_the_plan_in_a_fixed_number_of_queries(officer_client, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (5, 60):
        rows = [
            export_row(f"1.{i}", f"Action {i}", **{"Action milestone": "Dec 21"}) for i in range(n)
        ]
        data = csv_text(rows).encode()
        confirm(officer_client, post_file(officer_client, plan_url(plan), "p.csv", data))
        location = post_file(officer_client, plan_url(plan), "p.csv", data)["Location"]
        with CaptureQueriesContext(connection) as ctx:
            assert officer_client.get(location).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_spreadsheet_row_without_a_ref_is_an_error_not_a_continuation(officer_client, plan):
    rows = [export_row("1.1", "A"), export_row("", "B")]
    response = post_file(officer_client, plan_url(plan), "p.xlsx", xlsx(rows))
    assert "Row 3: Enter the ref" in " ".join(file_errors(response))
    assert not Action.objects.exists()


def test_white_fill_gives_no_status_and_keeps_the_actions(officer_client, plan):
    rows = [export_row("1.1", "A", Status="On track")]
    confirm(
        officer_client, post_file(officer_client, plan_url(plan), "p.csv", csv_text(rows).encode())
    )
    white = xlsx([export_row("1.1", "A")], fills={(0, "Status"): "FFFFFF"})
    preview = officer_client.get(
        post_file(officer_client, plan_url(plan), "p.xlsx", white)["Location"]
    )
    assert preview.context["counts"]["unchanged"] == 1
    assert plan.actions.get().status == Status.ON_TRACK
