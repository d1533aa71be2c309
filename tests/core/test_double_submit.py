"""A create form sent twice with its one-time token (a double click) saves one record.

Every page that creates a record is a case below: its form page, the user who fills it,
good values and the records it adds. The second send of the same form saves nothing
and goes where the first went. `test_every_service_form_page_is_a_case_or_a_change`
fails for a new form page that is in neither list, so a new create page is added here.
"""

import datetime
import re
import threading
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connections
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from grants.models import (
    Allocation,
    GrantDetermination,
    Instalment,
    LegalBasis,
    Payment,
    SuccessMeasure,
    UsageStatement,
)
from inspections.models import Action as PlanAction
from inspections.models import (
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    MonitoringInspection,
    Revisit,
)
from programmes.models import (
    HighNeedsYear,
    Measure,
    Milestone,
    Observation,
    Programme,
    Risk,
    Workstream,
)
from sendtracker.core.models import BoardMeeting, RoleAssignment, User
from sendtracker.core.views.forms import ALREADY_SENT, ServiceFormView
from tests.grants import factories as grant_factories
from tests.inspections.factories import (
    AreaFactory,
    Inspection2023Factory,
    InspectionFactory,
    PlanFactory,
    PriorityAreaFactory,
)
from tests.inspections.test_forms import action_data, inspection_data, plan_data
from tests.programmes import factories as programme_factories
from tests.programmes.test_forms import (
    measure_post,
    milestone_post,
    programme_post,
    risk_post,
    workstream_post,
    year_post,
)

pytestmark = pytest.mark.django_db
D = datetime.date
TOKEN = re.compile(r'name="form_token"\s+value="([A-Za-z0-9_-]+)"')


def day(name, value: datetime.date) -> dict:
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }


def inspections_url(name, council, **kwargs):
    return reverse(f"inspections:{name}", kwargs={"council_slug": council.slug, **kwargs})


def programmes_url(name, programme, **kwargs):
    kwargs = {"council_slug": programme.council.slug, "programme_id": programme.pk, **kwargs}
    return reverse(f"programmes:{name}", kwargs=kwargs)


# Each form: (user, url, data[, the page that shows it]) from the pytest fixtures (`get`).


def person_add(get):
    data = {"email": "new.person@leicester.example", "name": "", "job_title": "Caseworker"}
    return get("site_administrator"), reverse("person-add"), data


def role_grant(get):
    person = get("make_user")()
    data = {"role": "council_officer", "council": get("leicester").pk}
    url = reverse("person-role-grant", args=[person.pk])
    # Its form is shown on the person's page.
    return get("site_administrator"), url, data, reverse("person-detail", args=[person.pk])


def inspection_create(get):
    return get("officer"), inspections_url("inspection-create", get("leicester")), inspection_data()


def area_create(get):
    inspection = InspectionFactory(council=get("leicester"))
    url = inspections_url("area-create", inspection.council, inspection_id=inspection.pk)
    return get("officer"), url, {"parent": "", "number": "4", "title": "Post-19 health"}


def revisit_create(get):
    inspection = InspectionFactory(council=get("leicester"))
    area = AreaFactory(inspection=inspection, number=1)
    url = inspections_url("revisit-create", inspection.council, inspection_id=inspection.pk)
    data = {**day("started_on", D(2021, 5, 10)), **day("ended_on", D(2021, 5, 12))}
    return get("officer"), url, {**data, "letter_url": "", f"area_{area.pk}": "yes"}


def monitoring_create(get):
    inspection = Inspection2023Factory(council=get("leicester"))
    area = PriorityAreaFactory(inspection=inspection)
    url = inspections_url("monitoring-create", inspection.council, inspection_id=inspection.pk)
    data = {**day("started_on", D(2024, 11, 4)), **day("ended_on", D(2024, 11, 8))}
    return get("officer"), url, {**data, "letter_url": "", f"area_{area.pk}": "yes"}


