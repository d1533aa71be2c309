"""Importing a workstream's milestones: preview, confirm, re-import, nesting, bad files,
permissions and the round trip of the milestones export (programmes.exports)."""

import datetime

import pytest
from django.urls import reverse

from programmes import services
from programmes.models import Milestone, MilestoneUpdate, Progress
from tests.import_helpers import (
    audit_entries,
    confirm,
    file_errors,
    preview,
    row_errors,
    upload,
    xlsx,
)

from . import factories

pytestmark = pytest.mark.django_db
D = datetime.date
HEADINGS = [
    "ID",
    "Parent",
    "Level",
    "Ref",
    "Milestone",
    "Owner",
    "Planned start",
    "Planned end",
    "Progress",
    "Completed on",
    "Status",
    "Status override",
    "Override reason",
    "Latest note",
]


@pytest.fixture
def programme(leicester):
    return factories.programme(leicester)


@pytest.fixture
def workstream(programme):
    ws = factories.workstream(programme, name="Data visibility")
    design = factories.milestone(
        ws,
        ref="1",
        title="Design phase",
        start=D(2024, 1, 1),
        end=D(2024, 3, 31),
        owner="Head of SEND",
    )
    consult = factories.milestone(
        ws,
        ref="1.1",
        title="Consult parents",
        parent=design,
        start=D(2024, 1, 8),
        end=D(2024, 2, 9),
    )
    services.update_milestone(
        milestone=consult,
        by=None,
        progress=Progress.COMPLETE,
        completed_on=D(2024, 2, 9),
        note="Forum met twice",
        expected_version=consult.version,
    )
    factories.milestone(
        ws, ref="2", title="Pilot the data set", start=D(2024, 4, 1), end=D(2024, 9, 30)
    )
    return ws


@pytest.fixture
def other_workstream(programme):
    ws = factories.workstream(programme, name="Inclusion")
    factories.milestone(ws, ref="9", title="Not in the data workstream")
    return ws


@pytest.fixture
def url(workstream):
    programme = workstream.programme
    return reverse(
        "programmes:milestone-import",
        args=[programme.council.slug, programme.pk, workstream.pk],
    )


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def ms(workstream, ref) -> Milestone:
    return Milestone.objects.get(workstream=workstream, ref=ref)


def export_rows(workstream) -> list[list]:
    """The milestones as the export writes them: each parent before its children."""
    rows = []

    def add(milestone, level):
        rows.append(
            [
                milestone.pk,
                milestone.parent_id,
                level,
                milestone.ref,
                milestone.title,
                milestone.owner,
                milestone.planned_start,
                milestone.planned_end,
                milestone.get_progress_display(),
                milestone.completed_on,
                "On track",
                milestone.get_status_override_display(),
                milestone.override_reason,
                milestone.note,
            ]
        )
        for child in Milestone.objects.filter(parent=milestone).order_by("position", "pk"):
            add(child, level + 1)

    for top in Milestone.objects.filter(workstream=workstream, parent=None).order_by("position"):
        add(top, 1)
    return rows


def as_csv(rows) -> str:
    def cell(value):
        if value is None:
            return ""
        if isinstance(value, datetime.date):
            return value.isoformat()
        return f'"{value}"' if "," in str(value) else str(value)

    return "\n".join(",".join(cell(v) for v in row) for row in [HEADINGS, *rows]) + "\n"


def test_export_round_trip_xlsx_changes_nothing(officer_client, url, workstream, leicester):
    content = xlsx([HEADINGS, *export_rows(workstream)])
    page = preview(officer_client, upload(officer_client, url, content, name="milestones.xlsx"))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 3}
    leicester.refresh_from_db()
    version, entries = leicester.programmes_version, audit_entries(Milestone).count()
    landed = confirm(officer_client, upload(officer_client, url, content, name="milestones.xlsx"))
    assert "Nothing changed: the milestones already match the file." in landed.content.decode()
    leicester.refresh_from_db()
    assert (leicester.programmes_version, audit_entries(Milestone).count()) == (version, entries)


