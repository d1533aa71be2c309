"""An officer of North East Lincolnshire updates a milestone and records a measure's
value in place, with and without JavaScript; the workstream page, the programme
overview and the chart show it. Every page visited passes axe-core."""

import pytest
from django.utils import timezone

from programmes import demo as programmes_demo
from programmes.models import Measure, Milestone, Programme
from sendtracker.core import demo

pytestmark = pytest.mark.django_db(transaction=True)
OFFICER = "officer@nelincs.example"


@pytest.fixture
def programme(transactional_db):
    demo.load()
    programmes_demo.load()
    return Programme.objects.get(council__dfe_la_code=812)


def paths(programme):
    base = f"/councils/{programme.council.slug}/programmes/{programme.pk}/"
    data = programme.workstreams.get(name="Data visibility and improvement cycles")
    inclusion = programme.workstreams.get(name="Culture of inclusion in mainstream settings")
    return {
        "overview": base,
        "data": f"{base}workstreams/{data.pk}/",
        "data tree": f"{base}workstreams/{data.pk}/milestones/",
        "inclusion": f"{base}workstreams/{inclusion.pk}/",
        "inclusion tree": f"{base}workstreams/{inclusion.pk}/milestones/",
        "risks": f"{base}risks/",
        "high needs": f"/councils/{programme.council.slug}/high-needs/",
    }


def fill_date(page, name, day):
    page.locator(f'[name="{name}_0"]').fill(str(day.day))
    page.locator(f'[name="{name}_1"]').fill(str(day.month))
    page.locator(f'[name="{name}_2"]').fill(str(day.year))


def test_officer_updates_in_place_with_javascript(browser_page, programme):
    page = browser_page
    today = timezone.localdate()
    where = paths(programme)
    pilot = Milestone.objects.get(
        workstream__programme=programme, title__startswith="Pilot a priority"
    )
    measure = Measure.objects.get(programme=programme, name="EHCPs issued within 20 weeks")
    page.sign_in(OFFICER, demo.demo_password())

    page.visit(where["overview"])
    assert page.get_by_role("heading", name="Delivering Better Value in SEND", level=1).is_visible()
    assert page.locator(f"#next-milestone-{pilot.pk}").is_visible()
    page.assert_accessible()
    page.screenshot_to("programme-overview")

    page.visit(where["data tree"])
    page.assert_accessible()
    page.get_by_role("link", name=f"Update milestone 8 {pilot.title}").click()
    row = page.locator(f"#milestone-{pilot.pk}")
    prefix = f"milestone-{pilot.pk}-"
    row.locator(f'[name="{prefix}progress"]').select_option("complete")
    fill_date(page, f"{prefix}completed_on", today)
    row.locator(f'[name="{prefix}note"]').fill("Pilot of EHCP timeliness data finished")
    page.assert_accessible()  # with the form open
    row.get_by_role("button", name="Update milestone").click()
    page.get_by_text("Milestone 8 updated: Complete.").wait_for()
    assert "Complete" in page.locator(f'[data-milestone-status="{pilot.pk}"]').inner_text()
    assert page.url.endswith(where["data tree"])  # stayed in place
    page.assert_accessible()
    page.screenshot_to("programme-milestone-tree")

    page.visit(where["data"])
    link = page.get_by_role("link", name=f"Record a value for {measure.name}")
    link.click()
    mrow = page.locator(f"#measure-{measure.pk}")
    fill_date(page, f"measure-{measure.pk}-on", today)
    mrow.locator(f'[name="measure-{measure.pk}-value"]').fill("72%")
    page.assert_accessible()
    mrow.get_by_role("button", name="Record value").click()
    page.get_by_text(f"Value recorded for {measure.name}: 72%").wait_for()
    assert page.url.endswith(where["data"])

    page.reload()
    summary = page.locator(f"#summary-milestone-{pilot.pk}")
    assert "Complete" in summary.inner_text()
    assert page.locator(f'[data-latest="{measure.pk}"]').inner_text() == "72%"
    page.assert_accessible()
    page.screenshot_to("programme-workstream")

    page.visit(where["overview"])
    assert page.locator(f"#next-milestone-{pilot.pk}").count() == 0  # complete: no longer next
    page.assert_accessible()

    page.get_by_text("All 3 measures").click()
    page.get_by_role("link", name=measure.name).click()
    chart = page.locator(
        f'svg[aria-labelledby="measure-{measure.pk}-chart-title measure-{measure.pk}-chart-desc"]'
    )
    assert chart.is_visible()
    assert f"Latest 72% on {today:%-d %b %Y}" in chart.locator("desc").text_content()
    assert page.locator("#observations").get_by_text("72%").count() >= 1
    page.assert_accessible()
    page.screenshot_to("programme-measure")

    for name in ("risks", "high needs"):
        page.visit(where[name])
        page.assert_accessible()
        page.screenshot_to(f"programme-{name.replace(' ', '-')}")


