"""The Leicester council pack and the East Midlands region pack, read back with pypdf
and poppler, as an adviser for the East Midlands and Yorkshire and The Humber makes them."""

import datetime
import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.db import connection, transaction
from PIL import Image
from pypdf import PdfReader

from programmes.models import Observation

from .conftest import AS_AT, ensure_reference_places

# Also makes pytest-django set up the test database that the module's fixtures use.
pytestmark = pytest.mark.django_db

COUNCIL_SECTIONS = [
    "Contents",
    "Summary figures",
    "BRAG on a page",
    "Exception report",
    "Action detail by area",
    "Milestones",
    "Measures",
    "Grant allocations and usage",
    "Risks and heat map",
    "High-needs finance",
]
TELL_TALE = "NELINCS-ONLY ACTION"
SHIRE_PROGRAMME = "SHIRE-ONLY PROGRAMME"


def build_councils():
    """Leicester: a plan with delayed actions, a grant paid and reported on, and its
    High Needs Block table. Leicestershire (East Midlands too): a programme with
    measures, and forecast deficits. North East Lincolnshire (Yorkshire and The
    Humber, also the adviser's): a plan with a tell-tale action, to show that neither
    pack carries another council's data.
    """
    from inspections.models import Action
    from sendtracker.core.models import Council, Region
    from sendtracker.core.models.people import Role
    from sendtracker.core.services import grant_role
    from tests.factories import UserFactory
    from tests.grants import factories as grant_factories
    from tests.inspections.factories import plan_through_services, plan_with_actions
    from tests.programmes import factories as programme_factories

    leicester = Council.objects.select_related("region").get(dfe_la_code=856)
    plan_through_services(leicester)
    programme_factories.leicester_high_needs(leicester)
    determination = grant_factories.determination()
    allocation = grant_factories.allocation(determination, leicester, total=Decimal("21271.92"))
    grant_factories.paid_and_reported(
        allocation,
        paid=Decimal("21271.92"),
        paid_on=datetime.date(2021, 8, 31),
        lines=[("staff", "Regional coordinator", Decimal("15000.00"))],
    )
    shire = Council.objects.get(name="Leicestershire")
    programme_factories.dbv_programme(shire, name=SHIRE_PROGRAMME)
    programme_factories.forecast_deficit(shire)
    nelincs_plan = plan_with_actions(2, council=Council.objects.get(dfe_la_code=812))
    Action.objects.filter(plan=nelincs_plan).update(description=TELL_TALE)
    adviser = UserFactory()
    for name in ["East Midlands", "Yorkshire and The Humber"]:
        grant_role(user=adviser, role=Role.ADVISER, region=Region.objects.get(name=name))
    return adviser, leicester


@pytest.fixture(scope="module")
def packs(django_db_setup, django_db_blocker):
    """Both packs, and Leicestershire's council pack, rendered once for the module."""
    from sendtracker.core.models import Council, Region
    from sendtracker.packs.council import render_council_pack, render_region_pack

    with django_db_blocker.unblock(), transaction.atomic():
        assert "memory" in connection.settings_dict["NAME"] or "test" in str(
            connection.settings_dict["NAME"]
        )
        ensure_reference_places()
        adviser, leicester = build_councils()
        region = leicester.region
        council_pdf = render_council_pack(
            adviser, leicester, marking="OFFICIAL-SENSITIVE", as_at=AS_AT
        )
        region_pdf = render_region_pack(adviser, region, marking="OFFICIAL", as_at=AS_AT)
        # Leicestershire (East Midlands too) has the programme with measures.
        shire_pdf = render_council_pack(
            adviser, Council.objects.get(name="Leicestershire"), marking="OFFICIAL", as_at=AS_AT
        )
        facts = {
            "council": leicester.name,
            "region": region.name,
            "region_councils": list(
                Council.objects.filter(region=region).values_list("name", flat=True)
            ),
            "other_councils": list(
                Council.objects.exclude(region=region).values_list("name", flat=True)
            ),
            "regions": list(Region.objects.values_list("name", flat=True)),
            "shire_observations": list(
                Observation.objects.filter(measure__programme__council__name="Leicestershire")
                .order_by("on")
                .values_list("on", flat=True)
            ),
        }
        transaction.set_rollback(True)
    return council_pdf, region_pdf, facts, shire_pdf


def texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def council_texts(packs):
    return texts(packs[0])


@pytest.fixture(scope="module")
def region_texts(packs):
    return texts(packs[1])


