"""sendtracker.core.imports read row by row: iter_table, ImportSpec.stream, and previews
that keep the file (PreviewStore.save_file), not its rows."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sendtracker.core.imports import (
    Column,
    ImportFileError,
    ImportSpec,
    PreviewError,
    PreviewStore,
    iter_table,
    read_table,
    text,
    whole_number,
)
from sendtracker.core.imports import spec as spec_module
from sendtracker.core.models import ImportUpload

SPEC = ImportSpec(
    columns=[
        Column("Ref", "ref", text(10), required=True, unique=True),
        Column("Count", "count", whole_number),
    ]
)


def csv(*lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("t.csv", ("\n".join(lines) + "\n").encode())


def test_too_many_rows_are_refused_when_the_row_past_the_limit_is_read():
    stream = iter_table(csv("Ref,Count", "a,1", "b,2", "c,3"), max_rows=2)
    assert stream.headers == ["Ref", "Count"]
    rows = iter(stream)
    assert next(rows) == (2, ["a", "1"], {})
    assert next(rows) == (3, ["b", "2"], {})
    with pytest.raises(ImportFileError, match="more than 2 rows"):
        next(rows)


def test_headings_without_rows_are_refused_before_any_row_is_read():
    with pytest.raises(ImportFileError, match="headings but no rows"):
        iter_table(csv("Ref,Count", ","))


def test_streamed_rows_are_parsed_as_parse_parses_them_and_read_once():
    upload = csv("Ref,Count", "a,1", "b,x", "a,3", ",4")
    result = SPEC.stream(iter_table(upload))
    rows = list(result)
    assert [row.values.get("ref") for row in rows] == ["a", "b", "a", None]
    assert rows[2].errors == {"ref": "Ref is the same as in row 2"}
    assert result.row_count == 4 and result.error_count == 3 and not result.valid
    assert [row.number for row in result.rows] == [3, 4, 5]  # only rows with errors kept
    upload.seek(0)
    parsed = SPEC.parse(read_table(upload))
    assert [row.errors for row in parsed.rows] == [row.errors for row in rows]
    with pytest.raises(RuntimeError, match="only once"):
        list(result)


def test_errors_a_reader_adds_are_counted_and_rows_with_errors_are_capped(monkeypatch):
    monkeypatch.setattr(spec_module, "MAX_ERROR_ROWS", 2)
    result = SPEC.stream(iter_table(csv("Ref,Count", "a,1", "b,2", "c,3", "d,4")))
    for row in result:
        row.errors["count"] = "Count is not wanted"  # as a comparison with records adds
    assert result.error_count == 4 and result.row_count == 4
    assert [row.number for row in result.rows] == [2, 3] and result.errors_cut


def test_missing_headings_are_file_errors_and_no_rows_are_read():
    result = SPEC.stream(iter_table(csv("Ref,Other", "a,1"))).finish()
    assert result.file_errors == ["The file is missing the column “Count”"]
    assert result.row_count == 0 and not result.valid


@pytest.mark.django_db
def test_a_preview_keeps_its_file_in_the_database_and_only_its_id_in_the_session(officer):
    session = {}
    store = PreviewStore(session, kind="k", target="1")
    token = store.save_file(
        data=b"Ref\na\n", fingerprint="f", filename="t.csv", options={"x": 1}, user=officer
    )
    preview = store.get(token, fingerprint="f")
    assert "rows" not in preview and preview["upload"] == ImportUpload.objects.get().pk
    assert store.file_of(preview).read() == b"Ref\na\n"
    assert store.file_of(preview).name == "t.csv"
    store.check_digest(preview, preview["digest"])
    with pytest.raises(PreviewError, match="already been used"):
        PreviewStore(session, kind="k", target="2").file_of(preview)
    store.discard(token)
    assert not ImportUpload.objects.exists()
    with pytest.raises(PreviewError, match="already been used"):
        store.file_of(preview)


@pytest.mark.django_db
def test_files_of_replaced_and_expired_previews_are_deleted():
    session = {}
    store = PreviewStore(session, kind="k", target="1")
    tokens = [store.save_file(data=b"x", fingerprint="f", filename="t.csv") for _ in range(5)]
    assert set(session["sendtracker_import_previews"]) == set(tokens[-3:])
    assert ImportUpload.objects.count() == 3
    ImportUpload.objects.update(created=timezone.now() - datetime.timedelta(hours=1))
    PreviewStore({}, kind="k", target="2").save_file(data=b"y", fingerprint="f", filename="u.csv")
    assert ImportUpload.objects.count() == 1
