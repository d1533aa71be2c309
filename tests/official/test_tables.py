import pytest

from sendtracker.official.models import PublishedInspection
from sendtracker.official.tables import PublishedInspectionTable

pytestmark = pytest.mark.django_db


def cells(name, framework):
    row = PublishedInspection.objects.get(area_name=name, framework=framework)
    table = PublishedInspectionTable([row])
    return {c.name: str(v) for c, v in zip(table.columns, table.rows[0], strict=True)}


def test_no_plan_required_reads_as_no_areas_and_no_revisit(official):
    brighton = cells("Brighton and Hove", "2023")
    assert brighton["plan"] == "Priority action plan: No"
    assert brighton["areas"] == "None"
    assert brighton["result"] == "Typically positive experiences and outcomes"
    barnet = cells("Barnet", "2016")
    assert (barnet["plan"], barnet["areas"], barnet["result"]) == (
        "WSOA: No",
        "None",
        "No revisit (no WSOA)",
    )


def test_a_former_council_is_listed_without_a_link(official):
    assert "(former council)" in cells("Cumbria", "2016")["area_name"]
