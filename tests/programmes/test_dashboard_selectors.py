"""The selectors dashboards read: programme figures per council and their stamps."""

import pytest

from programmes import selectors, services
from programmes.models import Measure

from . import factories

pytestmark = pytest.mark.django_db


def test_programme_figures_match_the_programme_page(nel, nelincs):
    programme = nel
    overview = selectors.programme_overview(programme)
    figures = selectors.programme_figures([nelincs.pk])[nelincs.pk]
    assert figures.programmes == [(programme, overview["status"])]
    assert figures.status == overview["status"]
    assert [n.pk for n in figures.next_milestones] == [n.pk for n in overview["next_milestones"]]
    assert figures.next_milestones  # the pilot, due in ten days, at least


def test_high_needs_by_council_match_the_high_needs_page(reference_places):
    from sendtracker.core.models import Council

    council = Council.objects.get(slug="leicestershire")
    factories.forecast_deficit(council)  # with the deficits it reports
    rows = selectors.high_needs_by_council([council.pk])[council.pk]
    page = selectors.high_needs(council)
    assert [r.cumulative_deficit for r in rows] == [r.cumulative_deficit for r in page]
    assert [r.cumulative_deficit for r in rows] == [65_500_000, 110_600_000]


def test_an_observation_raises_the_councils_data_version(nel, nelincs):
    import datetime

    from sendtracker.core.models import Council

    measure = Measure.objects.filter(programme__council=nelincs).first()
    before = dict(Council.objects.values_list("pk", "data_version"))
    services.record_observation(
        measure=measure,
        by=None,
        on=datetime.date.today(),
        value="1",
        expected_version=measure.version,
    )
    after = dict(Council.objects.values_list("pk", "data_version"))
    assert after[nelincs.pk] == before[nelincs.pk] + 1
    assert {pk for pk in after if after[pk] != before[pk]} == {nelincs.pk}
