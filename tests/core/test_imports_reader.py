"""sendtracker.core.imports: reading CSV, XLSX and DOCX files, and refusing bad ones."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from sendtracker.core.imports import Column, ImportFileError, ImportSpec, read_table, text
from sendtracker.core.imports.parsers import CellError, dates_in, flexible_date
from sendtracker.core.imports.spec import heading_key
from tests.inspections.plan_files import seed_docx

ALL = ("csv", "xlsx", "docx")


def upload(name, data):
    return SimpleUploadedFile(name, data)


def workbook_bytes(rows, fill=None):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    if fill:
        workbook.active["B2"].fill = PatternFill("solid", fgColor=fill)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_csv_in_windows_1252_with_a_bom_and_semicolons_is_read():
    data = b"\xef\xbb\xbf" + "Ref;Action\n1.1;Caf\xe9 review\n".encode("latin-1")
    table = read_table(upload("plan.csv", data), formats=ALL)
    assert table.headers == ["Ref", "Action"]
    assert table.rows == [(2, ["1.1", "Café review"])]


def test_csv_in_utf8_with_a_bom_and_commas_is_read():
    data = "\ufeffRef,Action\n1.1,“Quoted” – dash\n".encode()
    assert read_table(upload("plan.csv", data)).rows == [(2, ["1.1", "“Quoted” – dash"])]


def test_csv_cells_escaped_from_spreadsheets_are_read_as_their_text_when_reading_values():
    data = b"Ref,Reason\n1,'=Staff shortage\n2,'-2 posts\n3,'apostrophe kept\n"
    values = read_table(upload("plan.csv", data), formulas="cached")
    assert [cells for _, cells in values.rows] == [
        ["1", "=Staff shortage"],
        ["2", "-2 posts"],
        ["3", "'apostrophe kept"],
    ]
    # Read for formulas to be refused, the apostrophe stays: nothing becomes a formula.
    refused = read_table(upload("plan.csv", data))
    assert [cells[1] for _, cells in refused.rows][:2] == ["'=Staff shortage", "'-2 posts"]


def test_xlsx_fill_colours_are_read_when_asked():
    data = workbook_bytes([["Ref", "Status"], ["1.1", None]], fill="FF0000")
    assert read_table(upload("p.xlsx", data), fills=True).fills == {2: {1: "FF0000"}}
    assert read_table(upload("p.xlsx", data)).fills == {}


def test_xlsx_formulas_are_read_as_cached_values_when_asked():
    data = workbook_bytes([["Ref", "Action"], ["1.1", "=A2"]])
    assert read_table(upload("p.xlsx", data)).rows[0][1][1] == "=A2"
    # openpyxl writes no cached value: the cell is read as Excel would show it, empty.
    assert read_table(upload("p.xlsx", data), formulas="cached").rows[0][1][1] == ""


def test_header_row_is_found_below_a_title_when_the_spec_says_what_it_is():
    spec = ImportSpec(columns=[Column("Ref", "ref", text()), Column("Action", "a", text())])
    data = workbook_bytes([["Accelerated Progress Plan"], [], ["Ref", "Action"], ["1", "x"]])
    table = read_table(upload("p.xlsx", data), is_header=spec.is_header)
    assert table.headers == ["Ref", "Action"] and table.rows == [(4, ["1", "x"])]


def test_docx_tables_are_read_across_pages_with_lines_kept():
    spec = ImportSpec(columns=[Column("Ref", "ref", text()), Column("Action", "a", text())])
    tables = [
        [[["Ref"], ["Action"]], [["1"], ["First", "second line"]]],
        [[["Ref"], ["Action"]], [["2"], ["Next page"]]],
        [[["Other"], ["Table"]], [["x"], ["y"]]],
    ]
    table = read_table(upload("p.docx", seed_docx(tables)), formats=ALL, is_header=spec.is_header)
    assert [cells for _, cells in table.rows] == [["1", "First\nsecond line"], ["2", "Next page"]]


def test_docx_without_a_matching_table_is_refused():
    spec = ImportSpec(columns=[Column("Ref", "ref", text()), Column("Action", "a", text())])
    data = seed_docx([[[["Name"], ["Total"]], [["x"], ["1"]]]])
    with pytest.raises(ImportFileError, match="no table with the headings"):
        read_table(upload("p.docx", data), formats=ALL, is_header=spec.is_header)


def zip_with(members: dict[str, bytes], *, level=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("p.xlsx", b"", "The selected file is empty"),
        ("p.csv", b"\n\n", "The selected file is empty"),
        ("p.xlsx", b"%PDF-1.7 not a workbook", "another kind of file with a name ending .xlsx"),
        ("p.docx", b"plain text", "another kind of file with a name ending .docx"),
        ("p.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 600, "password-protected or in an old format"),
        ("p.xlsm", b"PK\x03\x04", "macro-enabled"),
        (
            "p.xlsx",
            zip_with({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"x"}),
            "contains macros",
        ),
        ("p.xlsx", zip_with({"word/document.xml": b"<d/>"}), "could not be read as an Excel"),
        (
            "p.xlsx",
            zip_with({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b"0" * 60_000_000}),
            "expands to more than 50MB",
        ),
        ("p.pdf", b"%PDF", "must be a CSV, Excel (XLSX) or Word (DOCX) file"),
    ],
)
def test_bad_files_are_refused_with_their_message(name, data, message):
    with pytest.raises(ImportFileError) as error:
        read_table(upload(name, data), formats=ALL)
    assert message in error.value.message


def test_too_many_rows_are_refused_while_reading():
    data = ("Ref,Action\n" + "1,x\n" * 5001).encode()
    with pytest.raises(ImportFileError, match="more than 5,000 rows"):
        read_table(upload("p.csv", data), max_rows=5000)


def test_headings_match_forgivingly():
    assert heading_key("Evidence – Output (completion of actions)") == "evidence output"
    assert heading_key("LEAD  (Governance)") == "lead"
    assert heading_key("Impact milestone(s)") == "impact milestone"
    spec = ImportSpec(
        columns=[
            Column("Action", "a", text()),
            Column("Action milestone", "m", text(), aliases=("Milestone",)),
        ]
    )
    assert spec.match(["ACTION MILESTONE", "Action"]) == {"m": 0, "a": 1}
    assert spec.match(["Action  — to do (see note)", "Milestone"]) == {"a": 0, "m": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/03/2022", "2022-03-31"),
        ("2022-03-31", "2022-03-31"),
        ("Dec 21", "2021-12-31"),
        ("Sept 2023", "2023-09-30"),
        ("March 22", "2022-03-31"),
        ("1 April 2022", "2022-04-01"),
        ("44561", "2021-12-31"),
    ],
)
def test_dates_as_councils_write_them(text, expected):
    assert flexible_date(text).isoformat() == expected


def test_several_dates_in_one_cell_and_their_descriptions():
    found = dates_in("Dec 21 Mar 22\n30/06/2022 – Audit reported")
    assert [(d.isoformat(), t) for d, t in found] == [
        ("2021-12-31", ""),
        ("2022-03-31", ""),
        ("2022-06-30", "Audit reported"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [("31/02/2022", "“31/02/2022”, which is not a real date"), ("soon", "“soon”")],
)
def test_unreadable_dates_say_what_they_are(text, message):
    with pytest.raises(CellError) as error:
        dates_in(text)
    assert message in error.value.message
