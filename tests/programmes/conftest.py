"""Programme records built for the tests through programmes.services.

The demo (`programmes.demo`) is only for tests/programmes/test_demo.py, which checks it.
"""

import pytest

from programmes import derive
from programmes.models import HighNeedsYear, Measure, Milestone
from sendtracker.core.models.people import Role

from . import factories

K = 1000
# Leicester City's High Needs Block, in £'000: year -> (direct, indirect, allocation),
# as the council's scrutiny report tabulates it (2021 missing, 2022 a forecast).
APPENDIX_5 = {
    2015: (34532, 5531, 38228),
    2016: (37507, 5479, 38491),
    2017: (40593, 5501, 44385),
    2018: (45176, 5587, 45808),
    2019: (48426, 5521, 47321),
    2020: (53629, 5370, 54065),
    2022: (60164, 5550, 60153),
}


@pytest.fixture
def nelincs_officer(make_user, nelincs):
    return make_user(Role.COUNCIL_OFFICER, council=nelincs)


@pytest.fixture
def nel(nelincs):
    """North East Lincolnshire's programme (see factories.dbv_programme)."""
    return factories.dbv_programme(nelincs)


@pytest.fixture
def leaf(nel):
    return Milestone.objects.get(workstream__programme=nel, ref="8", title__startswith="Pilot")


@pytest.fixture
def turnaround(nel):
    return Measure.objects.get(programme=nel, name="EHCPs issued within 20 weeks")


@pytest.fixture
def leicester_years(leicester):
    factories.high_needs_years(
        leicester,
        {year: tuple(v * K for v in values) for year, values in APPENDIX_5.items()},
    )
    return derive.high_needs_rows(HighNeedsYear.objects.filter(council=leicester))
