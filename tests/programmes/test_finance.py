"""High Needs Block figures: spend, allocation and any reported cumulative deficit are
recorded; the over/underspend and growth are derived.

Computed from Leicester City's appendix 5 (seed 002), in £'000, which the tests record
themselves (conftest.leicester_years); test_demo.py checks the demo's copy of it.
"""

from decimal import Decimal

import pytest

from programmes import selectors, services
from programmes.models import HighNeedsYear
from sendtracker.core.errors import DomainError

from . import factories
from .factories import K

pytestmark = pytest.mark.django_db


def test_totals_match_appendix_5(leicester_years):
    totals = {r.year.year_starting: r.total_spend / K for r in leicester_years}
    assert totals == {
        2015: 40063,
        2016: 42986,
        2017: 46094,
        2018: 50763,
        2019: 53947,
        2020: 58999,
        2022: 65714,
    }


def test_overspend_is_total_less_allocation(leicester_years):
    overspend = {r.label: r.overspend / K for r in leicester_years}
    assert overspend == {
        "2015/16": 1835,
        "2016/17": 4495,
        "2017/18": 1709,
        "2018/19": 4955,
        "2019/20": 6626,
        "2020/21": 4934,
        "2022/23": 5561,
    }


def test_direct_spend_growth_matches_the_appendix(leicester_years):
    growth = {r.label: r.direct_growth for r in leicester_years}
    # The appendix's "Year on Year increase" row: 12.2%, 10.7%, 7.2% for the latest years.
    assert growth["2022/23"] == Decimal("12.2")
    assert growth["2020/21"] == Decimal("10.7")
    assert growth["2019/20"] == Decimal("7.2")
    # The appendix repeats 11.6% for the four earlier years; its own totals give these.
    assert growth["2018/19"] == Decimal("11.3")
    assert growth["2017/18"] == Decimal("8.2")
    assert growth["2016/17"] == Decimal("8.6")
    assert growth["2015/16"] is None


def test_missing_year_is_flagged_and_growth_says_since_when(leicester_years):
    last = leicester_years[-1]
    assert last.gap_before and last.growth_since == "2020/21"
    assert not any(r.gap_before for r in leicester_years[:-1])


def test_no_cumulative_deficit_where_none_is_reported(leicester_years):
    # Appendix 5 reports in-year overspends only. Their running sum (£30,115k, once shown
    # as Leicester's "£30.1m") ignores reserves and balances brought forward: no source
    # gives it, so the app shows none.
    assert sum(r.overspend for r in leicester_years) == 30115 * K
    assert [r.cumulative_deficit for r in leicester_years] == [None] * 7
    assert selectors.latest_reported_deficit(leicester_years) is None


def test_the_cumulative_deficit_is_the_reported_one_not_a_sum(leicester):
    factories.high_needs_years(
        leicester,
        {2020: (110, 0, 100), 2021: (120, 0, 100), 2022: (130, 0, 100)},
        deficits={2020: 500, 2022: 420},  # reserves used in between: not 500 + 20 + 30
    )
    rows = selectors.high_needs(leicester)
    assert [r.cumulative_deficit for r in rows] == [500, None, 420]
    assert selectors.latest_reported_deficit(rows).label == "2022/23"


def test_re_recording_a_year_corrects_it_not_duplicates(leicester, leicester_years):
    services.record_high_needs_year(
        council=leicester,
        by=None,
        year_starting=2015,
        kind="actual",
        direct_spend=1,
        indirect_spend=2,
        allocation=3,
    )
    assert HighNeedsYear.objects.filter(council=leicester).count() == 7
    assert HighNeedsYear.objects.get(council=leicester, year_starting=2015).allocation == 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"direct_spend": "lots"},
            "direct_spend",
            "Enter the direct spend in pounds, like 32717000",
        ),
        ({"indirect_spend": -5}, "indirect_spend", "The indirect spend cannot be negative"),
        (
            {"allocation": "1.234"},
            "allocation",
            "Enter the DSG high-needs allocation to the penny at most",
        ),
        ({"kind": "guess"}, "kind", "Choose actual or forecast"),
        (
            {"year_starting": 15},
            "year_starting",
            "Enter the year the financial year starts in, like 2022",
        ),
    ],
)
def test_bad_finance_input_is_refused_with_its_message(leicester, changes, field, message):
    values = {
        "year_starting": 2023,
        "kind": "actual",
        "direct_spend": 1,
        "indirect_spend": 1,
        "allocation": 1,
        **changes,
    }
    with pytest.raises(DomainError) as error:
        services.record_high_needs_year(council=leicester, by=None, **values)
    assert (error.value.field, error.value.message) == (field, message)
    assert not HighNeedsYear.objects.exists()
