"""Uploads held to their limits before any library expands them (issue 21).

Each hostile file is written here, part by part (tests/hostile_files.py): a cell that
expands to megabytes from a few kilobytes, a row of a million cells, a header that lies
about a part's size, a reference Excel cannot have, a sheet cut off. Each is refused with
its own message, from the reader and from every import page, saving nothing; the bombs
are refused without being expanded (tracemalloc's peak stays far below what they hold).
"""

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendtracker.core.imports import ImportFileError, read_table
from sendtracker.core.imports.limits import quote
from tests import hostile_files as h
from tests.import_pages import PAGES, page_url, row_counts

NOT_XLSX = "The selected file could not be read as an Excel (XLSX) file"
NOT_DOCX = "The selected file could not be read as a Word (DOCX) file"
EXPANDS = "The selected file expands to more than 50MB when opened, so it cannot be read"
LONG_CELL = "has more than 10,000 characters. Shorten it and upload the file again"
WIDE_ROW = "has more than 1,000 cells. Delete the columns the import does not need"
ALL = ("csv", "xlsx", "docx")


def headed(*rows: str) -> list[str]:
    """A sheet with a heading row, then `rows` (each a <row> or a piece of one)."""
    return [h.text_row(1, ["Ref", "Action"]), *rows]


def shared_string_bomb(size: int) -> bytes:
    """One text cell, in the shared strings, of `size` characters: ~1 KB per MB."""
    return h.xlsx(
        headed('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1</v></c></row>'),
        shared_strings=["<si><t>", ("A", size), "</t></si>"],
    )


def million_cells() -> bytes:
    return h.xlsx(headed('<row r="2">', ("<c><v>1</v></c>", 1_000_000), "</row>"))


def lying_sheet() -> bytes:
    """A sheet of 3 MB whose headers say it is 5,000 bytes."""
    big = h.xlsx(
        headed(
            '<row r="2"><c r="A2" t="inlineStr"><is><t>', ("B", 3_000_000), "</t></is></c></row>"
        )
    )
    return h.lying_sizes(big, "xl/worksheets/sheet1.xml", 5000)


def truncated_sheet() -> bytes:
    cut = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{h.MAIN}"><sheetData>'
        + h.text_row(1, ["Ref", "Action"])
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="B'
    )
    return h.zipped(
        {
            "[Content_Types].xml": h.CONTENT_TYPES,
            "_rels/.rels": h.ROOT_RELS,
            "xl/workbook.xml": h.WORKBOOK,
            "xl/_rels/workbook.xml.rels": h.WORKBOOK_RELS,
            "xl/sharedStrings.xml": f'<sst xmlns="{h.MAIN}"/>',
            "xl/worksheets/sheet1.xml": cut,
        }
    )


