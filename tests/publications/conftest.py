import datetime

import pytest

from inspections import services as plan_services
from sendtracker.core.models.people import Role
from sendtracker.publications import services
from tests.inspections.factories import plan_through_services

SECRET_REASON = "Waiting for the new case management system"


@pytest.fixture
def lead(make_user, leicester):
    """A named lead with an account: published by job title, never by name or email."""
    return make_user(
        Role.COUNCIL_OFFICER,
        council=leicester,
        email="jo.bloggs@leicester.example",
        name="Jo Bloggs",
        job_title="Head of SEND Commissioning",
    )


@pytest.fixture
def plan(leicester, lead):
    plan = plan_through_services(leicester, areas=2)
    action = plan.actions.get(ref="1.1")
    plan_services.update_action_details(
        action=action,
        by=None,
        expected_version=action.version,
        lead_users=[lead],
    )
    action.refresh_from_db()
    set_status(
        action,
        action.status,
        note="Strategy agreed; ask jo.bloggs@leicester.example for the minutes.",
    )
    return plan


@pytest.fixture
def publish(board_member):
    def publish(plan, note=""):
        from sendtracker.publications.models import Publication

        latest = Publication.objects.filter(plan=plan, current=True).first()
        return services.publish_plan(
            plan=plan, by=board_member, note=note, expected_version=latest.version if latest else 0
        )

    return publish


@pytest.fixture
def choose(officer):
    def choose(plan, *, internal=None, summaries=None, next_update=datetime.date(2027, 3, 31)):
        current = services.publishing_of(plan)
        return services.save_publishing_choices(
            plan=plan,
            by=officer,
            internal_fields=current.internal_fields if internal is None else internal,
            next_update_due=next_update,
            family_summaries=summaries or {},
            expected_version=current.version,
        )

    return choose


def set_status(action, status, *, reason="", recovery=None, by=None, note=""):
    return plan_services.update_action_status(
        action=action,
        by=by,
        status=status,
        stage=action.stage,
        note=note,
        reason=reason,
        evidence_of_output="Minutes of the board" if status == "complete" else None,
        recovery_date=recovery,
        expected_version=action.version,
    )
