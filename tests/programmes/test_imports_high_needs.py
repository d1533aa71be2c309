"""Importing a council's High Needs Block years: seed 002's figures, re-import, edits,
bad files, permissions and the round trip of the High Needs Block export."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programmes import derive
from programmes.models import FigureKind, HighNeedsYear
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

# Seed 002's Appendix 5 (Leicester's High Needs Block), one row a year, in £'000 as the
# report has it: the direct and indirect subtotals and the allocation taken off.
SEED_002 = (
    "Year,Figures,Direct spend £'000,Indirect spend £'000,Less Allocation £'000\n"
    '2015/16,Actuals,"34,532","5,531","(38,228)"\n'
    '2016/17,Actuals,"37,507","5,479","(38,491)"\n'
    '2017/18,Actuals,"40,593","5,501","(44,385)"\n'
    '2018/19,Actuals,"45,176","5,587","(45,808)"\n'
    '2019-20,Actuals,"48,426","5,521","(47,321)"\n'
    '2020/21,Actuals,"53,629","5,370","(54,065)"\n'
    '2022/23,Forecast,"60,164","5,550","(60,153)"\n'
)
EXPORT_HEADINGS = [
    "Year",
    "Figures",
    "Direct spend",
    "Indirect spend",
    "Total spend",
    "Allocation",
    "Overspend (underspend)",
    "Overspend, % of allocation",
    "Growth in direct spend, %",
    "Growth since",
    "Cumulative deficit",
    "Source",
]


@pytest.fixture
def url(leicester):
    return reverse("programmes:high-needs-import", args=[leicester.slug])


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def years(council) -> dict:
    return {
        y.year_starting: (y.kind, y.direct_spend, y.indirect_spend, y.allocation)
        for y in HighNeedsYear.objects.filter(council=council)
    }


def test_seed_002_table_is_previewed_then_saved_in_pounds(officer_client, url, leicester, officer):
    page = preview(officer_client, upload(officer_client, url, SEED_002))
    assert page.context["counts"] == {"create": 7, "update": 0, "unchanged": 0}
    assert not HighNeedsYear.objects.exists()
    landed = confirm(officer_client, upload(officer_client, url, SEED_002))
    assert "Years imported: 7 created, 0 updated, 0 unchanged." in landed.content.decode()
    saved = years(leicester)
    assert saved[2019] == (
        FigureKind.ACTUAL,
        Decimal("48426000.00"),
        Decimal("5521000.00"),
        Decimal("47321000.00"),
    )
    assert saved[2022][0] == FigureKind.FORECAST
    # The report's overspend row, derived: 5,561 (2022/23) and 6,626 (2019/20).
    rows = {r.year.year_starting: r for r in derive.high_needs_rows(HighNeedsYear.objects.all())}
    assert rows[2022].overspend == Decimal("5561000.00")
    assert rows[2019].overspend == Decimal("6626000.00")
    assert audit_entries(HighNeedsYear, actor=officer).filter(action=0).count() == 7


def test_importing_the_same_file_again_changes_nothing(officer_client, url, leicester):
    confirm(officer_client, upload(officer_client, url, SEED_002))
    leicester.refresh_from_db()
    version, entries = leicester.programmes_version, audit_entries(HighNeedsYear).count()
    page = preview(officer_client, upload(officer_client, url, SEED_002))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 7}
    confirm(officer_client, upload(officer_client, url, SEED_002))
    leicester.refresh_from_db()
    assert (leicester.programmes_version, audit_entries(HighNeedsYear).count()) == (
        version,
        entries,
    )


def test_an_edited_file_changes_only_the_edited_row(officer_client, url, leicester):
    confirm(officer_client, upload(officer_client, url, SEED_002))
    before = years(leicester)
    edited = SEED_002.replace('2022/23,Forecast,"60,164"', '2022/23,Forecast,"61,000"')
    page = preview(officer_client, upload(officer_client, url, edited))
    assert page.context["counts"] == {"create": 0, "update": 1, "unchanged": 6}
    assert "£60,164,000.00" in page.content.decode()
    confirm(officer_client, upload(officer_client, url, edited))
    after = years(leicester)
    assert {y for y in after if after[y] != before[y]} == {2022}
    assert after[2022][1] == Decimal("61000000.00")


def test_export_round_trip_xlsx_changes_nothing(officer_client, url, leicester):
    factories.leicester_high_needs(leicester)
    factories.high_needs_years(
        leicester,
        {2023: (Decimal("70000000.50"), 6000000, 65000000)},
        kind=FigureKind.FORECAST,
        deficits={2023: 12_345_678},
    )
    HighNeedsYear.objects.filter(year_starting=2019).update(source="Appendix 5")
    rows = [EXPORT_HEADINGS]
    for r in derive.high_needs_rows(HighNeedsYear.objects.filter(council=leicester)):
        rows.append(
            [
                r.label,
                r.year.get_kind_display(),
                r.year.direct_spend,
                r.year.indirect_spend,
                r.total_spend,
                r.year.allocation,
                r.overspend,
                r.overspend_percent,
                r.direct_growth,
                r.growth_since,
                r.cumulative_deficit,
                r.year.source,
            ]
        )
    content = xlsx(rows)
    page = preview(officer_client, upload(officer_client, url, content, name="hnb.xlsx"))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 8}
    ignored = page.context["result"].ignored
    assert "Total spend" in ignored and "Overspend (underspend)" in ignored


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("years.csv", b"", "The selected file is empty"),
        ("years.xlsx", b"Year,Figures\n", "this one is another kind of file"),
        ("years.docx", b"PK\x03\x04", "The selected file must be a CSV or Excel (XLSX) file"),
        (
            "years.csv",
            b"Year,Figures,Direct spend,Indirect spend\n2019/20,Actual,1,2\n",
            "The file is missing the column \u201cAllocation\u201d",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_message(officer_client, url, name, content, message):
    response = upload(officer_client, url, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(file_errors(response))
    assert not HighNeedsYear.objects.exists()


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_saved(officer_client, url):
    content = (
        "Year,Figures,Direct spend,Indirect spend,Allocation\n"
        "2019/20,Actual,1,2,3\n"
        "2019-20,Actual,1,2,3\n"
        "2019/21,Actual,1,2,3\n"
        "2020/21,Budgeted,1,2,3\n"
        "2021/22,Actual,lots,-2,3.001\n"
        "31/02/2022,Actual,1,2,3\n"
    )
    response = upload(officer_client, url, content)
    errors = row_errors(response)
    assert errors[3] == {"year": "Year is the same as in row 2"}
    assert errors[4] == {"year": "Year “2019/21” is not a financial year: the years must follow on"}
    assert errors[5] == {"kind": "Figures “Budgeted” is not Actual or Forecast"}
    assert errors[6] == {
        "direct_spend": "Direct spend must be an amount in pounds, like 32717000",
        "indirect_spend": "Indirect spend cannot be negative",
        "allocation": "Allocation must be to the penny at most",
    }
    assert errors[7] == {"year": "Year “31/02/2022” is not a financial year: write it like 2019/20"}
    assert "Row 5: Figures “Budgeted” is not Actual or Forecast" in file_errors(response)
    assert not HighNeedsYear.objects.exists()


def test_another_councils_officer_gets_404_and_a_board_member_403(
    client, url, nelincs_officer, board_member
):
    client.force_login(nelincs_officer)
    assert client.get(url).status_code == 404
    client.force_login(board_member)
    assert client.get(url).status_code == 403
    assert upload(client, url, SEED_002).status_code == 403
    assert not HighNeedsYear.objects.exists()


def test_the_link_is_shown_to_those_who_may_import(client, officer, board_member, leicester, url):
    page = reverse("programmes:high-needs", args=[leicester.slug])
    client.force_login(officer)
    assert url in client.get(page).content.decode()
    client.force_login(board_member)
    assert url not in client.get(page).content.decode()