def plan_create(get):
    inspection = InspectionFactory(council=get("leicester"))
    url = inspections_url("plan-create", inspection.council)
    return get("officer"), url, plan_data(inspection)


def action_create(get):
    plan = PlanFactory(council=get("leicester"), inspection__council=get("leicester"))
    url = inspections_url("action-create", plan.council, plan_id=plan.pk)
    return get("officer"), url, action_data()


def nelincs_programme(get):
    return programme_factories.programme(get("nelincs"))


def programme_add(get):
    url = reverse("programmes:programme-add", args=[get("nelincs").slug])
    return get("nelincs_officer"), url, programme_post()


def workstream_add(get):
    prog = nelincs_programme(get)
    return get("nelincs_officer"), programmes_url("workstream-add", prog), workstream_post()


def milestone_add(get):
    prog = nelincs_programme(get)
    ws = programme_factories.workstream(prog)
    url = programmes_url("milestone-add", prog, workstream_id=ws.pk)
    return get("nelincs_officer"), url, milestone_post()


def measure_add(get):
    prog = nelincs_programme(get)
    return get("nelincs_officer"), programmes_url("measure-add", prog), measure_post()


def risk_add(get):
    prog = nelincs_programme(get)
    return get("nelincs_officer"), programmes_url("risk-add", prog), risk_post()


def year_add(get):
    url = reverse("programmes:year-add", args=[get("nelincs").slug])
    return get("nelincs_officer"), url, year_post()


def observation_add(get):
    prog = nelincs_programme(get)
    measure = programme_factories.measure(prog)
    url = programmes_url("observation-add", prog, measure_id=measure.pk)
    prefix = f"measure-{measure.pk}-"
    data = {prefix + "value": "50", prefix + "version": measure.version}
    return get("nelincs_officer"), url, {**data, **day(prefix + "on", D(2025, 1, 31))}


def meeting_add(get):
    data = {
        "board_name": "SENDIB",
        **day("held_on", D(2024, 1, 31)),
        "attendees": "Chair\nHead of SEND",
        "decisions": "Accept the exception report",
    }
    return get("officer"), reverse("dashboards:meeting-add", args=[get("leicester").slug]), data


def grants_determination(get, **values):
    return grant_factories.determination(by=get("grant_administrator"), **values)


def determination_create(get):
    data = {
        "title": "SEND Regional Coordinator grant 2022-23",
        "legal_basis": "section_31",
        "financial_year": "2022-23",
        "total_available": "£100,000.00",
        "status": "made",
        **day("period_start", D(2022, 4, 1)),
        **day("period_end", D(2023, 3, 31)),
    }
    return get("grant_administrator"), reverse("grants:determination-create"), data


def measure_create(get):
    determination = grants_determination(get)
    url = reverse("grants:measure-create", args=[determination.pk])
    return get("grant_administrator"), url, {"text": "Evidence of progress", "parent": ""}


def instalment_create(get):
    determination = grants_determination(get)
    url = reverse("grants:instalment-create", args=[determination.pk])
    data = {"description": "First", **day("due_on", D(2021, 8, 1))}
    return get("grant_administrator"), url, data


def allocation_create(get):
    determination = grants_determination(get)
    url = reverse("grants:allocation-create", args=[determination.pk])
    return get("grant_administrator"), url, {"council": get("leicester").pk, "total": "10.00"}


def accepted_allocation(get, council, **values):
    by = get("grant_administrator")
    determination = grants_determination(get, **values)
    allocation = grant_factories.allocation(determination, council, by=by, total=Decimal(1000))
    return grant_factories.services.accept_allocation(
        allocation=allocation,
        by=by,
        decision="Accept",
        decision_body="Cabinet",
        decided_on=D(2021, 5, 1),
    )


def payment_create(get):
    allocation = accepted_allocation(get, get("leicester"))
    url = reverse("grants:payment-create", args=[allocation.pk])
    return get("grant_administrator"), url, {"amount": "100", **day("paid_on", D(2021, 8, 1))}


