"""adviser@dfe.example exports Leicester's plan pack from the plan page and downloads it;
a large plan's pack is made by the worker while its job page refreshes itself. The same
adviser exports the Leicester council pack from its dashboard, and the East Midlands
region pack from the region view (made by the worker). Every page visited passes
axe-core."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from grants import demo as grants_demo
from inspections import demo as inspections_demo
from inspections.models import ImprovementPlan
from programmes import demo as programmes_demo
from sendtracker.core import demo
from sendtracker.dashboards import demo as dashboards_demo
from sendtracker.packs.models import PackJob

pytestmark = pytest.mark.django_db(transaction=True)
ADVISER = "adviser@dfe.example"


@pytest.fixture
def plan(transactional_db):
    demo.load()
    inspections_demo.load()
    return ImprovementPlan.objects.select_related("council").get(
        council__dfe_la_code=856, kind="app"
    )


def read_download(download):
    with open(download.path(), "rb") as pdf:
        return PdfReader(io.BytesIO(pdf.read()))


def test_adviser_exports_the_plan_pack_and_downloads_it(browser_page, plan):
    page = browser_page
    page.sign_in(ADVISER, demo.demo_password())
    page.visit(plan.get_absolute_url())
    page.get_by_role("link", name="Export PDF pack").click()
    assert page.get_by_role("heading", name="Export PDF pack", level=1).is_visible()
    page.assert_accessible()

    page.get_by_label("OFFICIAL-SENSITIVE").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export PDF pack").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    reader = read_download(download)
    texts = [p.extract_text() for p in reader.pages]
    assert all("OFFICIAL-SENSITIVE" in text for text in texts)
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    assert PackJob.objects.get().requested_by.email == ADVISER


def test_large_plan_pack_is_made_in_the_background(browser_page, plan, settings, tmp_path):
    settings.PACK_DIRECT_MAX_ACTIONS = 5
    settings.MEDIA_ROOT = tmp_path
    page = browser_page
    page.sign_in(ADVISER, demo.demo_password())
    page.visit(f"/councils/{plan.council.slug}/plans/{plan.pk}/pack/")
    page.get_by_label("OFFICIAL", exact=True).check()
    page.get_by_role("button", name="Export PDF pack").click()
    assert page.get_by_text("This page refreshes itself").is_visible()
    page.assert_accessible()

    call_command(
        "db_worker",
        "--queue-name",
        "packs",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        verbosity=0,
    )
    page.wait_for_selector("text=Your pack is ready", timeout=15_000)  # refreshed itself
    page.assert_accessible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the PDF pack").click()
    assert "OFFICIAL" in read_download(info.value).pages[0].extract_text()


def run_worker() -> None:
    call_command(
        "db_worker",
        "--queue-name",
        "packs",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        verbosity=0,
    )


@pytest.fixture
def demo_data(transactional_db):
    demo.load()
    for app_demo in (inspections_demo, programmes_demo, grants_demo, dashboards_demo):
        app_demo.load()


def test_adviser_exports_the_leicester_council_pack(browser_page, demo_data):
    page = browser_page
    page.sign_in(ADVISER, demo.demo_password())
    page.visit("/councils/leicester/dashboard/")
    page.get_by_role("link", name="Export PDF pack").click()
    assert page.get_by_role("heading", name="Export PDF pack", level=1).is_visible()
    assert page.get_by_text("Leicester · Council pack").is_visible()
    page.assert_accessible()

    page.get_by_label("OFFICIAL-SENSITIVE").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export PDF pack").click()
    reader = read_download(info.value)
    texts = [p.extract_text() for p in reader.pages]
    assert "Contents" in texts[1] and "High-needs finance" in texts[1]
    assert all("OFFICIAL-SENSITIVE" in text for text in texts)
    assert all(f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, start=1))
    brag = next(p for p, t in zip(reader.pages, texts, strict=True) if "BRAG on a page\n" in t)
    assert brag.mediabox.width > brag.mediabox.height
    assert "Total spend (circles, solid line)" in "\n".join(texts)  # the chart's key
    job = PackJob.objects.get()
    assert (job.kind, job.requested_by.email) == ("council", ADVISER)


def test_adviser_exports_the_east_midlands_region_pack(browser_page, demo_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = browser_page
    page.sign_in(ADVISER, demo.demo_password())
    page.visit("/dashboards/region/")
    page.get_by_role("link", name="Export a region PDF pack").click()
    page.assert_accessible()
    page.get_by_role("link", name="East Midlands").click()
    assert page.get_by_text("A region pack is made in the background.").is_visible()
    page.assert_accessible()

    page.get_by_label("OFFICIAL", exact=True).check()
    page.get_by_role("button", name="Export PDF pack").click()
    assert page.get_by_text("This page refreshes itself").is_visible()
    page.assert_accessible()

    run_worker()
    page.wait_for_selector("text=Your pack is ready", timeout=15_000)  # refreshed itself
    page.assert_accessible()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the PDF pack").click()
    texts = [p.extract_text() for p in read_download(info.value).pages]
    assert "East Midlands" in texts[0] and "Region progress pack" in texts[0]
    assert "Councils compared" in "\n".join(texts)
    assert "Leicester" in texts[1] and "Nottingham" in texts[1]  # contents
    assert "North East Lincolnshire" not in "\n".join(texts)
    assert all(f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, start=1))