def test_officer_updates_without_javascript(browser_page_no_js, programme):
    page = browser_page_no_js
    today = timezone.localdate()
    where = paths(programme)
    cohort = Milestone.objects.get(workstream__programme=programme, ref="8.2")
    measure = Measure.objects.get(
        programme=programme, name__startswith="Children and young people starting"
    )
    page.sign_in(OFFICER, demo.demo_password())

    page.visit(where["inclusion tree"])
    assert "Major delay" in page.locator(f'[data-milestone-status="{cohort.pk}"]').inner_text()
    page.get_by_role("link", name=f"Update milestone 8.2 {cohort.title}").click()
    assert page.get_by_role("heading", name="Update milestone 8.2").is_visible()
    page.assert_accessible()
    prefix = f"milestone-{cohort.pk}-"
    page.locator(f'[name="{prefix}status_override"]').select_option("minor_delay")
    page.get_by_role("button", name="Update milestone").click()
    # Bad input: the reason is missing. The error is shown and the choice kept.
    assert (
        page.locator(".govuk-error-summary")
        .get_by_text("Enter the reason for overriding the status")
        .is_visible()
    )
    assert page.locator(f'[name="{prefix}status_override"]').input_value() == "minor_delay"
    page.assert_accessible()
    page.locator(f'[name="{prefix}override_reason"]').fill("Second cohort extended by one term")
    page.get_by_role("button", name="Update milestone").click()
    assert page.get_by_text("Milestone updated.").is_visible()
    assert page.url.endswith(where["inclusion tree"])
    assert "Minor delay" in page.locator(f'[data-milestone-status="{cohort.pk}"]').inner_text()
    # The parent (8, Roll-out) rolls up from its children.
    assert (
        "Minor delay" in page.locator(f'[data-milestone-status="{cohort.parent_id}"]').inner_text()
    )
    page.assert_accessible()

    page.visit(where["inclusion"])
    page.get_by_role("link", name=f"Record a value for {measure.name}").click()
    page.assert_accessible()
    fill_date(page, f"measure-{measure.pk}-on", today)
    page.locator(f'[name="measure-{measure.pk}-value"]').fill("380")
    page.get_by_role("button", name="Record value").click()
    assert page.get_by_text("Value recorded.").is_visible()
    assert page.url.endswith(where["inclusion"])
    assert page.locator(f'[data-latest="{measure.pk}"]').inner_text() == "380"
    assert "Minor delay" in page.locator(f"#summary-milestone-{cohort.pk}").inner_text()
    page.assert_accessible()

    page.visit(where["overview"])
    overview = page.locator("main").inner_text()
    assert "Culture of inclusion in mainstream settings" in overview
    page.visit(f"{where['overview']}measures/{measure.pk}/")
    assert f"380 on {today:%-d %b %Y}" in page.locator("svg desc").first.text_content()
    page.assert_accessible()


