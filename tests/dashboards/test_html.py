"""The council dashboard's tables drawn in Python (dashboards.html) draw what the
template they replaced drew (council_body_reference.html, kept here), now and as at a
day, with every value escaped."""

import datetime
from pathlib import Path

import pytest
from django.template import engines
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

from inspections import selectors as plan_selectors
from inspections.models import Action
from programmes.models import Measure
from sendtracker.core.models import Council
from sendtracker.core.models.people import Role
from sendtracker.core.status import Status
from sendtracker.dashboards import as_at, html, selectors, summaries
from sendtracker.dashboards.scale import generate
from tests.dashboards.test_views import END

pytestmark = pytest.mark.django_db
REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "council_body_reference.html").read_text()
)
NEW = engines["django"].get_template("dashboards/_council_body.html")


def both(context: dict, council, *, old: dict) -> tuple:
    """The reference drawn from `old` (the records the template read: exception rows and
    status updates), ours from `context` (the values the summary keeps)."""
    context = {**context, "council": council, "brag_tables": []}
    link = reverse("dashboards:council-exceptions", args=[council.slug])
    drawn = NEW.render({**context, "html": html.council_body(context, exceptions_link=link)})
    return parse_html(REFERENCE.render({**context, **old})), parse_html(drawn), drawn


def records(user, council, *, today, until=None) -> dict:
    """What the template read: exception rows and status updates, from the records."""
    since = timezone.now() - datetime.timedelta(days=3650)
    return {
        "exceptions": plan_selectors.council_exceptions(user, council, today=today),
        "recent_changes": plan_selectors.council_updates(
            user, council, since=since, until=until, limit=selectors.RECENT_CHANGES
        ),
    }


@pytest.fixture
def council(reference_places):
    generate(seed=3, councils=1, end=END)
    council = Council.objects.order_by("dfe_la_code").first()
    council.name = 'Bath & <North> East "Somerset" O\'Brien'
    council.save(update_fields=["name"])
    delayed = Action.objects.filter(plan__council=council, status=Status.MAJOR_DELAY).first()
    Action.objects.filter(pk=delayed.pk).update(
        ref="<b>2.3</b>",
        status_reason="Staff & <script>alert(1)</script> " + "word " * 30,
        reason_needed=True,
    )
    Measure.objects.filter(programme__council=council).update(name="EHCPs <in> 20 weeks & more")
    summaries.rebuild([council.pk])  # written around the services: recompute its figures
    return council


def test_the_dashboard_now_is_the_markup_the_template_drew(council, make_user):
    user = make_user(Role.BOARD_MEMBER, council=council)
    today = timezone.localdate()
    selectors.summaries_for([council], today=today)
    context = selectors.council_dashboard(user, council, today=today)
    assert context["exceptions"] and context["measures"] and context["recent_changes"]
    assert context["high_needs"] and context["programmes"].next_milestones
    reference, ours, drawn = both(context, council, old=records(user, council, today=today))
    assert ours == reference
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn
    assert "Reason needed" in drawn and "O&#x27;Brien" in drawn


def test_the_dashboard_as_at_a_day_and_without_a_plan_is_the_markup_the_template_drew(
    council, make_user
):
    user = make_user(Role.BOARD_MEMBER, council=council)
    moment = timezone.make_aware(datetime.datetime.combine(END, datetime.time(23)))
    context = as_at.council_dashboard_as_at(user, council, moment=moment)
    context.pop("brag_groups")
    context["as_at"] = END
    then = plan_selectors.council_actions_as_at(user, council, moment)
    old = {
        **records(user, council, today=END, until=moment),
        "exceptions": plan_selectors.exception_rows(then, today=END),
    }
    reference, ours, _ = both(context, council, old=old)
    assert ours == reference
    # A council with no plan: counts without links.
    context["plans"] = []
    reference, ours, drawn = both(context, council, old=old)
    assert ours == reference
    assert "?status=" not in drawn