# (file name, how to make it, what the reader says): each would cost the server
# memory, time or a server error without its check.
HOSTILE = {
    "shared string of 60 MB": ("a.xlsx", lambda: shared_string_bomb(60_000_000), EXPANDS),
    "shared string of 2 MB within the expanded limit": (
        "a.xlsx",
        lambda: shared_string_bomb(2_000_000),
        f"A cell in the selected file {LONG_CELL}",
    ),
    "inline cell of 20,000 characters": (
        "a.xlsx",
        lambda: h.xlsx(headed(h.text_row(2, ["1.1", "x" * 20_000]))),
        f"A cell in row 2 of the selected file {LONG_CELL}",
    ),
    "one row of a million cells": (
        "a.xlsx",
        million_cells,
        f"Row 2 of the selected file {WIDE_ROW}",
    ),
    "a cell in the last column": (
        "a.xlsx",
        lambda: h.xlsx(headed('<row r="2"><c r="A2"><v>1</v></c><c r="XFD2"><v>1</v></c></row>')),
        f"Row 2 of the selected file {WIDE_ROW}",
    ),
    "a header lying about a part's size": ("a.xlsx", lying_sheet, NOT_XLSX),
    "a malformed cell reference": (
        "a.xlsx",
        lambda: h.xlsx(headed('<row r="2"><c r="AAAAA2"><v>1</v></c></row>')),
        NOT_XLSX,
    ),
    "a row past Excel's last": (
        "a.xlsx",
        lambda: h.xlsx(headed('<row r="99999999"><c><v>1</v></c></row>')),
        NOT_XLSX,
    ),
    "a sheet cut off": ("a.xlsx", truncated_sheet, NOT_XLSX),
    "a DTD declaring entities": (
        "a.xlsx",
        lambda: h.xlsx(
            headed(h.text_row(2, ["1.1", "Audit"])),
            extra={"docProps/x.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'},
        ),
        NOT_XLSX,
    ),
    "styles of 120,000 formats": (
        "a.xlsx",
        lambda: h.xlsx(
            headed(h.text_row(2, ["1.1", "Audit"])),
            extra={
                "xl/styles.xml": [
                    f'<styleSheet xmlns="{h.MAIN}"><cellXfs>',
                    ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>', 120_000),
                    "</cellXfs></styleSheet>",
                ]
            },
        ),
        "The selected file has too much formatting or other content besides its cells",
    ),
    "a CSV line of a million commas": (
        "a.csv",
        lambda: b"Ref,Action\n" + b"," * 1_000_000 + b"\n",
        f"Row 2 of the selected file {WIDE_ROW}",
    ),
    "a CSV cell of 200,000 characters": (
        "a.csv",
        lambda: b"Ref,Action\n1.1," + b"x" * 200_000 + b"\n",
        f"A cell in row 2 of the selected file {LONG_CELL}",
    ),
    "a CSV cell of 20,000 characters": (
        "a.csv",
        lambda: b'Ref,Action\n1.1,"' + b"x" * 20_000 + b'"\n',
        f"A cell in row 2 of the selected file {LONG_CELL}",
    ),
    "a Word row of 2,000 cells": (
        "a.docx",
        lambda: h.docx(["<w:tbl><w:tr>", (h.word_cell("x"), 2000), "</w:tr></w:tbl>"]),
        f"A row of the selected file {WIDE_ROW}",
    ),
    "a Word cell spanning 100,000 columns": (
        "a.docx",
        lambda: h.docx(
            [
                '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr><w:p/></w:tc>',
                "</w:tr></w:tbl>",
            ]
        ),
        f"A row of the selected file {WIDE_ROW}",
    ),
    "a Word cell of 20,000 characters": (
        "a.docx",
        lambda: h.docx(
            ["<w:tbl><w:tr>", h.word_cell("Ref"), h.word_cell("y" * 20_000), "</w:tr></w:tbl>"]
        ),
        f"A cell in the selected file {LONG_CELL}",
    ),
    "a Word document of a million paragraphs": (
        "a.docx",
        lambda: h.docx([("<w:p/>", 1_000_001)]),
        "The selected document is too long to be read",
    ),
    "a cut-off Word document": (
        "a.docx",
        lambda: h.zipped({"word/document.xml": f'<w:document xmlns:w="{h.W}"><w:body><w:tbl>'}),
        NOT_DOCX,
    ),
}


def read(name: str, data: bytes, **options):
    return read_table(
        SimpleUploadedFile(name, data), formats=ALL, max_bytes=5 * 1024 * 1024, **options
    )


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_file_is_refused_with_its_message_before_it_is_expanded(case):
    name, make, message = HOSTILE[case]
    data = make()
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as refused:
            read(name, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message in refused.value.message
    # What the file holds once expanded is megabytes, or (a million cells) hundreds of
    # them as openpyxl's objects: refused, the reader has held little more than the file.
    assert peak < 5 * 1024 * 1024, f"{case}: peak {peak:,} bytes"


def test_a_sheet_whose_stated_size_is_the_whole_grid_is_read_as_the_cells_it_has():
    # Trusted, the size would pad each of a million rows to 16,384 cells.
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{h.MAIN}">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        + h.text_row(1, ["Ref", "Action"])
        + h.text_row(2, ["1.1", "Audit"])
        + "</sheetData></worksheet>"
    )
    sized = h.zipped(
        {
            "[Content_Types].xml": h.CONTENT_TYPES,
            "_rels/.rels": h.ROOT_RELS,
            "xl/workbook.xml": h.WORKBOOK,
            "xl/_rels/workbook.xml.rels": h.WORKBOOK_RELS,
            "xl/sharedStrings.xml": f'<sst xmlns="{h.MAIN}"/>',
            "xl/worksheets/sheet1.xml": sheet,
        }
    )
    table = read("a.xlsx", sized)
    assert table.headers == ["Ref", "Action"]
    assert table.rows == [(2, ["1.1", "Audit"])]


def test_limits_are_settings(settings):
    settings.IMPORT_MAX_PARTS = 5
    with pytest.raises(ImportFileError, match="made of more than 5 parts, so it cannot be read"):
        read("a.xlsx", h.xlsx(headed(h.text_row(2, ["1.1", "Audit"]))))
    settings.IMPORT_MAX_PARTS = 1000
    settings.IMPORT_MAX_CELLS = 50
    many = [h.text_row(n, ["1.1", "Audit"]) for n in range(2, 40)]
    with pytest.raises(ImportFileError, match=r"has more than 50 cells\. Delete unused rows"):
        read("a.xlsx", h.xlsx(headed(*many)))
    settings.IMPORT_MAX_CELLS = 500_000
    settings.IMPORT_MAX_CELL_CHARS = 10
    with pytest.raises(
        ImportFileError, match="A cell in row 2 of the selected file has more than 10 characters"
    ):
        read("a.csv", b"Ref,Action\n1.1,Audit of plans\n")
    settings.IMPORT_MAX_EXPANDED_BYTES = 1024 * 1024
    settings.IMPORT_MAX_CELL_CHARS = 10_000_000
    with pytest.raises(ImportFileError, match="expands to more than 1MB when opened"):
        read("a.xlsx", shared_string_bomb(2_000_000))


def test_a_message_quotes_at_most_the_first_forty_characters_of_a_cell():
    assert quote("x" * 41) == "x" * 40 + "…"
    assert quote("short") == "short"


@pytest.fixture
def signed_in(client, request, leicester):
    """(client, url, page) for an import page, signed in as a user who may use it."""
    page = request.param
    user = request.getfixturevalue(page.role)
    client.force_login(user)
    return client, page_url(page, leicester), page


def post(client, url, page, name, data):
    return client.post(url, {"file": SimpleUploadedFile(name, data), **dict(page.fields)})


VIEW_CASES = [
    "shared string of 2 MB within the expanded limit",
    "one row of a million cells",
    "a malformed cell reference",
    "a sheet cut off",
    "a CSV line of a million commas",
]


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", PAGES, indirect=True, ids=[p.name for p in PAGES])
def test_every_import_page_refuses_hostile_files_with_the_message_and_saves_nothing(signed_in):
    client, url, page = signed_in
    for case in VIEW_CASES:
        name, make, message = HOSTILE[case]
        before = row_counts()
        response = post(client, url, page, name, make())
        assert response.status_code == 200, case
        errors = list(response.context["form"].errors.get("file", []))
        assert any(message in error for error in errors), (case, errors)
        assert len(response.content) < 200_000, case
        assert row_counts() == before, case


@pytest.mark.django_db
def test_plan_import_refuses_a_hostile_word_file(client, officer, leicester):
    page = next(p for p in PAGES if p.name == "inspections:plan-import")
    client.force_login(officer)
    url = page_url(page, leicester)
    for case in ("a Word row of 2,000 cells", "a Word cell spanning 100,000 columns"):
        name, make, message = HOSTILE[case]
        before = row_counts()
        response = post(client, url, page, name, make())
        assert response.status_code == 200
        assert any(message in e for e in response.context["form"].errors["file"])
        assert row_counts() == before


@pytest.fixture
def annex_b(client, grant_administrator, leicester):
    page = next(p for p in PAGES if p.name == "grants:allocation-import")
    client.force_login(grant_administrator)
    return client, page_url(page, leicester), page


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["1e309", "1e308", "1" + "0" * 40, "-1e309", "NaN"])
def test_money_cells_too_big_to_hold_are_the_columns_error(annex_b, amount):
    """Excel writes no NaN: a number cell of it is a damaged file, said so."""
    from grants.imports import HEADINGS

    client, url, page = annex_b
    cells = [
        h.cell("A2", "Leicester City Council", kind="inlineStr"),
        h.cell("B2", "14"),
        h.cell("C2", "West Midlands", kind="inlineStr"),
        h.cell("D2", amount),
        h.cell("E2", "5"),
    ]
    data = h.xlsx([h.text_row(1, HEADINGS), f'<row r="2">{"".join(cells)}</row>'])
    before = row_counts()
    response = post(client, url, page, "annex-b.xlsx", data)
    assert response.status_code == 200
    assert row_counts() == before
    if amount == "NaN":
        assert response.context["form"].errors["file"][0].startswith(NOT_XLSX)
        return
    errors = {row.number: row.errors for row in response.context["result"].rows if row.errors}
    assert errors[2]["base_funding"] == (
        "Base funding must be an amount in pounds and pence, like 21271.92"
    )
    assert row_counts() == before


