"""Importing the payments of a determination: preview, confirm, re-import, edits, bad
files, permissions and the round trip of the payments export (grants.exports)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from grants import services
from grants.models import Allocation, AllocationStatus, Instalment, Payment
from sendtracker.core.errors import DomainError
from tests.import_helpers import (
    audit_entries,
    confirm,
    file_errors,
    preview,
    row_errors,
    upload,
    xlsx,
)

pytestmark = pytest.mark.django_db
D = datetime.date
EXPORT_HEADINGS = [
    "Determination",
    "Determination reference",
    "Council",
    "DfE LA number",
    "Instalment",
    "Date paid",
    "Amount",
    "Reference",
]


@pytest.fixture
def durham(rc, grant_administrator):
    """County Durham's allocation, given its amount (it was pending)."""
    allocation = Allocation.objects.get(determination=rc, council__dfe_la_code=840)
    return services.set_allocation_amounts(
        allocation=allocation,
        by=grant_administrator,
        base_funding=None,
        top_up=None,
        total=Decimal("20000.00"),
    )


@pytest.fixture
def paid(rc, leicester_allocation, durham, grant_administrator):
    """Leicester: instalment 1 paid; Durham: one payment by reference only."""
    first = Instalment.objects.get(determination=rc, position=1)
    services.record_payment(
        allocation=leicester_allocation,
        by=grant_administrator,
        amount=Decimal("10635.96"),
        paid_on=D(2021, 8, 15),
        reference="BACS 0815",
        instalment=first,
    )
    services.record_payment(
        allocation=durham,
        by=grant_administrator,
        amount=Decimal("10000.00"),
        paid_on=D(2021, 9, 1),
        reference="DUR-1",
    )
    return rc


@pytest.fixture
def url(rc):
    return reverse("grants:payment-import", args=[rc.pk])


@pytest.fixture
def admin_client(client, grant_administrator):
    client.force_login(grant_administrator)
    return client


GOOD = (
    "Council,Instalment,Date paid,Amount,Reference\n"
    "Leicester,Instalment 1 (Aug 2021),15/08/2021,10635.96,BACS 0815\n"
    'Leicester City Council,2,01/02/2022,"£10,635.96",BACS 0201\n'
    "840,,01/09/2021,10000.00,DUR-1\n"
    "County Durham,,01/03/2022,5000,DUR-2\n"
)


def payments(rc) -> set:
    return {
        (
            p.allocation.council.name,
            p.instalment.position if p.instalment else None,
            p.paid_on,
            p.amount,
            p.reference,
        )
        for p in Payment.objects.filter(allocation__determination=rc).select_related(
            "allocation__council", "instalment"
        )
    }


def test_preview_counts_then_confirm_records_through_the_services(
    admin_client, url, paid, grant_administrator
):
    page = preview(admin_client, upload(admin_client, url, GOOD))
    assert page.context["counts"] == {"create": 2, "update": 0, "unchanged": 2}
    assert Payment.objects.count() == 2
    landed = confirm(admin_client, upload(admin_client, url, GOOD))
    assert "Payments imported: 2 created, 0 updated, 2 unchanged." in landed.content.decode()
    assert payments(paid) == {
        ("Leicester", 1, D(2021, 8, 15), Decimal("10635.96"), "BACS 0815"),
        ("Leicester", 2, D(2022, 2, 1), Decimal("10635.96"), "BACS 0201"),
        ("County Durham", None, D(2021, 9, 1), Decimal("10000.00"), "DUR-1"),
        ("County Durham", None, D(2022, 3, 1), Decimal("5000.00"), "DUR-2"),
    }
    assert audit_entries(Payment, actor=grant_administrator).filter(action=0).count() == 4


def test_importing_the_same_file_again_changes_nothing(admin_client, url, paid, leicester):
    confirm(admin_client, upload(admin_client, url, GOOD))
    leicester.refresh_from_db()
    version, entries = leicester.grants_version, audit_entries(Payment).count()
    page = preview(admin_client, upload(admin_client, url, GOOD))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 4}
    landed = confirm(admin_client, upload(admin_client, url, GOOD))
    assert "Nothing changed: the payments already match the file." in landed.content.decode()
    leicester.refresh_from_db()
    assert (leicester.grants_version, audit_entries(Payment).count()) == (version, entries)


