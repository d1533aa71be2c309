"""sendtracker.core.imports, through the cases grants relies on."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sendtracker.core.imports import (
    Column,
    ImportFileError,
    ImportSpec,
    PreviewError,
    PreviewStore,
    money,
    read_table,
    text,
)


def xlsx_upload(rows, name="t.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


SPEC = ImportSpec(
    columns=[Column("Name", "name", text(20), required=True), Column("Amount", "amount", money)]
)


def test_xlsx_formula_cells_are_refused_per_cell():
    table = read_table(xlsx_upload([["Name", "Amount"], ["A", "=1+1"], ["B", 2.5]]))
    result = SPEC.parse(table)
    assert result.rows[0].errors == {"amount": "Amount contains a formula: enter the value instead"}
    assert str(result.rows[1].values["amount"]) == "2.50"


def test_xlsx_float_cells_become_exact_decimals():
    table = read_table(xlsx_upload([["Name", "Amount"], ["A", 21271.92], ["B", 0.1]]))
    values = [str(r.values["amount"]) for r in SPEC.parse(table).rows]
    assert values == ["21271.92", "0.10"]


def test_windows_csv_is_read():
    upload = SimpleUploadedFile("t.csv", "Name,Amount\nCafé,£5\n".encode("cp1252"))
    result = SPEC.parse(read_table(upload))
    assert result.rows[0].values == {"name": "Café", "amount": money("5")}


def test_required_cell_and_length_limit():
    upload = SimpleUploadedFile("t.csv", b"Name,Amount\n,1\n" + b"x" * 21 + b",2\n")
    result = SPEC.parse(read_table(upload))
    assert result.rows[0].errors == {"name": "Enter the name"}
    assert result.rows[1].errors == {"name": "Name must be 20 characters or fewer"}
    assert not result.valid


def test_too_many_xlsx_rows_are_refused():
    rows = [["Name", "Amount"]] + [["x", 1]] * 1001
    with pytest.raises(ImportFileError, match="more than 1,000 rows"):
        read_table(xlsx_upload(rows))


def test_preview_is_single_use_and_tied_to_its_scope_and_state():
    session = {}
    store = PreviewStore(session, kind="k", target="1")
    token = store.save(rows=[[2, {"name": "A"}]], fingerprint="f1", filename="t.csv")
    preview = store.get(token, fingerprint="f1")
    store.check_digest(preview, preview["digest"])
    with pytest.raises(PreviewError, match="does not match"):
        store.check_digest(preview, "forged")
    with pytest.raises(PreviewError, match="changed after you previewed"):
        store.get(token, fingerprint="f2")
    with pytest.raises(PreviewError, match="already been used"):
        PreviewStore(session, kind="k", target="2").get(token, fingerprint="f1")
    store.discard(token)
    with pytest.raises(PreviewError, match="already been used"):
        store.get(token, fingerprint="f1")


def test_only_the_newest_previews_are_kept():
    session = {}
    store = PreviewStore(session, kind="k", target="1")
    tokens = [store.save(rows=[], fingerprint="f", filename="t.csv") for _ in range(5)]
    assert set(session["sendtracker_import_previews"]) == set(tokens[-3:])
