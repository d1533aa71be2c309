"""Form pages: each bad input gets a GOV.UK error message and saves nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.models import Allocation, GrantDetermination, Instalment, Payment, UsageStatement

pytestmark = pytest.mark.django_db


def date_data(name, day: datetime.date) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def determination_data(**overrides) -> dict:
    data = {
        "title": "SEND Regional Coordinator grant 2022-23",
        "legal_basis": "section_31",
        "financial_year": "2022-23",
        "total_available": "£100,000.00",
        "status": "made",
        **date_data("period_start", datetime.date(2022, 4, 1)),
        **date_data("period_end", datetime.date(2023, 3, 31)),
    }
    data.update(overrides)
    return data


def errors_of(response) -> dict:
    form = response.context["form"]
    return {field: list(messages) for field, messages in form.errors.items()}


def test_grant_administrator_creates_a_determination(client, grant_administrator):
    client.force_login(grant_administrator)
    response = client.post(reverse("grants:determination-create"), determination_data())
    determination = GrantDetermination.objects.get(
        financial_year="2022-23", title__startswith="SEND"
    )
    assert response.status_code == 302
    assert response["Location"] == determination.get_absolute_url()
    assert determination.total_available == Decimal("100000.00")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the citation or title"),
        ({"financial_year": "2022"}, "financial_year", "Enter the financial year like 2021-22"),
        (
            {"total_available": "ten pounds"},
            "total_available",
            "The total funding available must be an amount in pounds and pence, like 21271.92",
        ),
        (
            {"total_available": "-5"},
            "total_available",
            "The total funding available cannot be negative",
        ),
        (
            {"total_available": "1.001"},
            "total_available",
            "The total funding available cannot have more than 2 decimal places",
        ),
        (
            {"period_end_0": "31", "period_end_1": "2"},
            "period_end",
            "Enter a real date, like 15 2 2023",
        ),
        (
            date_data("period_end", datetime.date(2021, 1, 1)),
            "period_end",
            "The end of the grant period must be after its start",
        ),
    ],
)
def test_bad_determination_input_has_its_message(
    client, grant_administrator, overrides, field, message
):
    client.force_login(grant_administrator)
    before = GrantDetermination.objects.count()
    response = client.post(reverse("grants:determination-create"), determination_data(**overrides))
    assert response.status_code == 200
    assert message in errors_of(response)[field]
    assert "govuk-error-summary" in response.content.decode()
    assert GrantDetermination.objects.count() == before


def test_letter_must_be_a_pdf(client, grant_administrator):
    client.force_login(grant_administrator)
    fake = SimpleUploadedFile("letter.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("grants:determination-create"), {**determination_data(), "letter": fake}
    )
    assert errors_of(response)["letter"] == ["The letter must be a PDF"]


def test_officer_cannot_open_the_determination_form(client, officer):
    client.force_login(officer)
    assert client.get(reverse("grants:determination-create")).status_code == 403
    response = client.post(reverse("grants:determination-create"), determination_data())
    assert response.status_code == 403
    assert not GrantDetermination.objects.filter(
        financial_year="2022-23", title__startswith="SEND"
    ).exists()


def test_duplicate_allocation_through_the_form(client, grant_administrator, rc, leicester):
    client.force_login(grant_administrator)
    response = client.post(
        reverse("grants:allocation-create", args=[rc.pk]),
        {"council": leicester.pk, "total": "10.00"},
    )
    assert errors_of(response)["council"] == [
        "Leicester already has an allocation under this determination"
    ]


def test_total_not_base_plus_top_up_through_the_form(client, grant_administrator, rc):
    client.force_login(grant_administrator)
    from sendtracker.core.models import Council

    cornwall = Council.objects.get(name="Cornwall")
    response = client.post(
        reverse("grants:allocation-create", args=[rc.pk]),
        {"council": cornwall.pk, "base_funding": "1.00", "top_up": "2.00", "total": "3.50"},
    )
    assert errors_of(response)["total"] == [
        "The total must equal the base funding plus the top-up (£3.00)"
    ]
    assert not Allocation.objects.filter(council=cornwall).exists()


def test_payment_over_the_allocation_through_the_form(
    client, grant_administrator, leicester_allocation
):
    client.force_login(grant_administrator)
    response = client.post(
        reverse("grants:payment-create", args=[leicester_allocation.pk]),
        {"amount": "21271.93", **date_data("paid_on", datetime.date(2021, 8, 1))},
    )
    assert errors_of(response)["amount"] == [
        "Payments cannot exceed the allocation of £21,271.92: £21,271.92 is left to pay"
    ]
    assert not Payment.objects.filter(allocation=leicester_allocation).exists()


def test_payment_form_refuses_a_forged_instalment(
    client, grant_administrator, leicester_allocation
):
    client.force_login(grant_administrator)
    response = client.post(
        reverse("grants:payment-create", args=[leicester_allocation.pk]),
        {"amount": "1", "instalment": "999999", **date_data("paid_on", datetime.date(2021, 8, 1))},
    )
    assert "Select a valid choice" in errors_of(response)["instalment"][0]


def test_instalment_outside_period_is_saved_with_a_warning(client, grant_administrator, rc):
    client.force_login(grant_administrator)
    before = Instalment.objects.filter(determination=rc).count()
    response = client.post(
        reverse("grants:instalment-create", args=[rc.pk]),
        {"description": "Late", **date_data("due_on", datetime.date(2023, 1, 1))},
        follow=True,
    )
    assert Instalment.objects.filter(determination=rc).count() == before + 1
    body = response.content.decode()
    assert "outside the grant period" in body
    assert "Outside grant period" in body  # the tag in the schedule


def test_officer_submits_own_usage_statement(client, nelincs_officer, dbv_allocation):
    client.force_login(nelincs_officer)
    response = client.post(
        reverse("grants:usage-create", args=[dbv_allocation.pk]),
        {"period": "Phase 2", "amount_data": "£1,000.50", "description_data": "Licences"},
    )
    assert response.status_code == 302
    statement = UsageStatement.objects.get(period="Phase 2")
    assert [(line.category, line.amount) for line in statement.lines.all()] == [
        ("data", Decimal("1000.50"))
    ]


def test_usage_statement_without_any_spend_is_refused(client, nelincs_officer, dbv_allocation):
    client.force_login(nelincs_officer)
    response = client.post(
        reverse("grants:usage-create", args=[dbv_allocation.pk]), {"period": "P2"}
    )
    assert errors_of(response)["__all__"] == ["Enter the amount spent in at least one category"]


def test_grant_administrator_accepts_a_statement(client, grant_administrator, dbv_allocation):
    client.force_login(grant_administrator)
    statement = UsageStatement.objects.get()
    response = client.post(reverse("grants:usage-accept", args=[statement.pk]), follow=True)
    assert "Statement accepted." in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == "accepted"
    dbv_allocation.refresh_from_db()
    assert dbv_allocation.status == "reported"
    response = client.post(reverse("grants:usage-accept", args=[statement.pk]))
    assert errors_of(response)["__all__"] == ["This statement has already been accepted"]


def test_accept_and_close_through_pages(client, grant_administrator, leicester_allocation):
    client.force_login(grant_administrator)
    response = client.post(
        reverse("grants:allocation-accept", args=[leicester_allocation.pk]),
        {"decision_body": "Cabinet", **date_data("decided_on", datetime.date(2021, 5, 1))},
    )
    assert response.status_code == 302
    response = client.post(reverse("grants:allocation-close", args=[leicester_allocation.pk]))
    assert errors_of(response)["__all__"] == ["An allocation that is accepted cannot be closed"]


def test_pending_amounts_are_set_through_the_form(client, grant_administrator, rc):
    client.force_login(grant_administrator)
    torbay = Allocation.objects.get(determination=rc, council__name="Torbay")
    response = client.post(
        reverse("grants:allocation-amounts", args=[torbay.pk]),
        {"base_funding": "15000", "top_up": "4000.10"},
    )
    assert response.status_code == 302
    torbay.refresh_from_db()
    assert torbay.total == Decimal("19000.10")


def test_success_measure_with_a_forged_parent_is_refused(client, grant_administrator, rc):
    client.force_login(grant_administrator)
    response = client.post(
        reverse("grants:measure-create", args=[rc.pk]), {"text": "x", "parent": "999999"}
    )
    assert "Select a valid choice" in errors_of(response)["parent"][0]


def test_determination_detail_shows_annex_a_and_the_history(client, grant_administrator, rc):
    client.force_login(grant_administrator)
    body = client.get(rc.get_absolute_url()).content.decode()
    assert "improved quality and accessibility of the Local Offer," in body
    assert "History of this determination" in body
    assert grant_administrator.email in body  # who made it


def test_determination_edit_keeps_values_and_is_audited(client, grant_administrator, rc):
    from sendtracker.core.audit import history_for

    user = grant_administrator
    client.force_login(user)
    url = reverse("grants:determination-edit", args=[rc.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="2021"' in page.content.decode()  # the period's year, in the date input
    response = client.post(
        url,
        determination_data(
            title=rc.title,
            financial_year="2021-22",
            total_available="",
            **date_data("period_start", rc.period_start),
            **date_data("period_end", rc.period_end),
            purpose="Changed purpose",
            version=rc.version,
        ),
    )
    assert response.status_code == 302
    rc.refresh_from_db()
    assert rc.purpose == "Changed purpose"
    assert history_for(rc).first().actor == user


def test_determination_edit_from_a_stale_form_is_refused_and_overwrites_nothing(
    client, grant_administrator, rc
):
    from grants import services

    client.force_login(grant_administrator)
    opened_at = rc.version
    services.update_determination(
        determination=rc, by=None, expected_version=opened_at, purpose="Colleague's purpose"
    )
    response = client.post(
        reverse("grants:determination-edit", args=[rc.pk]),
        determination_data(
            title=rc.title,
            financial_year="2021-22",
            total_available="",
            **date_data("period_start", rc.period_start),
            **date_data("period_end", rc.period_end),
            purpose="My purpose",
            version=opened_at,
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this determination" in html
    # What they changed, beside what was entered; the next save goes against their version.
    assert (
        '<th scope="row" class="govuk-table__header">Purpose</th>'
        '<td class="govuk-table__cell">Colleague&#x27;s purpose</td>'
        '<td class="govuk-table__cell">My purpose</td>'
    ) in html
    assert f'name="version" value="{opened_at + 1}"' in html
    rc.refresh_from_db()
    assert rc.purpose == "Colleague's purpose"


def test_determination_total_cannot_go_below_allocated_through_the_form(
    client, grant_administrator, rc
):
    client.force_login(grant_administrator)
    response = client.post(
        reverse("grants:determination-edit", args=[rc.pk]),
        determination_data(
            title=rc.title,
            financial_year="2021-22",
            total_available="100.00",
            version=rc.version,
            **date_data("period_start", rc.period_start),
            **date_data("period_end", rc.period_end),
        ),
    )
    assert errors_of(response)["total_available"] == [
        "The total cannot be less than the £21,271.92 already allocated"
    ]


def test_uploaded_letter_is_served_only_to_people_with_a_role(
    client, grant_administrator, make_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(grant_administrator)
    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    client.post(reverse("grants:determination-create"), {**determination_data(), "letter": pdf})
    determination = GrantDetermination.objects.get(title__startswith="SEND")
    url = reverse("grants:determination-letter", args=[determination.pk])
    response = client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 letter"
    client.force_login(make_user())
    assert client.get(url).status_code == 404