def test_an_edited_file_changes_only_the_edited_row(admin_client, url, paid, grant_administrator):
    confirm(admin_client, upload(admin_client, url, GOOD))
    before = {p.pk: (p.amount, p.paid_on, p.reference) for p in Payment.objects.all()}
    edited = GOOD.replace("01/03/2022,5000,DUR-2", "02/03/2022,4999.99,DUR-2")
    page = preview(admin_client, upload(admin_client, url, edited))
    assert page.context["counts"] == {"create": 0, "update": 1, "unchanged": 3}
    body = page.content.decode()
    assert "£5,000.00" in body and "£4,999.99" in body
    confirm(admin_client, upload(admin_client, url, edited))
    after = {p.pk: (p.amount, p.paid_on, p.reference) for p in Payment.objects.all()}
    changed = {pk for pk in after if after[pk] != before[pk]}
    assert len(changed) == 1
    assert after[changed.pop()] == (Decimal("4999.99"), D(2022, 3, 2), "DUR-2")
    entry = audit_entries(Payment, actor=grant_administrator).filter(action=1).get()
    assert "4999.99" in str(entry.changes)


def test_export_round_trip_xlsx_changes_nothing(admin_client, url, paid):
    rows = [EXPORT_HEADINGS]
    for p in Payment.objects.filter(allocation__determination=paid).select_related(
        "allocation__council", "instalment"
    ):
        rows.append(
            [
                paid.title,
                paid.determination_reference,
                p.allocation.council.name,
                p.allocation.council.dfe_la_code,
                str(p.instalment) if p.instalment else "",
                p.paid_on,
                p.amount,
                p.reference,
            ]
        )
    content = xlsx(rows)
    page = preview(admin_client, upload(admin_client, url, content, name="payments.xlsx"))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 2}
    entries = audit_entries(Payment).count()
    confirm(admin_client, upload(admin_client, url, content, name="payments.xlsx"))
    assert audit_entries(Payment).count() == entries


def test_payments_over_the_allocation_pending_or_foreign_councils_are_row_errors(
    admin_client, url, paid
):
    content = (
        "Council,Instalment,Date paid,Amount,Reference\n"
        "Leicester,2,01/02/2022,10635.97,\n"
        "Torbay,,01/02/2022,100,T-1\n"
        "Oldham,,01/02/2022,100,O-1\n"
    )
    response = upload(admin_client, url, content)
    errors = row_errors(response)
    assert errors[2] == {
        "amount": "Payments to Leicester would add up to £21,271.93, more than its allocation "
        "of £21,271.92"
    }
    assert errors[3] == {
        "amount": "Torbay's allocation is pending: record its amount before any payment"
    }
    assert errors[4] == {"council": "Oldham has no allocation under this determination"}
    assert Payment.objects.count() == 2
    # An unknown council is a cell's error, found before the file is compared.
    content = "Council,Date paid,Amount\nAtlantis,01/02/2022,100\n"
    assert row_errors(upload(admin_client, url, content)) == {
        2: {"council": "Council “Atlantis” is not a council we know"}
    }


