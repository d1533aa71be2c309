"""High Needs Block figures: only spend and allocation are recorded; the rest is derived.

Computed from Leicester City's appendix 5 (seed 002), in £'000, which the tests record
themselves (conftest.leicester_years); test_demo.py checks the demo's copy of it.
"""

from decimal import Decimal

import pytest

from programmes import services
from programmes.models import HighNeedsYear
from sendtracker.core.errors import DomainError

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


def test_cumulative_deficit_adds_each_years_overspend(leicester_years):
    assert [r.cumulative_deficit / K for r in leicester_years] == [
        1835,
        6330,
        8039,
        12994,
        19620,
        24554,
        30115,
    ]


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


def test_deficit_brought_forward_only_on_the_first_year(leicester, leicester_years):
    with pytest.raises(DomainError, match="Only the first recorded year"):
        services.record_high_needs_year(
            council=leicester,
            by=None,
            year_starting=2023,
            kind="forecast",
            direct_spend=1,
            indirect_spend=1,
            allocation=1,
            deficit_brought_forward=5,
        )
    assert not HighNeedsYear.objects.filter(year_starting=2023).exists()
