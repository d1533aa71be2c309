"""Property-based tests of every import page (issue 21): whatever a file holds (CSV,
XLSX or, for a plan, a Word table; the import's headings in any order, some left out,
cells of any text, numbers huge or tiny, dates real or not), uploading it, previewing
and confirming never answers a server error, and a refused upload or confirmation
saves nothing.

Hypothesis's examples share one database transaction, so each compares the row counts
of every table before and after its own requests.
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sendtracker.core.views.imports import ImportUploadView
from tests.import_pages import PAGES, page_url, row_counts

from .test_forms import HOSTILE

PROPERTY = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Cells as councils' files hold them, and as they should not.
CELLS = st.one_of(
    st.sampled_from(
        [
            "Leicester",
            "Leicester City Council",
            "East Midlands",
            "1",
            "1.1",
            "14",
            "21271.92",
            "£1,000",
            "31/03/2024",
            "2024-03-31",
            "March 2024",
            "2023/24",
            "On track",
            "Complete",
            "Actual",
            "Design phase",
            "EHCP 20-week timeliness",
        ]
    ),
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.none(),
)


@st.composite
def tables(draw, page):
    """A table for `page`: its headings (all in order, shuffled, or some of them, perhaps
    with one unknown) over 1-4 rows, each its example row (one that imports) with a few
    cells replaced by anything, or wholly anything."""
    headings = list(page.headings)
    chosen = draw(
        st.one_of(
            st.just(headings),
            st.permutations(headings),
            st.lists(st.sampled_from(headings), min_size=1, unique=True),
        )
    )
    if draw(st.integers(0, 4)) == 0:
        chosen = [*chosen, draw(st.text(max_size=20))]
    example = dict(zip(headings, page.example, strict=False))

    def row():
        cells = [example.get(heading, "") for heading in chosen]
        for _ in range(draw(st.integers(0, 2))):
            cells[draw(st.integers(0, len(cells) - 1))] = draw(CELLS)
        return cells

    count = draw(st.integers(1, 4))
    if not draw(st.booleans()):  # the simpler choice, so Hypothesis starts from it
        rows = [row() for _ in range(count)]
    else:
        rows = draw(
            st.lists(
                st.lists(CELLS, min_size=len(chosen), max_size=len(chosen)), min_size=1, max_size=4
            )
        )
    return [chosen, *rows]


def as_csv(table) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    for row in table:
        writer.writerow(["" if cell is None else str(cell) for cell in row])
    return out.getvalue().encode("utf-8")


def as_xlsx(table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in table:
        sheet.append(
            [ILLEGAL_CHARACTERS_RE.sub("", cell) if isinstance(cell, str) else cell for cell in row]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_docx(table) -> bytes:
    import docx

    document = docx.Document()
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for cells, row in zip(table, grid.rows, strict=True):
        for cell, place in zip(cells, row.cells, strict=True):
            place.text = ILLEGAL_CHARACTERS_RE.sub("", "" if cell is None else str(cell))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


WRITE = {"csv": as_csv, "xlsx": as_xlsx, "docx": as_docx}


def import_pages() -> set[str]:
    """The URL names of every import upload page in the URL conf."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                yield from walk(
                    pattern.url_patterns,
                    f"{namespace}:{inner}".strip(":") if inner else namespace,
                )
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", None)
                if view and issubclass(view, ImportUploadView):
                    yield f"{namespace}:{pattern.name}".strip(":")

    return set(walk(get_resolver().url_patterns))


def test_import_pages_are_all_listed():
    assert import_pages() == {page.name for page in PAGES}


def file_errors(response) -> list[str]:
    form = response.context and response.context.get("form")
    return list(form.errors.get("file", [])) if form is not None else []


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_no_import_fails_or_half_saves_whatever_the_file_holds(client, request, leicester, page):
    client.force_login(request.getfixturevalue(page.role))
    url = page_url(page, leicester)

    @PROPERTY
    @given(table=tables(page), kind=st.sampled_from(page.formats))
    @example(table=[list(page.headings), list(page.example)], kind="csv")
    def upload(table, kind):
        data = WRITE[kind](table)
        before = row_counts()
        posted = {"file": SimpleUploadedFile(f"import.{kind}", data), **dict(page.fields)}
        response = client.post(url, posted)  # a server error raises here
        if response.status_code == 200:  # refused, with its reasons
            assert file_errors(response), "refused without a message"
            assert row_counts() == before
            return
        assert response.status_code == 302, response.status_code
        preview = client.get(response["Location"])
        assert preview.status_code == 200
        assert row_counts() == before  # a preview writes nothing
        digest = preview.context["form"].initial["digest"]
        confirmed = client.post(response["Location"], {"digest": digest})
        if confirmed.status_code == 200:  # refused at the last step: nothing saved
            assert file_errors(confirmed)
            assert row_counts() == before
        else:
            assert confirmed.status_code == 302, confirmed.status_code
            saved.append(page.name)

    saved = []
    upload()
    # The examples reached the saving step, not only the checks before it.
    assert saved, f"no file generated for {page.name} was saved"