def test_a_closed_allocation_takes_no_payment(admin_client, url, paid, durham, grant_administrator):
    Allocation.objects.filter(pk=durham.pk).update(status=AllocationStatus.CLOSED)
    content = "Council,Date paid,Amount,Reference\nCounty Durham,01/03/2022,5,DUR-3\n"
    assert row_errors(upload(admin_client, url, content)) == {
        2: {"council": "County Durham's allocation is closed: no more payments can be recorded"}
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payments.csv", b"", "The selected file is empty"),
        ("payments.xlsx", b"Council,Amount\n", "this one is another kind of file"),
        (
            "payments.txt",
            b"Council,Amount\n",
            "The selected file must be a CSV or Excel (XLSX) file",
        ),
        (
            "payments.csv",
            b"Council,Date paid,Reference\nLeicester,01/02/2022,x\n",
            "The file is missing the column \u201cAmount\u201d",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_message(admin_client, url, paid, name, content, message):
    response = upload(admin_client, url, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(file_errors(response))
    assert Payment.objects.count() == 2


def test_bad_cells_and_duplicate_keys_are_named_by_row_and_column(admin_client, url, paid):
    content = (
        "Council,Instalment,Date paid,Amount,Reference\n"
        "Leicester,2,31/02/2022,1,\n"
        "Leicester,7,01/02/2022,1,\n"
        "Leicester,,01/02/2022,0,X\n"
        "County Durham,,01/02/2022,lots,\n"
    )
    response = upload(admin_client, url, content)
    errors = row_errors(response)
    assert errors[2] == {"paid_on": "Date paid “31/02/2022” is not a real date"}
    assert errors[3] == {"instalment": "Instalment 7 is not an instalment of this determination"}
    assert errors[4] == {"amount": "Amount must be more than £0.00"}
    assert errors[5]["amount"].endswith("must be an amount in pounds and pence, like 21271.92")
    assert file_errors(response)[0].startswith("The file has 4 problems. Nothing has been saved.")
    assert Payment.objects.count() == 2


def test_duplicate_keys_are_refused(admin_client, url, paid):
    content = (
        "Council,Instalment,Date paid,Amount,Reference\n"
        "County Durham,,01/02/2022,1,DUR-9\n"
        "840,,02/02/2022,2,DUR-9\n"
        "Leicester,2,01/02/2022,1,\n"
        "Leicester,Instalment 2,01/02/2022,1,\n"
    )
    response = upload(admin_client, url, content)
    assert row_errors(response) == {
        3: {"__row__": "Council and reference are the same as in row 2"},
        5: {"__row__": "Council and instalment are the same as in row 4"},
    }
    assert "Row 3: Council and reference are the same as in row 2" in file_errors(response)
    assert Payment.objects.count() == 2


def test_officers_and_board_members_are_refused_and_an_unknown_determination_is_404(
    client, url, officer, board_member, nelincs_officer, paid
):
    for user in (officer, board_member):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert upload(client, url, GOOD).status_code == 403
    # A determination with no allocation to their council is not theirs to see.
    client.force_login(nelincs_officer)
    assert client.get(url).status_code == 404
    assert upload(client, url, GOOD).status_code == 404
    assert Payment.objects.count() == 2
    client.force_login(officer)
    assert client.get(reverse("grants:payment-import", args=[999999])).status_code == 404


def test_the_link_is_shown_to_grant_administrators_only(
    client, grant_administrator, officer, rc, url
):
    client.force_login(grant_administrator)
    assert url in client.get(rc.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert url not in client.get(rc.get_absolute_url()).content.decode()


def test_a_site_administrator_may_import(client, site_administrator, url):
    client.force_login(site_administrator)
    assert client.get(url).status_code == 200


def test_correct_payment_refuses_going_over_the_allocation(paid, grant_administrator):
    payment = Payment.objects.get(reference="DUR-1")
    with pytest.raises(DomainError, match=r"£20,000\.00 is left to pay"):
        services.correct_payment(
            payment=payment,
            by=grant_administrator,
            amount=Decimal("20000.01"),
            paid_on=D(2021, 9, 1),
        )
    assert Payment.objects.get(pk=payment.pk).amount == Decimal("10000.00")


def test_a_preview_of_payments_changed_since_is_refused(
    admin_client, url, paid, leicester_allocation, grant_administrator
):
    response = upload(admin_client, url, GOOD)
    page = preview(admin_client, response)
    services.record_payment(
        allocation=leicester_allocation,
        by=grant_administrator,
        amount=Decimal("1.00"),
        paid_on=D(2021, 12, 1),
        reference="late",
    )
    refused = admin_client.post(
        response["Location"], {"digest": page.context["form"].initial["digest"]}
    )
    assert "The records changed after you previewed this file" in file_errors(refused)[0]
    assert Payment.objects.count() == 3


def test_the_problems_table_names_each_rows_council_and_its_problem(admin_client, url, paid):
    """The upload page's table (imports/_problems.html): row, the row's key cell, and
    every problem, as a person reads it to correct the file."""
    content = "Council,Date paid,Amount\nAtlantis,01/02/2022,100\nOldham,31/02/2022,5\n"
    html = upload(admin_client, url, content).content.decode()
    table = html[html.index("Problems in the file") : html.index("</table>")]
    cells = [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", table, re.S)
    ]
    assert cells[:3] == ["Row", "Council", "Problem"]
    assert cells[3:5] == ["2", "Atlantis"] and "“Atlantis” is not a council we know" in cells[5]
    assert cells[6:8] == ["3", "Oldham"] and "31/02/2022" in cells[8]