def edited_file(workstream) -> str:
    rows = export_rows(workstream)
    pilot = next(r for r in rows if r[3] == "2")
    pilot[7] = D(2024, 10, 31)  # planned end moves
    pilot[8] = "In progress"
    pilot[13] = "Two schools signed up"
    design_id = ms(workstream, "1").pk
    rows += [
        [
            "",
            "",
            "",
            "3",
            "Roll out",
            "Head of SEND",
            D(2024, 11, 1),
            D(2025, 3, 31),
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "",
            "Ref 3",
            "",
            "3.1",
            "Train staff",
            "",
            D(2024, 11, 1),
            D(2024, 12, 20),
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", design_id, "", "1.2", "Write the spec", "", "", "", "", "", "", "", "", ""],
    ]
    return as_csv(rows)


def test_preview_counts_then_confirm_creates_nests_and_updates(
    officer_client, url, workstream, officer
):
    content = edited_file(workstream)
    page = preview(officer_client, upload(officer_client, url, content))
    assert page.context["counts"] == {"create": 3, "update": 1, "unchanged": 2}
    body = page.content.decode()
    assert "31/10/2024" in body and "Two schools signed up" in body
    assert Milestone.objects.filter(workstream=workstream).count() == 3  # nothing written yet
    landed = confirm(officer_client, upload(officer_client, url, content))
    assert "Milestones imported: 3 created, 1 updated, 2 unchanged." in landed.content.decode()
    roll_out, train, spec = ms(workstream, "3"), ms(workstream, "3.1"), ms(workstream, "1.2")
    assert (roll_out.parent, train.parent, spec.parent) == (None, roll_out, ms(workstream, "1"))
    assert roll_out.owner == "Head of SEND" and train.planned_end == D(2024, 12, 20)
    pilot = ms(workstream, "2")
    assert (pilot.planned_end, pilot.progress, pilot.note) == (
        D(2024, 10, 31),
        Progress.IN_PROGRESS,
        "Two schools signed up",
    )
    update = MilestoneUpdate.objects.get(milestone=pilot)
    assert (update.by, update.note) == (officer, "Two schools signed up")
    entries = audit_entries(Milestone, actor=officer)
    assert entries.filter(action=0).count() == 3
    assert entries.filter(action=1, object_pk=str(pilot.pk)).exists()


def test_importing_the_same_file_again_changes_nothing(officer_client, url, workstream, leicester):
    content = edited_file(workstream)
    confirm(officer_client, upload(officer_client, url, content))
    leicester.refresh_from_db()
    version = leicester.programmes_version
    page = preview(officer_client, upload(officer_client, url, content))
    # The new rows have no ID: they are found again by their Ref and title.
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 6}
    confirm(officer_client, upload(officer_client, url, content))
    leicester.refresh_from_db()
    assert leicester.programmes_version == version
    assert Milestone.objects.filter(workstream=workstream).count() == 6


def test_an_edited_file_changes_only_the_edited_row(officer_client, url, workstream):
    rows = export_rows(workstream)
    consult = next(r for r in rows if r[3] == "1.1")
    consult[4] = "Consult parents and carers"
    before = {m.pk: (m.title, m.version) for m in Milestone.objects.filter(workstream=workstream)}
    page = preview(
        officer_client, upload(officer_client, url, xlsx([HEADINGS, *rows]), name="m.xlsx")
    )
    assert page.context["counts"] == {"create": 0, "update": 1, "unchanged": 2}
    confirm(officer_client, upload(officer_client, url, xlsx([HEADINGS, *rows]), name="m.xlsx"))
    after = {m.pk: (m.title, m.version) for m in Milestone.objects.filter(workstream=workstream)}
    changed = {pk for pk in after if after[pk] != before[pk]}
    assert changed == {consult[0]}
    assert after[consult[0]][0] == "Consult parents and carers"