def contents_pages(contents: str, titles) -> dict[str, int]:
    pages = {}
    for title in titles:
        match = re.search(rf"{re.escape(title)}[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert match, f"{title} missing from contents:\n{contents}"
        pages[title] = int(match.group(1))
    return pages


def test_council_pack_has_cover_contents_and_every_section(council_texts, packs):
    cover = council_texts[0]
    assert packs[2]["council"] in cover
    assert "Council progress pack" in cover
    assert "23 November 2026 at 09:30" in cover  # as at, in UK time
    assert "OFFICIAL-SENSITIVE" in cover
    text = "\n".join(council_texts)
    for title in COUNCIL_SECTIONS:
        assert title in text
    assert 10 <= len(council_texts) <= 60


def test_council_pack_contents_gives_the_page_each_section_starts_on(council_texts):
    pages = contents_pages(council_texts[1], COUNCIL_SECTIONS[1:])
    for title, page in pages.items():
        assert title in council_texts[page - 1], f"{title} is not on page {page}"
    assert list(pages.values()) == sorted(pages.values())


@pytest.mark.parametrize("which", [0, 1])
def test_every_page_is_numbered_and_marked(packs, which):
    marking = ["OFFICIAL-SENSITIVE", "OFFICIAL"][which]
    pages = texts(packs[which])
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert marking in text


def test_council_pack_has_a_landscape_brag_page(packs, council_texts):
    reader = PdfReader(io.BytesIO(packs[0]))
    brag = contents_pages(council_texts[1], ["BRAG on a page"])["BRAG on a page"]
    page = reader.pages[brag - 1]
    assert page.mediabox.width > page.mediabox.height
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height


def test_high_needs_chart_is_drawn_with_its_key_and_table(council_texts):
    page = contents_pages(council_texts[1], ["High-needs finance"])["High-needs finance"]
    text = council_texts[page - 1]
    assert "£20.0m" in text  # the SVG's axis labels are real text
    assert "Total spend (circles, solid line)" in text
    # Leicester's appendix 5 reports in-year overspends only: no cumulative deficit is
    # drawn or tabled for it (never their running sum).
    assert "Cumulative deficit (diamonds, dotted line)" not in text
    assert "High Needs Block: spend, allocation and deficit trend" in text
    assert "Not reported" in text


def test_measures_come_with_their_charts(packs):
    pages = texts(packs[3])
    start = contents_pages(pages[1], ["Measures"])["Measures"]
    text = "\n".join(pages[start - 1 :])
    assert "measures off target" in text
    assert text.count("Trajectory (expected)") >= 3  # one chart key per measure
    assert "Observed (circle" in text


def test_each_measures_chart_table_has_every_observation(packs):
    pages = texts(packs[3])
    start = contents_pages(pages[1], ["Measures"])["Measures"]
    text = " ".join(" ".join(pages[start - 1 :]).split())
    observed = packs[2]["shire_observations"]
    assert len(observed) > 3
    # The earliest and latest observations both appear: not only the latest one.
    for day in (observed[0], observed[-1]):
        assert f"{day.day} {day:%b %Y}" in text, day


def test_chart_captions_say_where_each_table_is(packs):
    pages = texts(packs[3])
    contents = pages[1]
    sections = contents_pages(contents, ["Measures", "Grant allocations and usage"])
    measures = " ".join(
        " ".join(
            pages[sections["Measures"] - 1 : sections["Grant allocations and usage"] - 1]
        ).split()
    )
    # Each measure's observations are in a narrow table on the chart's right.
    assert measures.count("The observed values are in the table beside the chart.") >= 3
    assert "table below" not in measures
    high_needs = contents_pages(contents, ["High-needs finance"])["High-needs finance"]
    assert "The same figures are in the table below." in " ".join(pages[high_needs - 1].split())


def test_status_tags_do_not_wrap_in_the_exception_report(council_texts, packs):
    """Leicester's delayed actions: each status word stays on one line in its column."""
    page = contents_pages(council_texts[1], ["Exception report"])["Exception report"]
    text = council_texts[page - 1]
    assert text.count("Major delay") >= 1 and text.count("Minor delay") >= 2
    assert not re.search(r"(Major|Minor)\s*\n\s*delay", text)
    summary = [t for t in texts(packs[1]) if "delayed action" in t]
    assert summary and not any(re.search(r"(Major|Minor)\s*\n\s*delay", t) for t in summary)


def test_council_pack_carries_no_other_councils_data(council_texts, packs):
    text = "\n".join(council_texts)
    assert TELL_TALE not in text
    assert SHIRE_PROGRAMME not in text  # Leicestershire's, in the same region
    for name in packs[2]["other_councils"]:
        assert not re.search(rf"\b{re.escape(name)}\b", text), name


def test_region_pack_compares_the_regions_councils_then_summarises_each(region_texts, packs):
    facts = packs[2]
    assert facts["region"] in region_texts[0]
    assert "Region progress pack" in region_texts[0]
    text = "\n".join(region_texts)
    assert "Councils compared" in text
    pages = contents_pages(region_texts[1], facts["region_councils"])
    for name, page in pages.items():
        assert name in region_texts[page - 1]
    assert len(pages) == len(facts["region_councils"])
    assert SHIRE_PROGRAMME in text  # each council's summary, Leicestershire's included


def test_region_pack_contains_only_the_regions_councils(region_texts, packs):
    text = "\n".join(region_texts)
    assert TELL_TALE not in text
    for name in packs[2]["other_councils"]:
        assert not re.search(rf"\b{re.escape(name)}\b", text), name


def test_packs_are_tagged_with_title_and_language(packs):
    for pdf, title in [(packs[0], "Council progress pack"), (packs[1], "Region progress pack")]:
        reader = PdfReader(io.BytesIO(pdf))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root
        assert str(root["/Lang"]).lower() == "en-gb"
        assert reader.metadata.title.startswith(title)


def test_a_chart_page_renders_to_png_that_is_not_blank(packs, council_texts, tmp_path):
    page = contents_pages(council_texts[1], ["High-needs finance"])["High-needs finance"]
    source = tmp_path / "pack.pdf"
    source.write_bytes(packs[0])
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
