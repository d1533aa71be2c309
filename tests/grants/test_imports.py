"""Annex B import: preview, confirm, and refusal of every bad file, saving nothing."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from grants import imports, services
from grants.models import Allocation, GrantDetermination
from tests.grants.factories import DeterminationFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(f'"{h}"' for h in imports.HEADINGS)
GOOD = (
    f"{HEADER}\n"
    'Leicester City Council,14,West Midlands,15000.00,6271.92,"£21,271.92"\n'
    "Durham County Council,12,North East,15000,5000,\n"
    "Torbay Council,15,South West,,,\n"
)


@pytest.fixture
def determination(db):
    return DeterminationFactory(total_available=None, determination_reference="31/7777")


@pytest.fixture
def admin_client(client, grant_administrator):
    client.force_login(grant_administrator)
    return client


def upload(client, determination, content, name="annex-b.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        reverse("grants:allocation-import", args=[determination.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def file_errors(response) -> list[str]:
    return list(response.context["form"].errors.get("file", []))


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_preview_then_confirm_creates_exactly_what_was_previewed(admin_client, determination):
    response = upload(admin_client, determination, GOOD)
    assert response.status_code == 302
    assert not Allocation.objects.exists()
    preview = admin_client.get(response["Location"])
    body = preview.content.decode()
    assert "Check the allocations before importing" in body
    assert "£41,271.92" in body and "Pending" in body
    digest = preview.context["form"].initial["digest"]
    confirm = admin_client.post(response["Location"], {"digest": digest}, follow=True)
    assert "3 allocations imported." in confirm.content.decode()
    rows = {
        a.council.name: (str(a.total), a.region_supported.name, a.las_in_region)
        for a in Allocation.objects.select_related("council", "region_supported")
    }
    assert rows == {
        "Leicester": ("21271.92", "West Midlands", 14),
        "County Durham": ("20000.00", "North East", 12),
        "Torbay": ("None", "South West", 15),
    }
    # The preview is used up: confirming again is refused and saves nothing more.
    again = admin_client.post(response["Location"], {"digest": digest})
    assert "has already been used" in file_errors(again)[0]
    assert Allocation.objects.count() == 3


def test_xlsx_import_with_numbers_in_cells(admin_client, determination):
    content = xlsx([imports.HEADINGS, ["Leicester", 14, "West Midlands", 15000, 6271.92, 21271.92]])
    response = upload(admin_client, determination, content, name="annex-b.xlsx")
    assert response.status_code == 302
    preview = admin_client.get(response["Location"])
    admin_client.post(response["Location"], {"digest": preview.context["form"].initial["digest"]})
    assert str(Allocation.objects.get().total) == "21271.92"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("allocations.pdf", b"%PDF-1.4", "The selected file must be a CSV or Excel (XLSX) file"),
        ("allocations.xlsx", b"not a zip", "The selected file must be a CSV or Excel (XLSX) file"),
        (
            "allocations.csv",
            b"PK\x03\x04zip",
            "The selected file must be a CSV or Excel (XLSX) file",
        ),
        ("allocations.csv", b"", "The selected file is empty"),
        ("allocations.csv", b"\n,,\n", "The selected file is empty"),
        ("allocations.csv", HEADER.encode() + b"\n", "The selected file has headings but no rows"),
        ("allocations.csv", b"a\x00b", "The selected file must be a CSV or Excel (XLSX) file"),
        (
            "allocations.csv",
            b"Council,Total\nLeicester,1\n",
            "The file is missing the column \u201cAuthorities to which grant is to be paid\u201d",
        ),
    ],
)
def test_bad_file_is_refused_with_its_message(admin_client, determination, name, content, message):
    response = upload(admin_client, determination, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(file_errors(response)) + " ".join(
        response.context["result"].file_errors if response.context.get("result") else []
    )
    assert not Allocation.objects.exists()


def test_too_big_file_is_refused(admin_client, determination):
    response = upload(admin_client, determination, b"x" * (2 * 1024 * 1024 + 1))
    assert file_errors(response) == ["The selected file must be smaller than 2MB"]


def test_ten_thousand_rows_of_junk_are_refused(admin_client, determination):
    junk = HEADER + "\n" + "junk,x,y,z,w,v\n" * 10_000
    response = upload(admin_client, determination, junk)
    assert file_errors(response) == [
        "The selected file has more than 1,000 rows. Split it into smaller files"
    ]
    assert not Allocation.objects.exists()


def test_missing_column_is_reported(admin_client, determination):
    content = (
        "Authorities to which grant is to be paid,Total grant funding per region\nLeicester,1\n"
    )
    response = upload(admin_client, determination, content)
    messages = response.context["result"].file_errors
    assert "The file is missing the column “No of LAs in region”" in messages
    assert not Allocation.objects.exists()


def test_errors_per_row_and_column_and_nothing_saved(admin_client, determination):
    content = (
        f"{HEADER}\n"
        "Leicester,14,West Midlands,-1,6271.92,21271.92\n"
        "Atlantis,12,North East,1,2,3\n"
        "Torbay,lots,Narnia,1,2,4\n"
        "Oldham,,,=SUM(A1:A2),1,\n"
        "Leicester City Council,,,,,5\n"
        "Peterborough,,,abc,1.005,\n"
    )
    response = upload(admin_client, determination, content)
    assert response.status_code == 200
    result = response.context["result"]
    errors = {row.number: row.errors for row in result.rows}
    assert errors[2] == {"base_funding": "Base funding cannot be negative"}
    assert errors[3] == {"council": "Authority “Atlantis” is not a council we know"}
    assert errors[4]["las_in_region"] == "No of LAs in region must be a whole number, like 14"
    assert (
        errors[4]["region_supported"] == "Region to be supported “Narnia” is not a region we know"
    )
    assert errors[5] == {"base_funding": "Base funding contains a formula: enter the value instead"}
    assert errors[6] == {"council": "Authority is the same as in row 2"}
    assert errors[7]["base_funding"].endswith(
        "must be an amount in pounds and pence, like 21271.92"
    )
    assert errors[7]["top_up"].endswith("cannot have more than 2 decimal places")
    assert file_errors(response)[0].startswith("The file has 8 problems. Nothing has been saved.")
    body = response.content.decode()
    assert "Atlantis" in body and "contains a formula" in body
    assert not Allocation.objects.exists()


def test_total_not_base_plus_top_up_and_existing_allocation_are_row_errors(
    admin_client, determination, leicester
):
    services.create_allocation(determination=determination, by=None, council=leicester)
    content = f"{HEADER}\nLeicester,,,,,1\nTorbay,,,1.00,2.00,3.01\nOldham,,,1.00,,\n"
    result = upload(admin_client, determination, content).context["result"]
    errors = {row.number: row.errors for row in result.rows}
    assert errors[2] == {"council": "Leicester already has an allocation under this determination"}
    assert errors[3] == {
        "total": "Total grant funding must equal the base funding plus the top-up (£3.00)"
    }
    assert errors[4] == {"__row__": "Enter both the base funding and the top-up, or neither"}


def test_allocations_over_the_determination_total_are_refused(admin_client):
    determination = DeterminationFactory(total_available="30000.00")
    response = upload(admin_client, determination, GOOD)
    assert response.context["result"].file_errors == [
        "These allocations add up to £41,271.92, more than the £30,000.00 left to allocate "
        "under this determination"
    ]
    assert not Allocation.objects.exists()


def test_stale_preview_is_refused(admin_client, determination, nelincs):
    location = upload(admin_client, determination, GOOD)["Location"]
    digest = admin_client.get(location).context["form"].initial["digest"]
    services.create_allocation(determination=determination, by=None, council=nelincs)
    response = admin_client.post(location, {"digest": digest})
    assert file_errors(response) == [
        "The records changed after you previewed this file. Nothing has been saved. "
        "Upload the file again to see a new preview"
    ]
    assert Allocation.objects.count() == 1


def test_forged_token_or_digest_is_refused(admin_client, determination):
    location = upload(admin_client, determination, GOOD)["Location"]
    forged = re.sub(r"/import/[^/]+/$", "/import/forged-token/", location)
    response = admin_client.post(forged, {"digest": "x"})
    assert "has expired or has already been used" in file_errors(response)[0]
    response = admin_client.post(location, {"digest": "0" * 64})
    assert "does not match the preview" in file_errors(response)[0]
    assert not Allocation.objects.exists()


def test_preview_cannot_be_confirmed_for_another_determination(admin_client, determination):
    location = upload(admin_client, determination, GOOD)["Location"]
    other = DeterminationFactory()
    token = location.rstrip("/").rsplit("/", 1)[1]
    url = reverse("grants:allocation-import-preview", args=[other.pk, token])
    response = admin_client.post(url, {"digest": "x"})
    assert "has expired or has already been used" in file_errors(response)[0]
    assert not Allocation.objects.exists()


def test_preview_belongs_to_the_session_that_made_it(
    admin_client, client_factory, determination, make_user
):
    from sendtracker.core.models.people import Role

    location = upload(admin_client, determination, GOOD)["Location"]
    other = client_factory()
    other.force_login(make_user(Role.GRANT_ADMINISTRATOR))
    response = other.post(location, {"digest": "x"})
    assert "has expired or has already been used" in file_errors(response)[0]
    assert not Allocation.objects.exists()


def test_officer_cannot_import(client, officer, determination, leicester):
    client.force_login(officer)
    # Not theirs to see until it has an allocation to their council; then not theirs to change.
    assert upload(client, determination, GOOD).status_code == 404
    services.create_allocation(determination=determination, by=None, council=leicester)
    response = upload(client, determination, GOOD)
    assert response.status_code == 403
    assert Allocation.objects.count() == 1


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def test_import_of_seed_000_heading_spelling_variants(admin_client):
    determination = GrantDetermination.objects.create(
        title="t", financial_year="2021-22", period_start="2021-04-01", period_end="2022-03-31"
    )
    content = (
        "authorities to which grant is to be paid ,No of LAs in region,Region to be supported,"
        "Amount of base funding,Top up amount based on the number of authorities in each region,"
        "Total grant funding per region\nE06000016,14,E12000005,,,21271.92\n"
    )
    response = upload(admin_client, determination, content)
    assert response.status_code == 302
    # The variant headings and the ONS codes read as the columns they name.
    preview = admin_client.get(response["Location"])
    admin_client.post(response["Location"], {"digest": preview.context["form"].initial["digest"]})
    allocation = Allocation.objects.select_related("council", "region_supported").get()
    assert (
        allocation.council.name,
        allocation.las_in_region,
        allocation.region_supported.name,
        str(allocation.total),
    ) == ("Leicester", 14, "West Midlands", "21271.92")