def usage_create(get):
    allocation = accepted_allocation(
        get, get("nelincs"), legal_basis=LegalBasis.GRANT_AGREEMENT, ring_fenced=True
    )
    grant_factories.services.record_payment(
        allocation=allocation,
        by=get("grant_administrator"),
        amount=Decimal(1000),
        paid_on=D(2021, 8, 1),
    )
    url = reverse("grants:usage-create", args=[allocation.pk])
    data = {"period": "Phase 2", "amount_data": "£1,000.50", "description_data": "Licences"}
    return get("nelincs_officer"), url, data


@dataclass(frozen=True)
class Case:
    url_name: str
    form: object
    records: object  # the model whose rows the form adds

    def __str__(self):
        return self.url_name

    def filled(self, get):
        """(user, url, data, the page that shows the form)."""
        user, url, data, *shown_at = self.form(get)
        return user, url, data, shown_at[0] if shown_at else url


CREATE_PAGES = [
    Case("person-add", person_add, User),
    Case("person-role-grant", role_grant, RoleAssignment),
    Case("inspections:inspection-create", inspection_create, Inspection),
    Case("inspections:area-create", area_create, AreaOfWeakness),
    Case("inspections:revisit-create", revisit_create, Revisit),
    Case("inspections:monitoring-create", monitoring_create, MonitoringInspection),
    Case("inspections:plan-create", plan_create, ImprovementPlan),
    Case("inspections:action-create", action_create, PlanAction),
    Case("programmes:programme-add", programme_add, Programme),
    Case("programmes:workstream-add", workstream_add, Workstream),
    Case("programmes:milestone-add", milestone_add, Milestone),
    Case("programmes:measure-add", measure_add, Measure),
    Case("programmes:risk-add", risk_add, Risk),
    Case("programmes:year-add", year_add, HighNeedsYear),
    Case("programmes:observation-add", observation_add, Observation),
    Case("dashboards:meeting-add", meeting_add, BoardMeeting),
    Case("grants:determination-create", determination_create, GrantDetermination),
    Case("grants:measure-create", measure_create, SuccessMeasure),
    Case("grants:instalment-create", instalment_create, Instalment),
    Case("grants:allocation-create", allocation_create, Allocation),
    Case("grants:payment-create", payment_create, Payment),
    Case("grants:usage-create", usage_create, UsageStatement),
]

# Form pages that change a record rather than add one; most carry the record's version,
# so a second send is refused as a stale edit even without the token (which they have).
CHANGE_PAGES = {
    "publications:choices",
    "publications:publish",
    "publications:withdraw",
    "publications:rights",
    "council-edit",
    "inspections:inspection-edit",
    "inspections:inspection-deadline",
    "inspections:plan-deadline",
    "inspections:plan-edit",
    "inspections:action-edit",
    "inspections:action-status",
    "inspections:action-sign-off",
    "programmes:year-change",
    "programmes:programme-change",
    "programmes:risk-change",
    "programmes:workstream-change",
    "programmes:milestone-update",
    "programmes:milestone-change",
    "programmes:measure-change",
    "grants:determination-edit",
    "grants:allocation-amounts",
    "grants:allocation-accept",
    "grants:allocation-close",
    "grants:usage-accept",
    "reminders:choices",
    # Packs are downloads, not records: `one_time = False`, and rate limited.
    "packs:plan-pack",
    "packs:council-pack",
    "packs:region-pack",
}


def service_form_pages():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = f"{pattern.namespace}:" if pattern.namespace else ""
                yield from walk(pattern.url_patterns, prefix + namespace)
            else:
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, ServiceFormView):
                    yield prefix + pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_service_form_page_is_a_case_or_a_change():
    cases = {case.url_name for case in CREATE_PAGES}
    assert not cases & CHANGE_PAGES
    assert service_form_pages() == cases | CHANGE_PAGES


def shown_token(client, url) -> str:
    page = client.get(url)
    assert page.status_code == 200
    [token] = TOKEN.findall(page.content.decode())
    return token


