"""Importing measures' values: preview, confirm, re-import, bad files, permissions and
the round trip of the observations export (programmes.exports on the exports branch)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Observation, Unit
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
HEADINGS = ["Measure", "Period", "Value", "Unit", "Expected", "Note"]


@pytest.fixture
def programme(leicester):
    return factories.programme(leicester)


@pytest.fixture
def timeliness(programme):
    measure = factories.measure(programme, name="EHCP 20-week timeliness")
    return factories.observations(measure, [(D(2024, 1, 31), "40"), (D(2024, 2, 29), "42.5")])


@pytest.fixture
def appeals(programme):
    measure = factories.measure(
        programme,
        name="Tribunal appeals",
        unit=Unit.NUMBER,
        direction="down",
        baseline_value="120",
        target_value="60",
    )
    return factories.observations(measure, [(D(2024, 1, 31), "118")])


@pytest.fixture
def url(programme, timeliness, appeals):
    return reverse("programmes:observation-import", args=[programme.council.slug, programme.pk])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


GOOD = (
    "Measure,Period,Value,Unit,Expected,Note\n"
    "EHCP 20-week timeliness,2024-01-31,40.00,Percentage,,\n"
    "EHCP 20-week timeliness,2024-02-29,45,Percentage,,corrected from the SEN2 return\n"
    "ehcp  20 WEEK timeliness,31/03/2024,47.5%,Percentage,,\n"
    "Tribunal appeals,2024-01-31,118,Number,,\n"
)


def values(measure) -> dict:
    return {o.on: o.value for o in Observation.objects.filter(measure=measure)}


def test_preview_counts_then_confirm_writes_through_the_services(
    officer_client, url, officer, timeliness, appeals
):
    response = upload(officer_client, url, GOOD)
    page = preview(officer_client, response)
    assert page.context["counts"] == {"create": 1, "update": 1, "unchanged": 2}
    body = page.content.decode()
    assert "Rows to update" in body and "42.5" in body and "45" in body
    assert values(timeliness)[D(2024, 2, 29)] == Decimal("42.50")  # nothing written yet
    landed = confirm(officer_client, upload(officer_client, url, GOOD))
    assert "Values imported: 1 created, 1 updated, 2 unchanged." in landed.content.decode()
    assert values(timeliness) == {
        D(2024, 1, 31): Decimal("40.00"),
        D(2024, 2, 29): Decimal("45.00"),
        D(2024, 3, 31): Decimal("47.50"),
    }
    assert Observation.objects.get(on=D(2024, 2, 29)).note == "corrected from the SEN2 return"
    entries = audit_entries(Observation, actor=officer)
    assert entries.filter(action=0).count() == 1  # created
    assert entries.filter(action=1).count() == 1  # updated: the old value is kept there
    assert values(appeals) == {D(2024, 1, 31): Decimal("118.00")}


def test_importing_the_same_file_again_changes_nothing(officer_client, url, leicester):
    confirm(officer_client, upload(officer_client, url, GOOD))
    leicester.refresh_from_db()
    version, entries = leicester.programmes_version, audit_entries(Observation).count()
    page = preview(officer_client, upload(officer_client, url, GOOD))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 4}
    assert "Importing this file changes nothing" in page.content.decode()
    landed = confirm(officer_client, upload(officer_client, url, GOOD))
    assert "Nothing changed: the values already match the file." in landed.content.decode()
    leicester.refresh_from_db()
    assert leicester.programmes_version == version
    assert audit_entries(Observation).count() == entries


def test_an_edited_file_changes_only_the_edited_row(officer_client, url, timeliness, appeals):
    confirm(officer_client, upload(officer_client, url, GOOD))
    edited = GOOD.replace("Tribunal appeals,2024-01-31,118", "Tribunal appeals,2024-01-31,117")
    page = preview(officer_client, upload(officer_client, url, edited))
    assert page.context["counts"] == {"create": 0, "update": 1, "unchanged": 3}
    before = values(timeliness)
    confirm(officer_client, upload(officer_client, url, edited))
    assert values(appeals) == {D(2024, 1, 31): Decimal("117.00")}
    assert values(timeliness) == before


def test_export_round_trip_xlsx_changes_nothing(officer_client, url, timeliness, appeals):
    """The export's format: exact headings, dates as Excel dates, values as numbers
    (Decimals written digit for digit), Unit and Expected filled in."""
    rows = [HEADINGS]
    for measure in (timeliness, appeals):
        for o in Observation.objects.filter(measure=measure).order_by("on"):
            rows.append([measure.name, o.on, o.value, measure.get_unit_display(), 41.3, o.note])
    entries = audit_entries(Observation).count()
    response = upload(officer_client, url, xlsx(rows), name="observations.xlsx")
    page = preview(officer_client, response)
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 3}
    confirm(officer_client, upload(officer_client, url, xlsx(rows), name="observations.xlsx"))
    assert audit_entries(Observation).count() == entries


def test_export_round_trip_csv_changes_nothing(officer_client, url):
    # CSV as the export writes it: a byte order mark, ISO dates, plain decimals.
    content = (
        "\ufeffMeasure,Period,Value,Unit,Expected,Note\r\n"
        "EHCP 20-week timeliness,2024-01-31,40.00,Percentage,5.21,\r\n"
        "EHCP 20-week timeliness,2024-02-29,42.50,Percentage,7.8,\r\n"
        "Tribunal appeals,2024-01-31,118.00,Number,117.5,\r\n"
    )
    page = preview(officer_client, upload(officer_client, url, content))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 3}


def test_a_note_the_csv_export_neutralised_reads_back_unchanged(
    officer_client, url, timeliness, programme
):
    """The export writes a note beginning "-" as "'-..." so no spreadsheet runs it."""
    from programmes import services

    services.record_observation(
        measure=timeliness,
        by=None,
        on=D(2024, 3, 31),
        value="44",
        note="-2 on the SEN2 return",
        expected_version=timeliness.version,
    )
    content = (
        "Measure,Period,Value,Unit,Expected,Note\n"
        "EHCP 20-week timeliness,2024-03-31,44.00,Percentage,,'-2 on the SEN2 return\n"
    )
    page = preview(officer_client, upload(officer_client, url, content))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 1}


def test_a_measure_page_takes_a_file_without_the_measure_column(
    client, officer, programme, timeliness, appeals
):
    client.force_login(officer)
    url = reverse(
        "programmes:measure-observation-import",
        args=[programme.council.slug, programme.pk, timeliness.pk],
    )
    confirm(client, upload(client, url, "Period,Value\n30/04/2024,50\n"))
    assert values(timeliness)[D(2024, 4, 30)] == Decimal("50.00")
    response = upload(client, url, "Measure,Period,Value\nTribunal appeals,30/04/2024,50\n")
    assert row_errors(response)[2]["measure"] == (
        "Measure “Tribunal appeals” is another measure: this import is of "
        "“EHCP 20-week timeliness” only"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("values.csv", b"", "The selected file is empty"),
        ("values.xlsx", b"%PDF-1.4 a pdf", "this one is another kind of file"),
        ("values.pdf", b"%PDF-1.4", "The selected file must be a CSV or Excel (XLSX) file"),
        (
            "values.csv",
            b"Measure,Period,Note\nTribunal appeals,2024-03-31,x\n",
            "The file is missing the column \u201cValue\u201d",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_message(
    officer_client, url, name, content, message, leicester
):
    before = Observation.objects.count()
    response = upload(officer_client, url, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(file_errors(response))
    assert Observation.objects.count() == before


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_saved(officer_client, url):
    content = (
        "Measure,Period,Value,Note\n"
        "EHCP 20-week timeliness,31/03/2024,50,\n"
        "Tribunal appeals,31/02/2022,110,\n"
        "Waiting times,31/03/2024,3,\n"
        "EHCP 20-week timeliness,31/03/2024,51,\n"
        "EHCP 20-week timeliness,30/04/2024,150,\n"
        "Tribunal appeals,30/04/2024,lots,\n"
        "Tribunal appeals,01/01/2020,100,\n"
    )
    before = {o.pk: o.value for o in Observation.objects.all()}
    response = upload(officer_client, url, content)
    assert response.status_code == 200
    errors = row_errors(response)
    assert errors[3] == {"period": "Period “31/02/2022” is not a real date"}
    assert errors[4] == {"measure": "Measure “Waiting times” is not a measure of this programme"}
    assert errors[6] == {"value": "Value: Enter a percentage from 0 to 100"}
    assert errors[7] == {"value": "Value: Enter the value as a number, like 11"}
    assert errors[8] == {
        "period": "Period 01/01/2020 is before the measure's baseline (01/09/2023)"
    }
    messages = file_errors(response)
    assert messages[0].startswith("The file has 5 problems. Nothing has been saved.")
    assert "Row 3: Period “31/02/2022” is not a real date" in messages
    assert {o.pk: o.value for o in Observation.objects.all()} == before


def test_duplicate_keys_are_refused(officer_client, url):
    content = (
        "Measure,Period,Value\n"
        "EHCP 20-week timeliness,31/03/2024,50\n"
        "ehcp 20-week timeliness,2024-03-31,51\n"
    )
    response = upload(officer_client, url, content)
    assert row_errors(response) == {3: {"period": "Measure and Period are the same as in row 2"}}
    assert not Observation.objects.filter(on=D(2024, 3, 31)).exists()


def test_another_councils_officer_gets_404_and_a_board_member_403(
    client, url, nelincs_officer, board_member
):
    client.force_login(nelincs_officer)
    assert client.get(url).status_code == 404
    assert upload(client, url, GOOD).status_code == 404
    client.force_login(board_member)
    assert client.get(url).status_code == 403
    assert upload(client, url, GOOD).status_code == 403


def test_the_link_is_shown_to_those_who_may_import(client, officer, board_member, programme, url):
    measure_url = programme.measures.first().get_absolute_url()
    client.force_login(officer)
    assert url in client.get(programme.get_absolute_url()).content.decode()
    assert "observations/import/" in client.get(measure_url).content.decode()
    client.force_login(board_member)
    assert url not in client.get(programme.get_absolute_url()).content.decode()
    assert "observations/import/" not in client.get(measure_url).content.decode()


def test_a_site_administrator_may_import(client, site_administrator, url):
    client.force_login(site_administrator)
    assert client.get(url).status_code == 200


def test_a_preview_of_values_changed_since_is_refused(officer_client, url, timeliness):
    response = upload(officer_client, url, GOOD)
    page = preview(officer_client, response)
    factories.observations(timeliness, [(D(2024, 4, 30), "48")])  # someone records a value
    refused = officer_client.post(
        response["Location"], {"digest": page.context["form"].initial["digest"]}
    )
    assert refused.status_code == 200
    assert "The records changed after you previewed this file" in file_errors(refused)[0]
    assert not Observation.objects.filter(on=D(2024, 3, 31)).exists()


def test_a_refusal_by_a_service_saves_nothing_at_all(officer_client, url, timeliness, monkeypatch):
    """All or nothing: the new value is recorded first, then a correction is refused."""
    from programmes.services import imports as import_services
    from sendtracker.core.errors import DomainError

    def refuse(**kwargs):
        raise DomainError("The measure is being changed by someone else")

    monkeypatch.setattr(import_services, "correct_observation", refuse)
    landed = confirm(officer_client, upload(officer_client, url, GOOD))
    assert "The measure is being changed by someone else. Nothing has been saved" in " ".join(
        file_errors(landed)
    )
    assert not Observation.objects.filter(on=D(2024, 3, 31)).exists()
    assert values(timeliness)[D(2024, 2, 29)] == Decimal("42.50")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_programme_pages_own_download_imports_back_unchanged(
    officer_client, url, programme, timeliness, appeals, fmt
):
    """The real export (every observation, from the programme page's ?export=) into the
    real import page."""
    download = officer_client.get(programme.get_absolute_url(), {"export": fmt})
    assert download.status_code == 200
    data = b"".join(download.streaming_content) if download.streaming else download.content
    entries = audit_entries(Observation).count()
    response = upload(officer_client, url, data, name=f"observations.{fmt}")
    assert preview(officer_client, response).context["counts"] == {
        "create": 0,
        "update": 0,
        "unchanged": 3,
    }
    confirm(officer_client, upload(officer_client, url, data, name=f"observations.{fmt}"))
    assert audit_entries(Observation).count() == entries
