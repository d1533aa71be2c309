"""The demo's Leicester shows the clocks of seed 002: the WSOA due 25 September 2018
(the day it was declared fit for purpose) and the APP's six-month review and evidence."""

import datetime

import pytest

import inspections.demo
from inspections import selectors
from inspections.models import ImprovementPlan
from sendtracker.core.models import Council

pytestmark = pytest.mark.django_db

D = datetime.date


def test_leicesters_demo_deadlines(reference_places, site_administrator):
    inspections.demo.load()
    leicester = Council.objects.get(dfe_la_code=856)
    found = {
        d.kind: d
        for d in selectors.council_deadlines(site_administrator, leicester, today=D(2026, 11, 30))
    }
    wsoa = found["wsoa_due"]
    assert (wsoa.due_on, wsoa.done_on, wsoa.status.word) == (D(2018, 9, 25), D(2018, 9, 25), "Met")
    assert "bank holiday of 27 August 2018" in wsoa.basis
    assert (found["revisit"].due_on, found["revisit"].done_on) == (D(2020, 3, 25), D(2021, 5, 5))
    assert found["app_review"].due_on == D(2022, 1, 30)
    assert found["app_evidence"].due_on == D(2022, 1, 16)
    app = ImprovementPlan.objects.get(council=leicester, kind="app")
    assert [d.due_on for d in selectors.plan_deadlines(app)] == [D(2022, 1, 16), D(2022, 1, 30)]
