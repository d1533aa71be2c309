"""Programme records built for the tests through programmes.services.

The demo (`programmes.demo`) is only for tests/programmes/test_demo.py, which checks it.
"""

import pytest

from programmes import derive
from programmes.models import HighNeedsYear, Measure, Milestone

from . import factories


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
    factories.leicester_high_needs(leicester)
    return derive.high_needs_rows(HighNeedsYear.objects.filter(council=leicester))
