"""Exports read back: CSV, XLSX and the 360Giving Data Standard."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from grants import exports, services
from sendtracker.core.models import Council

from .conftest import DBV_REPORTED, DBV_TOTAL, LEICESTER_TOTAL, PENDING_RECIPIENTS
from .factories import DeterminationFactory
from .test_query_counts import populate

pytestmark = pytest.mark.django_db

THREESIXTY_REQUIRED = {
    "id",
    "title",
    "description",
    "currency",
    "amountAwarded",
    "awardDate",
    "recipientOrganization",
    "fundingOrganization",
}


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_allocations_csv_reads_back_to_the_penny(client, grant_administrator, rc):
    client.force_login(grant_administrator)
    response = client.get(
        reverse("grants:export-allocations", args=["csv"]), {"determination": rc.pk}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 1 + len(PENDING_RECIPIENTS)
    leicester = next(r for r in rows if r["Council"] == "Leicester")
    assert Decimal(leicester["Total"]) == LEICESTER_TOTAL
    assert leicester["Region to be supported"] == "West Midlands"
    assert next(r for r in rows if r["Council"] == "Torbay")["Total"] == ""


def test_officer_export_holds_only_their_council(client, officer, grants):
    client.force_login(officer)
    rows = read_csv(client.get(reverse("grants:export-allocations", args=["csv"])))
    assert {r["Council"] for r in rows} == {"Leicester"}
    rows = read_csv(client.get(reverse("grants:export-payments", args=["csv"])))
    assert rows == []


def test_allocations_xlsx_reads_back_with_numbers(client, grant_administrator, grants):
    client.force_login(grant_administrator)
    response = client.get(reverse("grants:export-allocations", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    assert headers[:4] == ("Determination", "Determination reference", "Financial year", "Council")
    nelincs = next(r for r in rows[1:] if r[3] == "North East Lincolnshire")
    total = nelincs[headers.index("Total")]
    assert Decimal(str(total)) == DBV_TOTAL
    assert Decimal(str(nelincs[headers.index("Reported spend")])) == DBV_REPORTED


def test_payments_xlsx_and_csv(client, grant_administrator, grants):
    client.force_login(grant_administrator)
    rows = read_csv(client.get(reverse("grants:export-payments", args=["csv"])))
    assert [(r["Council"], r["Amount"], r["Date paid"]) for r in rows] == [
        ("North East Lincolnshire", "1000000.00", "2023-03-31")
    ]
    response = client.get(reverse("grants:export-payments", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2


def test_cells_that_would_run_as_formulas_are_neutralised(client, grant_administrator, rc, nelincs):
    client.force_login(grant_administrator)
    services.update_determination(determination=rc, by=None, title='=HYPERLINK("http://x")')
    rows = read_csv(client.get(reverse("grants:export-allocations", args=["csv"])))
    assert {r["Determination"] for r in rows} >= {'\'=HYPERLINK("http://x")'}
    response = client.get(reverse("grants:export-allocations", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    # XLSX: a text cell with Excel's quote prefix (what Excel stores for '=...), so it
    # stays text when edited and reads back as it was.
    cells = [c for c in sheet["A"] if c.value == '=HYPERLINK("http://x")']
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    for text in ["+1", "-1", "@SUM(A1)", "\tx"]:
        assert exports.safe_text(text).startswith("'")


def test_threesixty_json_has_the_standards_fields(client, grant_administrator, rc, dbv_allocation):
    client.force_login(grant_administrator)
    response = client.get(reverse("grants:export-360giving", args=["json"]))
    package = json.loads(response.content, parse_float=Decimal)
    grants = package["grants"]
    assert len(grants) == 2  # pending allocations have no amount to publish
    for grant in grants:
        assert set(grant) >= THREESIXTY_REQUIRED
        assert grant["currency"] == "GBP"
        assert grant["fundingOrganization"] == [
            {"id": "GB-GOR-D6", "name": "Department for Education"}
        ]
        assert grant["recipientOrganization"][0]["id"].startswith("360G-")
        assert grant["plannedDates"][0]["startDate"] <= grant["plannedDates"][0]["endDate"]
    amounts = {g["recipientOrganization"][0]["name"]: g["amountAwarded"] for g in grants}
    assert amounts == {
        "Leicester": LEICESTER_TOTAL,
        "North East Lincolnshire": DBV_TOTAL,
    }
    dbv = next(g for g in grants if g["amountAwarded"] == DBV_TOTAL)
    assert dbv["awardDate"] == str(dbv_allocation.decided_on)  # the council's decision
    assert len({g["id"] for g in grants}) == len(grants)


def test_threesixty_csv_uses_the_standards_field_names(client, grant_administrator, grants):
    client.force_login(grant_administrator)
    rows = read_csv(client.get(reverse("grants:export-360giving", args=["csv"])))
    assert list(rows[0]) == exports.THREESIXTY_CSV_FIELDS
    assert {"recipientOrganization/0/id", "fundingOrganization/0/name", "amountAwarded"} <= set(
        rows[0]
    )
    assert {r["amountAwarded"] for r in rows} == {str(LEICESTER_TOTAL), str(DBV_TOTAL)}


def test_officer_threesixty_export_holds_only_their_council(client, officer, grants):
    client.force_login(officer)
    package = json.loads(client.get(reverse("grants:export-360giving", args=["json"])).content)
    assert [g["recipientOrganization"][0]["name"] for g in package["grants"]] == ["Leicester"]


def test_unknown_format_or_forged_determination_is_404(client, grant_administrator):
    client.force_login(grant_administrator)
    assert client.get(reverse("grants:export-allocations", args=["pdf"])).status_code == 404
    url = reverse("grants:export-allocations", args=["csv"])
    assert client.get(url, {"determination": "999999"}).status_code == 404
    assert client.get(url, {"determination": "x"}).status_code == 404


# Through core.exports: statements of grant usage, a council's grants page, made for
# people (money, dates, frozen header), scope and query counts.


def test_usage_statements_export_totals_each_statement(client, grant_administrator, grants):
    client.force_login(grant_administrator)
    response = client.get(reverse("grants:export-usage-statements", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    assert len(rows) == 2
    record = dict(zip(headers, rows[1], strict=True))
    assert record["Council"] == "North East Lincolnshire"
    assert Decimal(str(record["Total spend"])) == DBV_REPORTED
    assert sheet.cell(2, headers.index("Total spend") + 1).number_format.startswith('"£"')
    assert sheet.cell(2, headers.index("Submitted") + 1).is_date
    assert sheet.freeze_panes == "A2"
    rows = read_csv(client.get(reverse("grants:export-usage-statements", args=["csv"])))
    assert Decimal(rows[0]["Total spend"]) == DBV_REPORTED


def test_usage_statements_are_scoped_and_filtered(client, officer, nelincs_officer, grants, rc):
    url = reverse("grants:export-usage-statements", args=["csv"])
    client.force_login(officer)  # Leicester has no statement
    assert read_csv(client.get(url)) == []
    client.force_login(nelincs_officer)
    assert len(read_csv(client.get(url))) == 1
    # A determination with no allocation to their council is not theirs to name.
    assert client.get(url, {"determination": rc.pk}).status_code == 404


def test_council_grants_page_downloads_its_allocations(client, officer, leicester, grants):
    client.force_login(officer)
    page = reverse("grants:council-grants", args=[leicester.slug])
    assert 'href="?export=xlsx"' in client.get(page).content.decode()
    response = client.get(page, {"export": "xlsx"})
    assert "leicester-grant-allocations-" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[3] for r in rows[1:]] == ["Leicester"]
    total = sheet.cell(2, rows[0].index("Total") + 1)
    assert Decimal(str(total.value)) == LEICESTER_TOTAL
    assert total.number_format.startswith('"£"#,##0.00')


def test_another_councils_grants_page_export_is_404(client, officer, nelincs, grants):
    client.force_login(officer)
    page = reverse("grants:council-grants", args=[nelincs.slug])
    assert client.get(page, {"export": "csv"}).status_code == 404


@pytest.mark.parametrize("name", ["allocations", "payments", "usage-statements"])
def test_grants_exports_cost_a_fixed_number_of_queries(client, grant_administrator, grants, name):
    client.force_login(grant_administrator)
    url = reverse(f"grants:export-{name}", args=["xlsx"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    populate(DeterminationFactory(), list(Council.objects.order_by("name")[:15]))
    assert count() == few


def test_exports_follow_the_determination_lists_filters(client, grant_administrator, grants):
    client.force_login(grant_administrator)
    list_page = client.get(reverse("grants:determination-list"), {"financial_year": "2022-23"})
    assert "allocations.csv?financial_year=2022-23" in list_page.content.decode()
    url = reverse("grants:export-allocations", args=["csv"])
    rows = read_csv(client.get(url, {"financial_year": "2022-23"}))
    assert [r["Council"] for r in rows] == ["North East Lincolnshire"]
    rows = read_csv(client.get(url, {"council": "leicester"}))
    assert [r["Council"] for r in rows] == ["Leicester"]
    payments = reverse("grants:export-payments", args=["xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(payments, {"ring_fenced": "no"}).content)).active
    assert sheet.max_row == 1  # the headings only: the paid grant is ring-fenced


def test_a_forged_council_filter_selects_nothing(client, officer, grants, nelincs):
    client.force_login(officer)
    url = reverse("grants:export-allocations", args=["csv"])
    assert read_csv(client.get(url, {"council": nelincs.slug})) == []
    assert read_csv(client.get(url, {"financial_year": "1999-00"})) == []


def test_determination_list_downloads_its_rows_with_its_filters(
    client, grant_administrator, grants
):
    client.force_login(grant_administrator)
    page = reverse("grants:determination-list")
    assert 'href="?export=xlsx"' in client.get(page).content.decode()
    response = client.get(page, {"export": "xlsx"})
    assert "grant-determinations-" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    rows = read_csv(client.get(page, {"export": "csv", "ring_fenced": "yes"}))
    assert [r["Determination"] for r in rows] == [
        "Delivering Better Value in SEND grant, first wave"
    ]
    assert Decimal(rows[0]["Allocated"]) == DBV_TOTAL
    assert read_csv(client.get(page, {"export": "csv", "council": "no-such-council"})) == []


def test_officer_downloads_determinations_counting_their_allocations_only(client, officer, grants):
    client.force_login(officer)
    rows = read_csv(client.get(reverse("grants:determination-list"), {"export": "csv"}))
    regional = next(r for r in rows if r["Reference"] == "31/5492")
    assert regional["Allocations"] == "1"
    assert Decimal(regional["Allocated"]) == LEICESTER_TOTAL
