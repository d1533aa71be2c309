"""core.exports: the one way tables become CSV and XLSX."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.http import Http404
from openpyxl import load_workbook

from sendtracker.core import exports
from sendtracker.core.exports import DATE, MONEY, NUMBER, STATUS, Column, Export
from sendtracker.core.status import HEX, StatusKey

COLUMNS = [
    Column("Name", lambda r: r["name"]),
    Column("Due", lambda r: r.get("due"), DATE),
    Column("Amount", lambda r: r.get("amount"), MONEY),
    Column("Count", lambda r: r.get("count"), NUMBER),
    Column("Status", lambda r: r.get("status"), STATUS),
]
DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def export(rows, **kwargs):
    return Export(
        name="Leicester plan 2 actions",
        sheet="Actions",
        columns=COLUMNS,
        rows=rows,
        today=datetime.date(2026, 11, 30),
        **kwargs,
    )


def xlsx(rows, **kwargs):
    return load_workbook(io.BytesIO(exports.to_xlsx(export(rows, **kwargs)))).active


def test_every_formula_start_is_neutralised_in_csv():
    text = exports.to_csv(export([{"name": value} for value in DANGEROUS]))
    for value in DANGEROUS:
        assert "'" + value in text
    assert text.startswith("\ufeffName,Due,Amount,Count,Status\r\n")


def test_every_formula_start_is_a_quote_prefixed_text_cell_in_xlsx():
    sheet = xlsx([{"name": value} for value in DANGEROUS])
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    # Written without lxml, XML reads a carriage return back as a line feed; with it
    # (python-docx brings lxml), as itself. Either way the text is not a formula.
    assert [c.value.replace("\r", "\n") for c in cells] == [
        v.replace("\r", "\n") for v in DANGEROUS
    ]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not sheet["A1"].quotePrefix


def test_xlsx_dates_are_dates_and_money_is_exact_pounds():
    rows = [
        {
            "name": "One",
            "due": datetime.date(2027, 3, 31),
            "amount": Decimal("1234567.89"),
            "count": 14,
        }
    ]
    data = exports.to_xlsx(export(rows))
    sheet = load_workbook(io.BytesIO(data)).active
    due, amount, count = sheet["B2"], sheet["C2"], sheet["D2"]
    assert due.is_date and due.value == datetime.datetime(2027, 3, 31)
    assert due.number_format == "dd/mm/yyyy"
    assert amount.data_type == "n" and amount.number_format.startswith('"£"#,##0.00')
    assert count.value == 14
    # The Decimal is written digit for digit, not through a float.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<v>1234567.89</v>" in archive.read("xl/worksheets/sheet1.xml").decode()


def test_csv_dates_are_iso_and_money_plain():
    text = exports.to_csv(
        export([{"name": "x", "due": datetime.date(2027, 3, 31), "amount": Decimal("10.50")}])
    )
    assert text.splitlines()[1] == "x,2027-03-31,10.50,,"


def test_statuses_are_words_on_their_colour_in_the_key():
    sheet = xlsx(
        [{"name": "a", "status": "minor_delay"}, {"name": "b", "status": "not_started"}],
        status_key=StatusKey.GREY_YELLOW,
    )
    assert sheet["E2"].value == "Minor delay"
    assert sheet["E2"].fill.fgColor.rgb.endswith(HEX["Yellow"][0])
    assert sheet["E3"].fill.fgColor.rgb.endswith(HEX["White"][0])
    assert exports.to_csv(export([{"name": "a", "status": "on_track"}])).endswith(
        "a,,,,On track\r\n"
    )


def test_header_frozen_bold_and_widths_from_content_capped():
    sheet = xlsx([{"name": "x" * 500, "due": datetime.date(2027, 1, 1)}, {"name": "short"}])
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width == exports.MAX_WIDTH
    assert sheet.column_dimensions["B"].width == 12  # a date, 10 characters, and margin
    assert sheet.column_dimensions["D"].width == exports.MIN_WIDTH  # "Count", no values
    assert sheet["A2"].alignment.wrap_text and not sheet["A3"].alignment.wrap_text


def test_every_row_is_written_beyond_the_sample_measured_for_widths():
    rows = ({"name": f"row {i}", "count": i} for i in range(exports.WIDTH_SAMPLE + 250))
    sheet = xlsx(rows)
    assert sheet.max_row == exports.WIDTH_SAMPLE + 251
    assert sheet.cell(sheet.max_row, 4).value == exports.WIDTH_SAMPLE + 249


def test_control_characters_xml_cannot_hold_are_dropped():
    sheet = xlsx([{"name": "bell\x07 and\ttab\nline"}])
    assert sheet["A2"].value == "bell and\ttab\nline"


def test_aware_datetimes_are_written_in_local_time_without_zone():
    from django.utils import timezone

    moment = timezone.make_aware(datetime.datetime(2026, 7, 1, 9, 30))
    sheet = xlsx([{"name": "x", "due": moment}])
    assert sheet["B2"].value == datetime.datetime(2026, 7, 1, 9, 30)


def test_filename_is_safe_and_dated():
    assert export([]).filename("xlsx") == "leicester-plan-2-actions-2026-11-30.xlsx"
    odd = Export(
        name='../"Bad"\r\nname',
        sheet="S",
        columns=COLUMNS,
        rows=[],
        today=datetime.date(2026, 1, 2),
    )
    assert odd.filename("csv") == "bad-name-2026-01-02.csv"


def test_download_answers_csv_and_xlsx_and_refuses_other_formats():
    response = exports.download(export([{"name": "x"}]), "csv")
    assert response.streaming
    assert response["Content-Disposition"] == (
        'attachment; filename="leicester-plan-2-actions-2026-11-30.csv"'
    )
    response = exports.download(export([{"name": "x"}]), "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with pytest.raises(Http404):
        exports.download(export([]), "pdf")


def test_a_column_of_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown column kind"):
        Column("X", str, "colour")
