import datetime

import pytest
from django.template.loader import render_to_string

from sendtracker.core.models.people import Role
from sendtracker.dashboards import trends
from sendtracker.dashboards.scale import generate

pytestmark = pytest.mark.django_db


def test_status_chart_counts_each_month_from_the_history(make_user, reference_places):
    from sendtracker.core.models import Council

    generate(seed=2, councils=1, end=datetime.date(2026, 10, 31))
    council = Council.objects.order_by("dfe_la_code").first()
    user = make_user(Role.ADVISER)
    chart = trends.status_chart(user, council, today=datetime.date(2026, 10, 31))
    assert len(chart.table.rows) == trends.MONTHS
    assert all(sum(int(c) for c in row[1:]) == 30 for row in chart.table.rows)
    html = render_to_string("components/chart.html", {"chart": chart})
    assert 'role="img"' in html and '<title id="status-trend-title">' in html
    assert 'id="status-trend-table"' in html
    assert "triangles, dashed line" in html  # major delay: its own marker, not colour alone


def test_no_status_chart_without_actions(make_user, leicester):
    user = make_user(Role.ADVISER)
    assert trends.status_chart(user, leicester, today=datetime.date(2026, 10, 31)) is None


def test_measure_charts_say_their_observations_are_in_the_table_below(make_user, reference_places):
    from sendtracker.core.models import Council
    from tests.programmes.factories import dbv_programme

    council = Council.objects.get(name="Leicestershire")  # in the adviser's region
    dbv_programme(council)  # three measures, two with values
    context = trends.council_trends(make_user(Role.ADVISER), council)
    assert len(context["measure_charts"]) >= 2
    html = render_to_string("dashboards/_trends_body.html", context)
    assert html.count("The observed values are in the table below.") == len(
        context["measure_charts"]
    )
