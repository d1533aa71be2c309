"""The region pack reads its councils' summaries by groups, and shows what one council's
summary (the council dashboard's figures) shows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from sendtracker.core.models import Council, User
from sendtracker.dashboards import selectors as dashboard_selectors
from sendtracker.packs import council as packs

from .conftest import AS_AT, ensure_reference_places

pytestmark = pytest.mark.django_db

ADVISER = "adviser@dfe.example"


def region_html(region, summaries) -> str:
    return render_to_string(
        packs.REGION_TEMPLATE,
        {
            "region": region,
            "marking": "OFFICIAL",
            "as_at": AS_AT,
            "pack_title": "Region progress pack",
            "rows": [],
            "summaries": summaries,
        },
    )


def test_region_summaries_show_each_councils_summary_in_a_fixed_number_of_queries():
    ensure_reference_places()
    call_command("load_demo", stdout=StringIO())
    adviser = User.objects.get(email=ADVISER)
    region = Council.objects.get(dfe_la_code=856).region
    councils = packs.region_councils(adviser, region)
    assert len(councils) > 2
    today = AS_AT.date()
    summaries = dashboard_selectors.summaries_for(councils, today=today)

    with CaptureQueriesContext(connection) as grouped:
        by_groups = packs.region_summaries(adviser, councils, today=today, summaries=summaries)
    with CaptureQueriesContext(connection) as one_by_one:
        each = [packs.council_summary(adviser, c, today=today) for c in councils]

    assert region_html(region, by_groups) == region_html(region, each)
    assert "Exception report" in region_html(region, by_groups)
    # Plans, exceptions, measures (three), high-needs years, programme names.
    assert len(grouped) <= 7, [q["sql"] for q in grouped]
    assert len(one_by_one) > len(grouped)
