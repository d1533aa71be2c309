"""programmes.demo: the seeds' programmes and High Needs Block figures, as loaded."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from programmes import demo, derive, selectors
from programmes.models import Enabler, FigureKind, HighNeedsYear, Measure, Milestone, Programme
from sendtracker.core import demo as core_demo
from sendtracker.core.status import Status

from .factories import K

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_data(db):
    core_demo.load()
    demo.load()


def test_demo_loads_seed_001_workstreams(demo_data):
    dbv = Programme.objects.get(council__dfe_la_code=812)
    assert dbv.get_kind_display() == "Delivering Better Value in SEND (DBV)"
    assert [ws.name for ws in dbv.workstreams.all()] == [
        "Data visibility and improvement cycles",
        "Culture of inclusion in mainstream settings",
    ]
    for ws in dbv.workstreams.all():
        codes = [e.code for e in selectors.workstream_summary(ws)["enablers"]]
        assert codes == ["G2", "D1", "L2", "Ca2", "Cb2"]
    inclusion = dbv.workstreams.get(name__startswith="Culture")
    assert inclusion.project_lead == "Head of SEND and Inclusion"  # a role title, not a name
    assert "Start for Life programme" in inclusion.other_interdependencies_list
    assert [w.name for w in inclusion.depends_on.all()] == [
        "Data visibility and improvement cycles"
    ]
    design = Milestone.objects.get(workstream=inclusion, ref="7")
    assert design.children.count() == 4
    assert dbv.phases.count() == 4 and dbv.risks.count() == 5


def test_demo_loads_tsil_kpis_from_seed_003(demo_data):
    tsil = Programme.objects.get(council__name="Leicestershire")
    assert tsil.workstreams.count() == 4
    timeliness = Measure.objects.get(programme=tsil, name__contains="20 weeks")
    assert [(o.value, o.on.year) for o in timeliness.observations.all()] == [(11, 2023)]
    assert timeliness.baseline_value == 0
    ehcps = Measure.objects.get(programme=tsil, name="Children and young people with an EHCP")
    assert ehcps.baseline_value == 2777
    assert [int(o.value) for o in ehcps.observations.all()] == [4267, 5888]
    rated = selectors.rate_measure(
        selectors.measures_queryset(Measure.objects.filter(pk=ehcps.pk)).get()
    )
    assert rated.rating.status == Status.MAJOR_DELAY  # demand far above the trajectory


def test_demo_is_idempotent(demo_data):
    counts = (Programme.objects.count(), Milestone.objects.count(), Enabler.objects.count())
    demo.load()
    assert (Programme.objects.count(), Milestone.objects.count(), Enabler.objects.count()) == counts


SEED_003 = Path("/work/shared/seeds/003_697c2f2045c1979a.txt")


def test_paragraph_15_is_the_seeds_word_for_word():
    if not SEED_003.exists():
        pytest.skip("the seed documents are not beside this checkout")
    text = " ".join(SEED_003.read_text().split())
    assert demo.SEED_003_PARAGRAPH_15 in text


def test_leicestershire_figures_are_seed_003s(db):
    """Paragraph 15: "22% in excess of the grant" in 2024/25, "48% ... in 2027/28", and a
    cumulative deficit of £65.5m in March 2025 rising to £110.6m in March 2028. The old
    demo's spend showed 12.6% over the grant for 2027/28."""
    paragraph = demo.SEED_003_PARAGRAPH_15
    first, last = (Decimal(p) for p in re.findall(r"(\d+)% in excess of the grant", paragraph))
    march_2025, march_2028 = (
        Decimal(m) * 1_000_000 for m in re.findall(r"£([\d.]+)m in March", paragraph)
    )
    assert (first, last, march_2025, march_2028) == (22, 48, 65_500_000, 110_600_000)
    demo.load_high_needs()
    from sendtracker.core.models import Council

    shire = Council.objects.get(name="Leicestershire")
    rows = {r.label: r for r in selectors.high_needs(shire)}
    assert list(rows) == ["2024/25", "2027/28"]  # the years the seed gives, no others
    assert rows["2024/25"].overspend_percent == first
    assert rows["2027/28"].overspend_percent == last
    assert rows["2024/25"].cumulative_deficit == march_2025
    assert rows["2027/28"].cumulative_deficit == march_2028


def test_leicester_shows_no_cumulative_deficit_its_seed_does_not_report(db):
    demo.load_high_needs()
    from sendtracker.core.models import Council

    city = Council.objects.get(dfe_la_code=856)
    assert selectors.latest_reported_deficit(selectors.high_needs(city)) is None


def test_demo_loads_leicesters_appendix_5(db):
    demo.load_high_needs()
    from sendtracker.core.models import Council

    city = Council.objects.get(dfe_la_code=856)
    rows = derive.high_needs_rows(HighNeedsYear.objects.filter(council=city))
    assert rows[0].label == "2015/16"
    assert rows[-1].total_spend == 65714 * K and rows[-1].year.kind == FigureKind.FORECAST