def test_adviser_reads_tsil_and_leicesters_high_needs_table(browser_page, programme):
    page = browser_page
    page.sign_in("adviser@dfe.example", demo.demo_password())
    tsil = Programme.objects.get(council__name="Leicestershire")
    page.visit(f"/councils/{tsil.council.slug}/programmes/{tsil.pk}/")
    assert page.get_by_role("heading", name=tsil.name).is_visible()
    assert page.get_by_role("link", name="Children and young people with an EHCP").is_visible()
    page.assert_accessible()
    page.screenshot_to("programme-tsil-overview")
    ehcps = Measure.objects.get(programme=tsil, name="Children and young people with an EHCP")
    page.visit(f"/councils/{tsil.council.slug}/programmes/{tsil.pk}/measures/{ehcps.pk}/")
    assert "5,888" in page.locator("#observations").inner_text()
    assert page.get_by_role("link", name="Record a value").count() == 0
    page.assert_accessible()
    page.screenshot_to("programme-tsil-measure")
    page.visit(f"/councils/{tsil.council.slug}/high-needs/")
    table = page.locator("#high-needs")
    assert "110,600" in table.locator('[data-year="2027/28"]').inner_text()
    page.assert_accessible()
    page.visit("/councils/leicester/high-needs/")
    assert "Not reported" in page.locator('#high-needs [data-year="2022/23"]').inner_text()
    page.assert_accessible()
    page.screenshot_to("programme-high-needs-leicester")


def test_officer_adds_a_risk_and_a_milestone(browser_page, programme):
    page = browser_page
    where = paths(programme)
    data = programme.workstreams.get(name="Data visibility and improvement cycles")
    parent = Milestone.objects.filter(workstream=data, parent=None).first()
    page.sign_in(OFFICER, demo.demo_password())

    page.visit(where["risks"])
    page.get_by_role("link", name="Add a risk").click()
    assert page.get_by_role("heading", name="Add a risk", level=1).is_visible()
    page.assert_accessible()
    page.get_by_role("button", name="Add risk").click()
    # Nothing filled in: each required answer is named in the summary, nothing saved.
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_text("Describe the risk").is_visible()
    assert summary.get_by_text("Select the likelihood, from 1 to 5").is_visible()
    page.assert_accessible()
    page.screenshot_to("programme-risk-form-errors")
    page.get_by_label("Risk", exact=True).fill("Schools do not take part in the pilot")
    page.get_by_label("Cause").fill("Pressure on school budgets")
    page.locator('[name="likelihood"][value="4"]').check()
    page.locator('[name="impact"][value="3"]').check()
    page.get_by_label("Owner").fill("Head of SEND")
    fill_date(page, "review_on", timezone.localdate())
    page.get_by_role("button", name="Add risk").click()
    assert page.get_by_text("Risk added.").is_visible()
    assert page.url.endswith(where["risks"])
    assert "Schools do not take part in the pilot" in page.locator("#risks").inner_text()
    page.assert_accessible()

    page.visit(where["data tree"])
    page.get_by_role("link", name="Add a milestone").click()
    assert page.get_by_role("heading", name="Add a milestone", level=1).is_visible()
    page.assert_accessible()
    page.get_by_label("Reference").fill("99.1")
    page.get_by_label("Milestone", exact=True).fill("Publish the first dashboard")
    page.get_by_label("Part of").select_option(str(parent.pk))
    fill_date(page, "planned_start", parent.planned_start or timezone.localdate())
    fill_date(page, "planned_end", parent.planned_start or timezone.localdate())
    page.screenshot_to("programme-milestone-form")
    page.get_by_role("button", name="Add milestone").click()
    assert page.get_by_text("Milestone 99.1 Publish the first dashboard saved.").is_visible()
    assert page.url.endswith(where["data tree"])
    added = Milestone.objects.get(workstream=data, ref="99.1")
    assert added.parent == parent
    assert page.locator(f"#milestone-{added.pk}").is_visible()
    page.assert_accessible()
