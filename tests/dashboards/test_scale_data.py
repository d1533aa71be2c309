import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtracker.dashboards import scale

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("generate_scale_data", *args, stdout=out)
    return out.getvalue()


def test_same_seed_gives_the_same_counts_and_checksum(reference_places):
    first = run("--councils", "2", "--seed", "5")
    counts, checksum = scale.summary()
    assert counts["actions"] == 60
    assert counts["status_updates"] == 60 * 24
    assert counts["milestones"] == 2 * 5 * 40
    assert counts["observations"] == 2 * 20 * 24
    assert counts["risks"] == 20 and counts["allocations"] == 6
    assert counts["high_needs_years"] == 16
    assert f"Checksum {checksum}." in first
    # Remove the data and generate it again: the same rows, value for value.
    _delete_all()
    run("--councils", "2", "--seed", "5")
    assert scale.summary() == (counts, checksum)
    _delete_all()
    run("--councils", "2", "--seed", "6")
    assert scale.summary()[1] != checksum


def _delete_all():
    from grants.models import Allocation, GrantDetermination, Payment, UsageLine, UsageStatement
    from inspections.models import ImprovementPlan, Inspection
    from programmes.models import HighNeedsYear, Programme

    UsageLine.objects.all().delete()
    UsageStatement.objects.all().delete()
    Payment.objects.all().delete()
    Allocation.objects.all().delete()
    GrantDetermination.objects.all().delete()
    Programme.objects.all().delete()
    HighNeedsYear.objects.all().delete()
    for plan in ImprovementPlan.objects.all():
        plan.actions.all().delete()
    ImprovementPlan.objects.all().delete()
    Inspection.objects.all().delete()


def test_scale_data_writes_no_audit_entries(reference_places):
    before = LogEntry.objects.count()
    run("--councils", "1")
    assert LogEntry.objects.count() == before


def test_refuses_to_run_twice(reference_places):
    run("--councils", "1")
    with pytest.raises(CommandError, match="already here"):
        run("--councils", "1")


def test_scale_data_leaves_every_councils_figures_current_and_right(reference_places):
    """generate_scale_data writes in bulk, past the services' write path, so it raises
    the councils' versions and computes their figures itself."""
    from django.utils.timezone import localdate

    from sendtracker.core.models import Council
    from sendtracker.dashboards import summaries
    from sendtracker.dashboards.models import CouncilSummary

    run("--councils", "2")
    councils = list(Council.objects.order_by("dfe_la_code")[:2])
    rows = {s.council_id: s for s in CouncilSummary.objects.filter(council__in=councils)}
    for council in councils:
        for part in ("plans", "programmes", "grants"):
            assert summaries._current(rows.get(council.pk), council, part, localdate()), part
        assert rows[council.pk].actions["total"] == 30
    assert summaries.differences([c.pk for c in councils]) == []
