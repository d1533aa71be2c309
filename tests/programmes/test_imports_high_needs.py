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


# Seed 002's Appendix 5 as the report has it, a cell a tab (as copied from the
# document): the years across, the cost lines down, in £'000.
APPENDIX_5_ROWS = [
    [
        "HIGH NEEDS BLOCK",
        "Forecast 2022/23 £'000",
        "Actuals 2020/21 £'000",
        "Actuals 2019/20 £'000",
        "Actuals 2018/19 £'000",
        "Actuals 2017/18 £'000",
        "Actuals 2016/17 £'000",
        "Actuals 2015/16 £'000",
    ],
    ["Direct placement costs", "", "", "", "", "", "", ""],
    [
        "Special School Places & Top Ups",
        "32,717",
        "28,218",
        "26,830",
        "25,738",
        "24,701",
        "22,006",
        "20,054",
    ],
    ["Mainstream top ups", "12,202", "11,785", "9,870", "8,249", "6,177", "4,965", "3,792"],
    ["DSP Places & Top ups", "1,543", "802", "351", "431", "536", "719", "851"],
    ["Primary PRU", "1,157", "1,060", "1,060", "1,045", "3,221", "3,421", "3,433"],
    ["Secondary PRU", "2,343", "2,300", "2,195", "2,199", "", "", ""],
    [
        "Independent / Non-Maintained placements",
        "7,389",
        "7,093",
        "5,991",
        "5,620",
        "4,453",
        "4,782",
        "4,992",
    ],
    ["FE Colleges", "837", "846", "884", "806", "575", "715", "614"],
    [
        "Independent specialist provision post 16",
        "1,616",
        "1165",
        "885",
        "728",
        "570",
        "539",
        "436",
    ],
    [
        "SEN Transport (allowable charge to DSG only)",
        "360",
        "360",
        "360",
        "360",
        "360",
        "360",
        "360",
    ],
    ["", "60,164", "53,629", "48,426", "45,176", "40,593", "37,507", "34,532"],
    ["<i>Year on Year increase</i>", "12.2%", "10.7%", "7.2%", "11.6%", "11.6%", "11.6%", "11.6%"],
    ["Indirect costs", "", "", "", "", "", "", ""],
    ["SEND support service", "3,690", "3,208", "3,204", "3,411", "3,483", "3,379", "3,224"],
    ["Virtual School", "410", "380", "408", "407", "319", "320", "377"],
    ["Non statutory Psychology Service", "528", "528", "528", "528", "528", "566", "566"],
    ["Anti-Bullying service", "30", "26", "29", "30", "29", "29", "29"],
    ["Parent partnership advice service", "115", "115", "115", "118", "105", "195", "167"],
    ["Specialist equipment", "85", "71", "84", "82", "57", "", ""],
    ["Support for young carers", "40", "40", "40", "40", "30", "40", "40"],
    ["Other", "25", "53", "148", "25", "25", "25", "203"],
    ["Overheads", "627", "949", "965", "946", "925", "925", "925"],
    ["", "5,550", "5,370", "5,521", "5,587", "5,501", "5,479", "5,531"],
    [
        "Total direct and indirect costs",
        "65,714",
        "58,999",
        "53,947",
        "50,763",
        "46,094",
        "42,986",
        "40,063",
    ],
    [
        "Less Allocation",
        "(60,153)",
        "(54,065)",
        "(47,321)",
        "(45,808)",
        "(44,385)",
        "(38,491)",
        "(38,228)",
    ],
    ["Overspend", "5,561", "4,934", "6,626", "4,955", "1,709", "4,495", "1,835"],
]
APPENDIX_5 = "\n".join("\t".join(row) for row in APPENDIX_5_ROWS) + "\n"


def test_seed_002_report_table_is_read_as_it_stands(officer_client, url, leicester):
    page = preview(officer_client, upload(officer_client, url, APPENDIX_5, name="appendix-5.csv"))
    assert page.context["counts"] == {"create": 7, "update": 0, "unchanged": 0}
    confirm(officer_client, upload(officer_client, url, APPENDIX_5, name="appendix-5.csv"))
    saved = years(leicester)
    assert saved[2022] == (
        FigureKind.FORECAST,
        Decimal("60164000.00"),
        Decimal("5550000.00"),
        Decimal("60153000.00"),
    )
    assert saved[2015] == (
        FigureKind.ACTUAL,
        Decimal("34532000.00"),
        Decimal("5531000.00"),
        Decimal("38228000.00"),
    )
    assert set(saved) == {2015, 2016, 2017, 2018, 2019, 2020, 2022}
    # The same figures one row a year change nothing.
    page = preview(officer_client, upload(officer_client, url, SEED_002))
    assert page.context["counts"] == {"create": 0, "update": 0, "unchanged": 7}


def test_seed_002_report_table_as_xlsx(officer_client, url, leicester):
    # A title above the table, as in the report.
    content = xlsx([["Appendix 5: High Needs Block Expenditure"], [], *APPENDIX_5_ROWS])
    page = preview(officer_client, upload(officer_client, url, content, name="appendix-5.xlsx"))
    assert page.context["counts"] == {"create": 7, "update": 0, "unchanged": 0}


def test_a_report_table_that_does_not_add_up_is_refused_naming_row_and_column(officer_client, url):
    wrong = APPENDIX_5.replace("Mainstream top ups\t12,202", "Mainstream top ups\t12,209")
    wrong = wrong.replace("Virtual School\t410\t380\t408", "Virtual School\t410\t380\tabc")
    response = upload(officer_client, url, wrong, name="appendix-5.csv")
    messages = file_errors(response)
    assert (
        "Column “Forecast 2022/23 £'000”: the direct costs add up to 60,171, but row 12 says "
        "60,164" in messages
    )
    assert (
        "Row 16, column “Actuals 2019/20 £'000”: “abc” must be an amount in pounds, like 32717000"
        in messages
    )
    assert len(messages) == 3  # the count, and no sums over a cell that could not be read
    assert not HighNeedsYear.objects.exists()
