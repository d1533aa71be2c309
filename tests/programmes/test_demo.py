"""programmes.demo: the seeds' programmes and High Needs Block figures, as loaded."""

from decimal import Decimal

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


def test_leicestershire_deficit_forecasts_from_demo(db):
    demo.load_high_needs()
    from sendtracker.core.models import Council

    shire = Council.objects.get(name="Leicestershire")
    rows = {r.label: r for r in derive.high_needs_rows(HighNeedsYear.objects.filter(council=shire))}
    assert rows["2024/25"].cumulative_deficit == Decimal("65500000")
    assert rows["2027/28"].cumulative_deficit == Decimal("110600000")
    assert rows["2024/25"].overspend_percent == Decimal("22.0")  # seed 003: 22% over the grant
    gaps = [rows[y].overspend for y in ("2025/26", "2026/27", "2027/28")]
    assert all(Decimal("14500000") <= g <= Decimal("15500000") for g in gaps)  # "c£15m a year"


def test_demo_loads_leicesters_appendix_5(db):
    demo.load_high_needs()
    from sendtracker.core.models import Council

    city = Council.objects.get(dfe_la_code=856)
    rows = derive.high_needs_rows(HighNeedsYear.objects.filter(council=city))
    assert rows[0].label == "2015/16"
    assert rows[-1].total_spend == 65714 * K and rows[-1].year.kind == FigureKind.FORECAST
