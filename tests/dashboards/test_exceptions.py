"""A council's exception report lists delayed and overdue programme milestones beside
its delayed actions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes import demo as programme_demo
from programmes.models import Milestone
from sendtracker.core import demo as core_demo
from sendtracker.core.models import User
from sendtracker.core.status import Status
from tests.programmes.factories import milestone, programme, workstream

pytestmark = pytest.mark.django_db


def test_north_east_lincolnshires_overdue_milestone_is_in_its_exception_report(client, db):
    core_demo.load()
    programme_demo.load()
    client.force_login(User.objects.get(email="officer@nelincs.example"))
    response = client.get(
        reverse("dashboards:council-exceptions", args=["north-east-lincolnshire"])
    )
    assert response.status_code == 200
    rows = response.context["milestones"]
    row = next(r for r in rows if r.milestone.ref == "8.2")
    assert row.node.status == Status.MAJOR_DELAY and row.overdue
    page = response.content.decode()
    assert "No action is delayed." in page  # it has no improvement plan
    assert "No programme milestone is delayed or overdue" not in page


def test_only_delayed_or_overdue_milestones_without_sub_milestones_are_listed(
    client, officer, leicester
):
    today = timezone.localdate()
    ws = workstream(programme(leicester))
    on_time = milestone(ws, ref="1", end=today + datetime.timedelta(days=90))
    late = milestone(ws, ref="2", end=today - datetime.timedelta(days=5))
    done = milestone(ws, ref="3", end=today - datetime.timedelta(days=5))
    Milestone.objects.filter(pk=done.pk).update(
        progress="complete", completed_on=today - datetime.timedelta(days=6)
    )
    client.force_login(officer)
    response = client.get(reverse("dashboards:council-exceptions", args=["leicester"]))
    refs = [row.milestone.ref for row in response.context["milestones"]]
    assert refs == [late.ref]
    assert on_time.ref not in refs
    assert Milestone.objects.filter(workstream=ws).count() == 3