def test_moving_a_milestone_under_another(officer_client, url, workstream):
    rows = export_rows(workstream)
    pilot = next(r for r in rows if r[3] == "2")
    pilot[1] = ms(workstream, "1").pk
    confirm(officer_client, upload(officer_client, url, as_csv(rows)))
    assert ms(workstream, "2").parent == ms(workstream, "1")


def test_swapping_parent_and_child_is_saved_top_down(officer_client, url, workstream):
    """Consult parents moves to the top and Design phase under it: applied in the order
    of the tree after the import, no move passes through a cycle."""
    rows = export_rows(workstream)
    design = next(r for r in rows if r[3] == "1")
    consult = next(r for r in rows if r[3] == "1.1")
    design[1], consult[1] = consult[0], ""
    design[8] = consult[8] = None  # progress follows the children: left out
    confirm(officer_client, upload(officer_client, url, as_csv(rows)))
    assert ms(workstream, "1.1").parent is None
    assert ms(workstream, "1").parent == ms(workstream, "1.1")


def test_a_cycle_is_refused_and_nothing_is_saved(officer_client, url, workstream):
    rows = export_rows(workstream)
    design = next(r for r in rows if r[3] == "1")
    consult = next(r for r in rows if r[3] == "1.1")
    design[1] = consult[0]  # the design phase under its own sub-milestone
    design[4] = "Renamed"
    response = upload(officer_client, url, as_csv(rows))
    errors = row_errors(response)
    assert errors[2] == {
        "parent": "Parent makes this milestone sit under itself or one of its own sub-milestones"
    }
    assert ms(workstream, "1").title == "Design phase"
    assert ms(workstream, "1").parent is None