@pytest.mark.django_db
def test_an_error_quotes_a_short_piece_of_a_long_cell(annex_b):
    from grants.imports import HEADINGS

    client, url, page = annex_b
    long_name = "Nowhere " * 1000
    data = ",".join(f'"{h}"' for h in HEADINGS) + f'\n"{long_name}",14,West Midlands,1,1,2\n'
    response = post(client, url, page, "annex-b.csv", data.encode())
    assert response.status_code == 200
    errors = [row.errors for row in response.context["result"].rows if row.errors]
    message = errors[0]["council"]
    assert "Nowhere Nowhere Nowhere Nowhere Nowhere…" in message
    assert len(message) < 200


@pytest.mark.django_db
def test_upload_pages_state_the_expanded_limit_of_the_setting(client, officer, leicester, settings):
    settings.IMPORT_MAX_EXPANDED_BYTES = 20 * 1024 * 1024
    page = next(p for p in PAGES if p.name == "inspections:plan-import")
    client.force_login(officer)
    url = page_url(page, leicester)
    assert "no more than 20MB once unzipped" in client.get(url).content.decode()
    response = post(client, url, page, "a.xlsx", shared_string_bomb(30_000_000))
    assert any(
        "expands to more than 20MB when opened" in e
        for e in response.context["form"].errors["file"]
    )