@pytest.mark.parametrize("case", CREATE_PAGES, ids=str)
def test_a_create_form_sent_twice_with_its_token_saves_one_record(client, request, case):
    user, url, data, shown_at = case.filled(request.getfixturevalue)
    client.force_login(user)
    data = {**data, "form_token": shown_token(client, shown_at)}
    before = case.records.objects.count()

    first = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:3000]
    assert case.records.objects.count() == before + 1
    second = client.post(url, data)

    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert case.records.objects.count() == before + 1
    assert ALREADY_SENT in client.get(second["Location"]).content.decode()


@pytest.mark.parametrize("case", CREATE_PAGES[:3], ids=str)
def test_a_form_shown_again_keeps_its_token_and_a_new_form_has_a_new_one(client, request, case):
    user, url, data, shown_at = case.filled(request.getfixturevalue)
    client.force_login(user)
    token = shown_token(client, shown_at)
    assert shown_token(client, shown_at) != token

    blank = {name: "" for name in data}
    shown_again = client.post(url, {**blank, "form_token": token})

    assert shown_again.status_code == 200
    assert TOKEN.findall(shown_again.content.decode()) == [token]
    before = case.records.objects.count()
    assert client.post(url, {**data, "form_token": token}).status_code == 302
    assert case.records.objects.count() == before + 1


def test_a_form_sent_without_a_token_is_saved_as_before(client, officer, leicester):
    url = inspections_url("inspection-create", leicester)
    client.force_login(officer)
    for _ in range(2):
        assert client.post(url, inspection_data()).status_code == 302
    assert Inspection.objects.filter(council=leicester).count() == 2


def test_a_token_is_the_users_own(client, officer, make_user, leicester):
    from sendtracker.core.models.people import Role

    colleague = make_user(Role.COUNCIL_OFFICER, council=leicester)
    url = inspections_url("inspection-create", leicester)
    client.force_login(officer)
    data = {**inspection_data(), "form_token": shown_token(client, url)}
    assert client.post(url, data).status_code == 302
    other = Client()
    other.force_login(colleague)
    assert other.post(url, data).status_code == 302
    assert Inspection.objects.filter(council=leicester).count() == 2


def test_a_refused_save_gives_its_token_back(client, officer, leicester):
    plan = PlanFactory(council=leicester, inspection__council=leicester)
    url = inspections_url("action-create", leicester, plan_id=plan.pk)
    client.force_login(officer)
    token = shown_token(client, url)
    PlanAction.objects.create(plan=plan, ref="4.9", description="Taken", position=1)

    refused = client.post(url, {**action_data(), "form_token": token})
    assert refused.status_code == 200
    assert "already has an action 4.9" in refused.content.decode()
    assert TOKEN.findall(refused.content.decode()) == [token]

    saved = client.post(url, {**action_data(ref="4.10"), "form_token": token})
    assert saved.status_code == 302
    assert plan.actions.filter(ref="4.10").exists()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_requests_sending_one_token_at_once_save_one_record(officer, leicester):
    plan = PlanFactory(council=leicester, inspection__council=leicester)
    url = inspections_url("action-create", leicester, plan_id=plan.pk)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(officer)
    data = {**action_data(), "form_token": shown_token(clients[0], url)}
    start = threading.Barrier(2)
    answers = []

    def send(client):
        try:
            start.wait()
            answers.append(client.post(url, data))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert plan.actions.count() == 1


def test_an_in_place_form_sent_twice_with_htmx_answers_the_row_as_saved(client, request):
    user, url, data, shown_at = Case("", observation_add, Observation).filled(
        request.getfixturevalue
    )
    client.force_login(user)
    data = {**data, "form_token": shown_token(client, shown_at)}
    before = Observation.objects.count()

    first = client.post(url, data, headers={"HX-Request": "true"})
    second = client.post(url, data, headers={"HX-Request": "true"})

    assert (first.status_code, second.status_code) == (200, 200)
    assert Observation.objects.count() == before + 1
    assert "<html" not in second.content.decode()
    assert "govuk-error-summary" not in second.content.decode()
