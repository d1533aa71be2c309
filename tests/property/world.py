"""One council's records of every kind, for pages that need a record to act on, and
the URL of every form page in it."""

import datetime
from decimal import Decimal

from django.urls import reverse

D = datetime.date


def build(council, *, grant_administrator) -> dict:
    """Leicester's inspection, plan and action, programme and its parts, a High Needs
    year, grants (a pending allocation, an accepted one with a usage statement), and a
    person without roles: {name: record}."""
    from programmes import services as programme_services
    from tests.factories import UserFactory
    from tests.grants import factories as grant_factories
    from tests.inspections.factories import (
        ActionFactory,
        AreaFactory,
        InspectionFactory,
        PlanFactory,
    )
    from tests.programmes import factories as programme_factories

    inspection = InspectionFactory(council=council, report_published_on=D(2018, 6, 18))
    AreaFactory(inspection=inspection, number=1, title="Area 1")
    plan = PlanFactory(
        council=council, inspection=inspection, kind="app", approved_on=D(2021, 7, 30)
    )
    action = ActionFactory(plan=plan, ref="1.1")
    programme = programme_factories.programme(council)
    workstream = programme_factories.workstream(programme)
    milestone = programme_factories.milestone(workstream, ref="1", title="Design phase")
    measure = programme_factories.measure(programme)
    risk = programme_services.add_risk(
        programme=programme, by=None, description="Staff leave", likelihood=2, impact=3
    )
    programme_factories.high_needs_years(council, {2024: (Decimal(1), Decimal(1), Decimal(1))})
    determination = grant_factories.determination(by=grant_administrator)
    pending = grant_factories.allocation(
        determination, council, base_funding=Decimal("100"), top_up=Decimal("0")
    )
    reported_in = grant_factories.determination(by=grant_administrator, title="DBV 2022")
    accepted = grant_factories.allocation(
        reported_in, council, base_funding=Decimal("5000"), top_up=Decimal("0")
    )
    statement = grant_factories.paid_and_reported(
        accepted,
        paid=Decimal("1000"),
        paid_on=D(2021, 9, 1),
        lines=[("staff", "Coordinator", Decimal("500"))],
    )
    return {
        "council": council,
        "inspection": inspection,
        "plan": plan,
        "action": action,
        "programme": programme,
        "workstream": workstream,
        "milestone": milestone,
        "measure": measure,
        "risk": risk,
        "determination": determination,
        "pending": pending,
        "accepted": accepted,
        "statement": statement,
        "person": UserFactory(),
    }


def _reset_link(user) -> dict:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def _council(w):
    return {"council_slug": w["council"].slug}


def _plan(w):
    return _council(w) | {"plan_id": w["plan"].pk}


def _action(w):
    return _plan(w) | {"action_id": w["action"].pk}


def _inspection(w):
    return _council(w) | {"inspection_id": w["inspection"].pk}


def _programme(w):
    return _council(w) | {"programme_id": w["programme"].pk}


# Every form page (a FormView in the URL conf) and its URL's arguments in the world.
# tests/property/test_forms.py fails for a form page missing here.
FORM_PAGES = {
    "publications:choices": _plan,
    "publications:publish": _plan,
    "publications:withdraw": _plan,
    "publications:rights": _council,
    "login": lambda w: {},
    "password_reset": lambda w: {},
    "password_reset_confirm": lambda w: _reset_link(w["person"]),
    "council-edit": _council,
    "person-add": lambda w: {},
    "person-role-grant": lambda w: {"user_id": w["person"].pk},
    "inspections:inspection-create": _council,
    "inspections:inspection-edit": _inspection,
    "inspections:area-create": _inspection,
    "inspections:revisit-create": _inspection,
    "inspections:monitoring-create": _inspection,
    "inspections:inspection-deadline": lambda w: _inspection(w) | {"kind": "wsoa_due"},
    "inspections:plan-deadline": lambda w: _plan(w) | {"kind": "app_review"},
    "inspections:plan-create": _council,
    "inspections:plan-edit": _plan,
    "inspections:action-create": _plan,
    "inspections:action-edit": _action,
    "inspections:action-status": _action,
    "inspections:action-sign-off": _action,
    "programmes:programme-add": _council,
    "programmes:year-add": _council,
    "programmes:year-change": lambda w: _council(w) | {"year": 2024},
    "programmes:programme-change": _programme,
    "programmes:risk-add": _programme,
    "programmes:risk-change": lambda w: _programme(w) | {"risk_id": w["risk"].pk},
    "programmes:workstream-add": _programme,
    "programmes:workstream-change": lambda w: _programme(w) | {"workstream_id": w["workstream"].pk},
    "programmes:milestone-add": lambda w: _programme(w) | {"workstream_id": w["workstream"].pk},
    "programmes:milestone-update": lambda w: _programme(w) | {"milestone_id": w["milestone"].pk},
    "programmes:milestone-change": lambda w: _programme(w) | {"milestone_id": w["milestone"].pk},
    "programmes:measure-add": _programme,
    "programmes:measure-change": lambda w: _programme(w) | {"measure_id": w["measure"].pk},
    "programmes:observation-add": lambda w: _programme(w) | {"measure_id": w["measure"].pk},
    "dashboards:meeting-add": _council,
    "grants:determination-create": lambda w: {},
    "grants:determination-edit": lambda w: {"pk": w["determination"].pk},
    "grants:measure-create": lambda w: {"pk": w["determination"].pk},
    "grants:instalment-create": lambda w: {"pk": w["determination"].pk},
    "grants:allocation-create": lambda w: {"pk": w["determination"].pk},
    "grants:allocation-amounts": lambda w: {"pk": w["pending"].pk},
    "grants:allocation-accept": lambda w: {"pk": w["pending"].pk},
    "grants:allocation-close": lambda w: {"pk": w["accepted"].pk},
    "grants:payment-create": lambda w: {"pk": w["accepted"].pk},
    "grants:usage-create": lambda w: {"pk": w["accepted"].pk},
    "grants:usage-accept": lambda w: {"pk": w["statement"].pk},
    "packs:plan-pack": _plan,
    "packs:council-pack": _council,
    "packs:region-pack": lambda w: {"region_slug": w["council"].region.slug},
    "reminders:choices": lambda w: {},
}


# A form that posts to a page of its own but is shown on another (its record's page).
SHOWN_ON = {"person-role-grant": "person-detail"}


def url_of(name: str, world: dict) -> str:
    return reverse(name, kwargs=FORM_PAGES[name](world))


def shown_at(name: str, world: dict) -> str:
    """The URL of the page that shows the form of `name`."""
    return reverse(SHOWN_ON.get(name, name), kwargs=FORM_PAGES[name](world))