def test_a_foreign_or_forged_id_is_an_error_naming_the_row(
    officer_client, url, workstream, other_workstream
):
    foreign = Milestone.objects.get(workstream=other_workstream)
    content = as_csv(
        [
            [
                foreign.pk,
                "",
                "",
                "9",
                "Not in the data workstream",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            [999999, "", "", "7", "Forged", "", "", "", "", "", "", "", "", ""],
            ["", 888888, "", "8", "Under a forged parent", "", "", "", "", "", "", "", "", ""],
        ]
    )
    response = upload(officer_client, url, content)
    errors = row_errors(response)
    assert errors[2] == {
        "id": f"ID {foreign.pk} is not a milestone of this workstream: leave the ID empty for a "
        "new milestone"
    }
    assert errors[3]["id"].startswith("ID 999999 is not a milestone of this workstream")
    assert f"Row 2: ID {foreign.pk} is not a milestone" in " ".join(file_errors(response))
    assert Milestone.objects.get(pk=foreign.pk).workstream == other_workstream
    assert Milestone.objects.filter(workstream=workstream).count() == 3


def test_an_unknown_parent_is_an_error(officer_client, url, workstream):
    content = as_csv([["", "Ref 4", "", "5", "Orphan", "", "", "", "", "", "", "", "", ""]])
    errors = row_errors(upload(officer_client, url, content))
    assert errors[2] == {
        "parent": "Parent “4” is neither the ID of a milestone of this workstream nor the Ref of "
        "a new milestone in the file"
    }


def test_progress_of_a_parent_follows_its_children(officer_client, url, workstream):
    rows = export_rows(workstream)
    design = next(r for r in rows if r[3] == "1")
    design[8] = "In progress"
    errors = row_errors(upload(officer_client, url, as_csv(rows)))
    assert errors[2] == {
        "progress": "Progress of a milestone with sub-milestones follows theirs: leave it as "
        "Not started"
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("milestones.csv", b"", "The selected file is empty"),
        ("milestones.xlsx", b"ID,Milestone\n1,x\n", "this one is another kind of file"),
        (
            "milestones.csv",
            b"ID,Parent,Ref,Owner\n1,,1,Head of SEND\n",
            "The file is missing the column \u201cMilestone\u201d",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_message(
    officer_client, url, workstream, name, content, message
):
    response = upload(officer_client, url, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(file_errors(response))
    assert Milestone.objects.filter(workstream=workstream).count() == 3


def test_bad_cells_are_named_by_row_and_column(officer_client, url, workstream):
    design_id = ms(workstream, "1").pk
    content = (
        "ID,Ref,Milestone,Planned start,Planned end,Progress,Completed on,Status override,"
        "Override reason\n"
        f"{design_id},1,Design phase,01/01/2024,31/02/2024,,,,\n"
        f"{design_id},1,Design phase again,,,,,,\n"
        ",5,Bad progress,,,Half done,,,\n"
        ",6,Done without a date,,,Complete,,,\n"
        ",7,Override without reason,,,,,Major delay,\n"
        ",8,Ends before it starts,01/03/2024,01/02/2024,,,,\n"
    )
    response = upload(officer_client, url, content)
    errors = row_errors(response)
    assert errors[2] == {"planned_end": "Planned end “31/02/2024” is not a real date"}
    assert errors[3] == {"id": "ID is the same as in row 2"}
    assert errors[4]["progress"].startswith("Progress “Half done” is not a progress")
    assert errors[5] == {"completed_on": "Enter the completed on date of a complete milestone"}
    assert errors[6] == {"override_reason": "Enter the override reason for a status override"}
    assert errors[7] == {"planned_end": "Planned end is before the planned start"}
    assert ms(workstream, "1").planned_end == D(2024, 3, 31)


def test_another_councils_officer_gets_404_and_a_board_member_403(
    client, url, nelincs_officer, board_member
):
    client.force_login(nelincs_officer)
    assert client.get(url).status_code == 404
    client.force_login(board_member)
    assert client.get(url).status_code == 403
    assert upload(client, url, "ID,Milestone\n,New\n").status_code == 403
    assert not Milestone.objects.filter(title="New").exists()


def test_the_link_is_shown_to_those_who_may_import(client, officer, board_member, workstream, url):
    tree = reverse(
        "programmes:milestone-tree",
        args=[workstream.programme.council.slug, workstream.programme_id, workstream.pk],
    )
    client.force_login(officer)
    assert url in client.get(tree).content.decode()
    client.force_login(board_member)
    assert url not in client.get(tree).content.decode()


def test_a_refusal_by_a_service_saves_nothing_at_all(officer_client, url, workstream, monkeypatch):
    """All or nothing: the new milestones are added first, then an update is refused."""
    from programmes.services import imports as import_services
    from sendtracker.core.errors import DomainError

    def refuse(**kwargs):
        raise DomainError("Someone else updated this milestone")

    monkeypatch.setattr(import_services, "update_milestone", refuse)
    content = edited_file(workstream)
    landed = confirm(officer_client, upload(officer_client, url, content))
    assert "Someone else updated this milestone. Nothing has been saved" in " ".join(
        file_errors(landed)
    )
    assert Milestone.objects.filter(workstream=workstream).count() == 3
    assert ms(workstream, "2").planned_end == D(2024, 9, 30)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_milestone_pages_own_download_imports_back_unchanged(
    officer_client, url, workstream, leicester, fmt
):
    """The real export (the milestone page's ?export=) into the real import page."""
    pilot = ms(workstream, "2")
    pilot.note = "=2 schools, -1 dropped out"  # text a spreadsheet would run
    pilot.save()
    page = reverse(
        "programmes:milestone-tree",
        args=[leicester.slug, workstream.programme_id, workstream.pk],
    )
    download = officer_client.get(page, {"export": fmt})
    assert download.status_code == 200
    data = b"".join(download.streaming_content) if download.streaming else download.content
    leicester.refresh_from_db()
    version, entries = leicester.programmes_version, audit_entries(Milestone).count()
    response = upload(officer_client, url, data, name=f"milestones.{fmt}")
    assert preview(officer_client, response).context["counts"] == {
        "create": 0,
        "update": 0,
        "unchanged": 3,
    }
    confirm(officer_client, upload(officer_client, url, data, name=f"milestones.{fmt}"))
    leicester.refresh_from_db()
    assert (leicester.programmes_version, audit_entries(Milestone).count()) == (version, entries)
