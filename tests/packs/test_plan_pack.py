"""A Leicester plan pack (see conftest.plan_pack), read back with pypdf and poppler."""

import re
import subprocess

import pytest
from PIL import Image

from tests.inspections.factories import PLAN_STATUSES

# Also makes pytest-django set up the test database that the module's fixture uses.
pytestmark = pytest.mark.django_db

SECTIONS = [
    "Contents",
    "Summary",
    "BRAG on a page",
    "Exception report",
    "Action detail by area",
    "Status key",
]


def test_pack_has_cover_contents_and_every_section(page_texts):
    assert "Data as at" in page_texts[0]
    assert "23 November 2026 at 09:30" in page_texts[0]  # as at, in UK time
    text = "\n".join(page_texts)
    for title in SECTIONS:
        assert title in text
    assert 6 <= len(page_texts) <= 20


def test_contents_gives_the_page_each_section_starts_on(page_texts):
    contents = page_texts[1]
    for title in ["Summary", "BRAG on a page", "Exception report", "Status key"]:
        match = re.search(rf"{re.escape(title)}[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert match, f"{title} missing from contents:\n{contents}"
        page = int(match.group(1))
        assert title in page_texts[page - 1], f"{title} is not on page {page}"


def test_every_page_is_numbered_and_marked(page_texts):
    total = len(page_texts)
    for number, text in enumerate(page_texts, start=1):
        assert f"Page {number} of {total}" in text
        assert "OFFICIAL-SENSITIVE" in text


def test_running_header_names_council_and_pack_after_the_cover(page_texts, plan_pack):
    facts = plan_pack[1]
    for text in page_texts[1:]:
        assert facts["council"] in text
        assert "progress pack" in text


def test_every_action_is_in_the_pack_and_no_other_councils(page_texts, plan_pack):
    text = "\n".join(page_texts)
    assert len(plan_pack[1]["refs"]) == len(PLAN_STATUSES) == 14
    for ref in plan_pack[1]["refs"]:
        assert ref in text
    assert "NELINCS-ONLY" not in text
    assert "North East Lincolnshire" not in text


def test_brag_and_action_detail_are_on_landscape_pages(reader, page_texts):
    for page, text in zip(reader.pages, page_texts, strict=True):
        landscape = page.mediabox.width > page.mediabox.height
        if "BRAG on a page" in text and "Contents" not in text:
            assert landscape
        if "Summary" in text and "Actions by status" in text:
            assert not landscape


def test_pdf_is_tagged_with_title_and_language(reader, plan_pack):
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).lower() == "en-gb"
    assert reader.metadata.title.startswith(plan_pack[1]["title"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_fonts_are_the_shipped_ones_and_embedded(reader):
    fonts = set()
    for page in reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all("Liberation-Sans" in name for name in fonts)


@pytest.mark.parametrize("page", [1, 4])
def test_pages_render_to_png_that_is_not_blank(plan_pack, tmp_path, page):
    source = tmp_path / "pack.pdf"
    source.write_bytes(plan_pack[0])
    subprocess.run(  # noqa: S603 (fixed arguments)
        [
            "/usr/bin/pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    image = Image.open(tmp_path / "page.png").convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > image.width * image.height * 0.005, "the page is blank"
