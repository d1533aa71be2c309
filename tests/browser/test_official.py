"""A board member reads Leicester's EHC plan figures beside the East Midlands and
England, the chart's table holding the same numbers; an adviser filters the region's
published inspections to those with a written statement of action and reads the
revisit outcomes. Every page passes axe-core."""

import re

import pytest
from django.core.management import call_command

from sendtracker.core import demo
from sendtracker.core.models import Council

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_board_member_sees_leicester_beside_the_region_and_england(browser_page, demo_data):
    page = browser_page
    leicester = Council.objects.get(dfe_la_code=856)
    page.sign_in("board@leicester.example", demo.demo_password())
    page.visit(f"/councils/{leicester.slug}/dashboard/")
    panel = page.locator("#official-panel").inner_text()
    assert panel.startswith("Leicester: ") and "East Midlands 31.8%, England 47.7%" in panel
    page.assert_accessible()
    page.get_by_role("link", name=re.compile("EHC plan figures beside East Midlands")).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Official statistics", level=1).is_visible()
    page.assert_accessible()
    page.screenshot_to("official-council-statistics")

    # The chart's markers and its table hold the same numbers.
    chart = page.locator('svg[data-chart="official-within_20_weeks"]')
    titles = [t.text_content() for t in chart.locator("g[data-series] title").all()]
    table = page.locator("#official-within_20_weeks-table")
    rows = {
        r.locator("th").inner_text(): [c.inner_text() for c in r.locator("td").all()]
        for r in table.locator("tbody tr").all()
    }
    for year, (council, region, england, _) in rows.items():
        for name, value in (
            ("Leicester", council),
            ("East Midlands", region),
            ("England", england),
        ):
            if value.endswith("%"):
                assert f"{name}: {value} in {year}" in titles
            else:
                assert not any(
                    t.startswith(f"{name}: ") and t.endswith(f" in {year}") for t in titles
                )
    assert rows["2022"][1:3] == ["31.8%", "47.7%"]


def test_adviser_filters_the_region_to_written_statements_and_reads_revisits(
    browser_page, demo_data
):
    page = browser_page
    page.sign_in("adviser@dfe.example", demo.demo_password())
    page.visit("/dashboards/region/")
    page.get_by_role("link", name="Published inspections in your regions").click()
    page.wait_for_load_state()
    page.assert_accessible()
    page.get_by_label("Written statement of action required").select_option("yes")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "wsoa_required=yes" in page.url
    table = page.locator("#published-inspections")
    plans = [c.inner_text() for c in table.locator("tbody tr td:nth-child(6)").all()]
    assert plans and all(p == "WSOA: Yes" for p in plans)
    leicester = table.locator(
        "tbody tr", has=page.get_by_role("link", name="Leicester", exact=True)
    )
    text = leicester.inner_text()
    assert "Revisited from 5 May 2021" in text and "4 of 5 with sufficient progress" in text
    page.assert_accessible()
    page.screenshot_to("official-region-inspections")
