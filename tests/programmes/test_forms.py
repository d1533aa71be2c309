"""The pages that add and change programme records: what they save, what they refuse, who
may use them."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from programmes import services
from programmes.models import (
    Enabler,
    HighNeedsYear,
    Measure,
    Milestone,
    Programme,
    Risk,
    Workstream,
)
from sendtracker.core.errors import DomainError
from sendtracker.core.models.people import Role
from tests.grants.factories import AllocationFactory
from tests.programmes import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def date(name, day: datetime.date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def no_date(name) -> dict:
    return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}


def errors(response) -> dict:
    form = response.context["form"]
    return {field: list(messages) for field, messages in form.errors.items()}


@pytest.fixture
def prog(nelincs):
    return factories.programme(nelincs)


@pytest.fixture
def ws(prog):
    return factories.workstream(prog)


@pytest.fixture
def signed_in(client, nelincs_officer):
    client.force_login(nelincs_officer)
    return client


def at(name, prog, **kwargs):
    return reverse(
        f"programmes:{name}",
        kwargs={"council_slug": prog.council.slug, "programme_id": prog.pk, **kwargs},
    )


# Programmes -------------------------------------------------------------------------------


def programme_post(**data) -> dict:
    values = {
        "kind": "dbv",
        "name": "Delivering Better Value in SEND",
        "tranche": "Tranche 3",
        "aim": "",
        "delivery_partners": "Newton Europe; CIPFA",
        "senior_responsible_officer": "Director of Children's Services",
        "allocation": "",
        "status": "active",
        "phase_1_name": "Diagnostics",
        **date("phase_1_starts_on", D(2024, 1, 8)),
        **date("phase_1_ends_on", D(2024, 3, 29)),
        "phase_2_name": "Deep dive",
        **no_date("phase_2_starts_on"),
        **no_date("phase_2_ends_on"),
    }
    for i in (3, 4):
        values |= {f"phase_{i}_name": "", **no_date(f"phase_{i}_starts_on")}
        values |= no_date(f"phase_{i}_ends_on")
    return values | data


def test_officer_starts_a_programme_with_phases_and_the_councils_allocation(
    signed_in, nelincs, nelincs_officer
):
    allocation = AllocationFactory(council=nelincs)
    address = reverse("programmes:programme-add", args=[nelincs.slug])
    page = signed_in.get(address)
    assert page.status_code == 200
    assert str(allocation.determination.title) in page.content.decode()

    response = signed_in.post(address, programme_post(allocation=allocation.pk))

    programme = Programme.objects.get(council=nelincs)
    assert response.status_code == 302
    assert response["Location"] == programme.get_absolute_url()
    assert programme.allocation == allocation
    assert programme.tranche == "Tranche 3"
    assert [(p.name, p.starts_on, p.ends_on) for p in programme.phases.all()] == [
        ("Diagnostics", D(2024, 1, 8), D(2024, 3, 29)),
        ("Deep dive", None, None),
    ]
    entry = LogEntry.objects.get_for_object(programme).get()
    assert entry.actor == nelincs_officer


def test_programme_refuses_another_councils_allocation(signed_in, nelincs, leicester):
    theirs = AllocationFactory(council=leicester)
    response = signed_in.post(
        reverse("programmes:programme-add", args=[nelincs.slug]),
        programme_post(allocation=theirs.pk),
    )
    assert errors(response) == {
        "allocation": ["Select one of this council's grant allocations, or none"]
    }
    assert not Programme.objects.exists()


def test_programme_without_name_or_kind_gets_field_messages(signed_in, nelincs):
    response = signed_in.post(
        reverse("programmes:programme-add", args=[nelincs.slug]), programme_post(name="", kind="")
    )
    assert errors(response) == {
        "name": ["Enter the programme's name"],
        "kind": ["Select the kind of programme"],
    }
    assert "govuk-error-summary" in response.content.decode()
    assert not Programme.objects.exists()


def test_phase_ending_before_it_starts_is_refused(signed_in, nelincs):
    response = signed_in.post(
        reverse("programmes:programme-add", args=[nelincs.slug]),
        programme_post(**date("phase_1_ends_on", D(2023, 12, 1))),
    )
    assert errors(response) == {
        "__all__": ["Phase “Diagnostics” must end on or after the day it starts"]
    }
    assert not Programme.objects.exists()


def test_officer_changes_a_programme_and_its_phases(signed_in, prog):
    services.add_phase(programme=prog, by=None, name="Old phase")
    data = programme_post(**{"name": "DBV in SEND", "version": prog.version})
    response = signed_in.post(at("programme-change", prog), data)
    assert response.status_code == 302
    prog.refresh_from_db()
    assert prog.name == "DBV in SEND"
    assert prog.version == 2
    assert list(prog.phases.values_list("name", flat=True)) == ["Diagnostics", "Deep dive"]


def test_stale_programme_edit_is_refused_and_saves_nothing(signed_in, prog):
    opened_at = prog.version
    services.update_programme(
        programme=prog, by=None, expected_version=opened_at, kind="dbv", name="Theirs"
    )
    response = signed_in.post(
        at("programme-change", prog), programme_post(name="Mine", version=opened_at)
    )
    assert "Someone else saved this programme" in errors(response)["__all__"][0]
    assert "Theirs" in response.content.decode()  # what they saved is shown
    prog.refresh_from_db()
    assert prog.name == "Theirs"


# Workstreams ------------------------------------------------------------------------------


def workstream_post(**data) -> dict:
    return {
        "name": "Inclusion",
        "objective": "Mainstream schools meet more needs.",
        "senior_accountable_officer": "Director of Education",
        "project_lead": "Head of SEND",
        "delivery_team": "SEND team\n\nEducational psychology\n",
        "stakeholders_design": "",
        "stakeholders_impacted": "Parents: confidence improves",
        "other_interdependencies": "",
        "likely_measures": "EHCP requests",
        "enabler_G": "2",
        "enabler_D": "1",
        "enabler_L": "",
        "enabler_Ca": "",
        "enabler_Cb": "",
        **data,
    }


def test_officer_adds_a_workstream_with_enablers_and_an_interdependency(signed_in, prog, ws):
    response = signed_in.post(at("workstream-add", prog), workstream_post(depends_on=[ws.pk]))
    added = Workstream.objects.get(name="Inclusion")
    assert response.status_code == 302
    assert response["Location"] == added.get_absolute_url()
    assert added.delivery_team_list == ["SEND team", "Educational psychology"]
    assert {e.code for e in added.enablers.all()} == {"G2", "D1"}
    assert list(added.depends_on.all()) == [ws]


def test_workstream_edit_refusing_a_cycle_saves_nothing(signed_in, prog, ws):
    other = factories.workstream(prog, name="Inclusion")
    services.add_interdependency(workstream=other, depends_on=ws, by=None)
    data = workstream_post(name=ws.name, depends_on=[other.pk], version=ws.version)
    response = signed_in.post(at("workstream-change", prog, workstream_id=ws.pk), data)
    assert errors(response) == {
        "depends_on": [
            f"That would make a cycle: {ws.name} → Inclusion → {ws.name}. "
            "Remove one of those links first."
        ]
    }
    ws.refresh_from_db()
    assert ws.version == 1
    assert not ws.depends_on.exists()
    assert not Enabler.objects.filter(workstream=ws).exists()


def test_workstream_edit_replaces_enablers(signed_in, prog, ws):
    services.set_enabler(workstream=ws, by=None, area="L", level=2)
    data = workstream_post(name=ws.name, version=ws.version, enabler_G="5")
    response = signed_in.post(at("workstream-change", prog, workstream_id=ws.pk), data)
    assert response.status_code == 302
    assert {e.code for e in ws.enablers.all()} == {"G5", "D1"}


def test_workstream_depending_on_another_programmes_workstream_is_refused(
    signed_in, prog, ws, nelincs
):
    elsewhere = factories.workstream(factories.programme(nelincs, name="Other"))
    response = signed_in.post(
        at("workstream-add", prog), workstream_post(depends_on=[elsewhere.pk])
    )
    assert errors(response) == {"depends_on": ["Select workstreams of this programme only"]}
    assert not Workstream.objects.filter(name="Inclusion").exists()


# Milestones -------------------------------------------------------------------------------


def milestone_post(**data) -> dict:
    return {
        "ref": "7.1",
        "title": "Agree the data set",
        "parent": "",
        "owner": "Head of SEND",
        **date("planned_start", D(2025, 9, 1)),
        **date("planned_end", D(2025, 12, 31)),
        **data,
    }


def test_officer_adds_a_sub_milestone(signed_in, prog, ws):
    parent = factories.milestone(ws, title="Design", start=D(2025, 9, 1), end=D(2026, 3, 31))
    address = at("milestone-add", prog, workstream_id=ws.pk)
    response = signed_in.post(address, milestone_post(parent=parent.pk))
    assert response.status_code == 302
    assert response["Location"] == at("milestone-tree", prog, workstream_id=ws.pk)
    child = Milestone.objects.get(title="Agree the data set")
    assert (child.parent, child.ref, child.planned_end) == (parent, "7.1", D(2025, 12, 31))


def test_milestone_ending_before_it_starts_is_refused(signed_in, prog, ws):
    data = milestone_post(**date("planned_end", D(2025, 8, 1)))
    response = signed_in.post(at("milestone-add", prog, workstream_id=ws.pk), data)
    assert errors(response) == {
        "planned_end": ["The planned end must be on or after the planned start"]
    }
    assert not Milestone.objects.exists()


def test_milestone_without_a_title_or_with_an_impossible_date_gets_messages(signed_in, prog, ws):
    data = milestone_post(title="", planned_start_0="31", planned_start_1="2")
    response = signed_in.post(at("milestone-add", prog, workstream_id=ws.pk), data)
    assert errors(response) == {
        "title": ["Enter the milestone"],
        "planned_start": ["Enter a real date, like 27 3 2026"],
    }
    assert not Milestone.objects.exists()


def test_milestone_parent_from_another_workstream_is_refused(signed_in, prog, ws):
    elsewhere = factories.milestone(factories.workstream(prog, name="Inclusion"))
    response = signed_in.post(
        at("milestone-add", prog, workstream_id=ws.pk), milestone_post(parent=elsewhere.pk)
    )
    assert list(errors(response)) == ["parent"]
    assert Milestone.objects.count() == 1


def test_milestone_cannot_move_under_its_own_sub_milestone(signed_in, prog, ws):
    top = factories.milestone(ws, title="Design")
    child = factories.milestone(ws, title="Agree", parent=top)
    data = milestone_post(title="Design", parent=child.pk, version=top.version)
    response = signed_in.post(at("milestone-change", prog, milestone_id=top.pk), data)
    assert errors(response) == {
        "parent": [
            "Select a milestone of this workstream that is not this one or one of its "
            "sub-milestones"
        ]
    }
    top.refresh_from_db()
    assert top.parent is None and top.version == 1


def test_service_refuses_a_milestone_cycle_the_form_did_not_offer(ws):
    # A form opened before someone else moved a milestone could still send one.
    top = factories.milestone(ws, title="Design")
    child = factories.milestone(ws, title="Agree", parent=top)
    with pytest.raises(DomainError) as refused:
        services.update_milestone_plan(
            milestone=top, by=None, expected_version=top.version, title="Design", parent=child
        )
    assert refused.value.field == "parent"
    assert refused.value.message == (
        "A milestone cannot sit under itself or one of its own sub-milestones"
    )
    top.refresh_from_db()
    assert top.parent is None


def test_officer_changes_a_milestones_plan_and_a_stale_form_is_refused(signed_in, prog, ws):
    milestone = factories.milestone(ws, title="Design")
    opened_at = milestone.version
    address = at("milestone-change", prog, milestone_id=milestone.pk)
    assert signed_in.post(address, milestone_post(version=opened_at)).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("Agree the data set", 2)

    response = signed_in.post(address, milestone_post(title="Mine", version=opened_at))
    assert "Someone else saved this milestone" in errors(response)["__all__"][0]
    milestone.refresh_from_db()
    assert milestone.title == "Agree the data set"


# Measures ---------------------------------------------------------------------------------


def measure_post(**data) -> dict:
    return {
        "name": "EHCPs issued within 20 weeks",
        "workstream": "",
        "description": "",
        "unit": "percent",
        "direction": "up",
        "baseline_value": "0",
        **date("baseline_on", D(2023, 9, 1)),
        "target_value": "60",
        **date("target_on", D(2025, 9, 1)),
        "tolerance": "5",
        "trajectory": "31 3 2024: 20\n31/3/2025: 45",
        "source": "",
        **data,
    }


def test_officer_adds_a_measure_with_its_trajectory(signed_in, prog, ws):
    response = signed_in.post(at("measure-add", prog), measure_post(workstream=ws.pk))
    measure = Measure.objects.get()
    assert response["Location"] == measure.get_absolute_url()
    assert measure.workstream == ws
    assert measure.target_value == Decimal("60.00")
    assert list(measure.trajectory.values_list("on", "value")) == [
        (D(2024, 3, 31), Decimal("20.00")),
        (D(2025, 3, 31), Decimal("45.00")),
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"target_value": ""}, "target_value", "Enter the target value"),
        (
            {"target_value": "sixty"},
            "target_value",
            "Enter the target value as a percentage, like 11",
        ),
        ({"baseline_value": "120"}, "baseline_value", "Enter a percentage from 0 to 100"),
        (
            date("target_on", D(2023, 1, 1)),
            "target_on",
            "The target date must be after the baseline date",
        ),
        (
            {"trajectory": "March: 20"},
            "trajectory",
            "Write each trajectory point as a date, a colon and a value, like 31 3 2024: 20 "
            "(not “March: 20”)",
        ),
        ({"unit": ""}, "unit", "Select the measure's unit"),
    ],
)
def test_bad_measure_input_gets_its_message_and_saves_nothing(
    signed_in, prog, data, field, message
):
    response = signed_in.post(at("measure-add", prog), measure_post(**data))
    assert errors(response) == {field: [message]}
    assert not Measure.objects.exists()


def test_measure_edit_is_refused_after_a_value_was_recorded_since_opening(signed_in, prog):
    measure = factories.measure(prog)
    opened_at = measure.version
    services.record_observation(
        measure=measure, by=None, on=D(2024, 1, 1), value="10", expected_version=opened_at
    )
    address = at("measure-change", prog, measure_id=measure.pk)
    response = signed_in.post(address, measure_post(target_value="70", version=opened_at))
    assert "Someone else saved this measure" in errors(response)["__all__"][0]
    measure.refresh_from_db()
    assert measure.target_value == Decimal("60.00")
    # The form now carries the saved version: saving again is deliberate and works.
    again = signed_in.post(address, measure_post(target_value="70", version=measure.version))
    assert again.status_code == 302
    measure.refresh_from_db()
    assert measure.target_value == Decimal("70.00")


# Risks ------------------------------------------------------------------------------------


def risk_post(**data) -> dict:
    return {
        "description": "Schools do not take part",
        "cause": "Pressure on budgets",
        "workstream": "",
        "likelihood": "3",
        "impact": "4",
        "mitigation": "Head teachers' forum",
        "owner": "Head of SEND",
        **date("review_on", D(2026, 6, 30)),
        "status": "open",
        **data,
    }


def test_officer_adds_and_changes_a_risk(signed_in, prog, nelincs_officer):
    response = signed_in.post(at("risk-add", prog), risk_post())
    assert response["Location"] == at("risk-register", prog)
    risk = Risk.objects.get()
    assert (risk.likelihood, risk.impact, risk.score) == (3, 4, 12)

    address = at("risk-change", prog, risk_id=risk.pk)
    data = risk_post(likelihood="5", status="managed", version=risk.version, **no_date("review_on"))
    assert signed_in.post(address, data).status_code == 302
    risk.refresh_from_db()
    assert (risk.score, risk.status, risk.review_on, risk.version) == (20, "managed", None, 2)
    assert LogEntry.objects.get_for_object(risk).filter(actor=nelincs_officer).count() == 2


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"likelihood": "7"}, "likelihood", "The likelihood must be a whole number from 1 to 5"),
        ({"impact": ""}, "impact", "Select the impact, from 1 to 5"),
        ({"description": ""}, "description", "Describe the risk"),
    ],
)
def test_bad_risk_input_gets_its_message_and_saves_nothing(signed_in, prog, data, field, message):
    response = signed_in.post(at("risk-add", prog), risk_post(**data))
    assert errors(response) == {field: [message]}
    assert not Risk.objects.exists()


def test_stale_risk_edit_is_refused(signed_in, prog):
    risk = services.add_risk(programme=prog, by=None, description="R", likelihood=2, impact=2)
    services.update_risk(risk=risk, by=None, likelihood=4, impact=4, status="open")
    response = signed_in.post(
        at("risk-change", prog, risk_id=risk.pk), risk_post(likelihood="1", version=1)
    )
    assert "Someone else saved this risk" in errors(response)["__all__"][0]
    risk.refresh_from_db()
    assert risk.likelihood == 4


# High Needs Block -------------------------------------------------------------------------


def year_post(**data) -> dict:
    return {
        "year_starting": "2024",
        "kind": "forecast",
        "direct_spend": "£32,717,000.50",
        "indirect_spend": "1200000",
        "allocation": "30000000",
        "cumulative_deficit": "",
        "source": "Budget monitoring",
        **data,
    }


def test_officer_adds_a_year_in_pounds_and_pence(signed_in, nelincs):
    response = signed_in.post(reverse("programmes:year-add", args=[nelincs.slug]), year_post())
    assert response["Location"] == reverse("programmes:high-needs", args=[nelincs.slug])
    year = HighNeedsYear.objects.get(council=nelincs)
    assert year.direct_spend == Decimal("32717000.50")
    assert isinstance(year.direct_spend, Decimal)
    assert year.cumulative_deficit is None  # none reported, none stored


def test_duplicate_year_is_refused_and_the_recorded_one_kept(signed_in, nelincs):
    services.add_high_needs_year(
        council=nelincs,
        by=None,
        year_starting=2024,
        kind="actual",
        direct_spend="1",
        indirect_spend="2",
        allocation="3",
    )
    response = signed_in.post(reverse("programmes:year-add", args=[nelincs.slug]), year_post())
    assert errors(response) == {
        "year_starting": [f"2024/25 is already recorded for {nelincs}: change that year instead"]
    }
    assert HighNeedsYear.objects.get(council=nelincs).direct_spend == Decimal("1")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"direct_spend": ""}, "direct_spend", "Enter the direct spend"),
        (
            {"allocation": "thirty million"},
            "allocation",
            "Enter the DSG high-needs allocation in pounds, like 32717000",
        ),
        ({"indirect_spend": "-5"}, "indirect_spend", "The indirect spend cannot be negative"),
        (
            {"year_starting": "24/25"},
            "year_starting",
            "Enter the year the financial year starts in as 4 digits, like 2024",
        ),
    ],
)
def test_bad_year_input_gets_its_message_and_saves_nothing(
    signed_in, nelincs, data, field, message
):
    response = signed_in.post(
        reverse("programmes:year-add", args=[nelincs.slug]), year_post(**data)
    )
    assert errors(response) == {field: [message]}
    assert not HighNeedsYear.objects.exists()


def test_year_edit_corrects_figures_and_refuses_a_stale_form(signed_in, nelincs):
    year = services.add_high_needs_year(
        council=nelincs,
        by=None,
        year_starting=2024,
        kind="forecast",
        direct_spend="1",
        indirect_spend="2",
        allocation="3",
    )
    address = reverse("programmes:year-change", args=[nelincs.slug, 2024])
    assert signed_in.post(address, year_post(kind="actual", version=1)).status_code == 302
    year.refresh_from_db()
    assert (year.kind, year.version) == ("actual", 2)
    response = signed_in.post(address, year_post(direct_spend="9", version=1))
    assert "Someone else saved this financial year" in errors(response)["__all__"][0]
    year.refresh_from_db()
    assert year.direct_spend == Decimal("32717000.50")


# Who may use these pages ------------------------------------------------------------------


@pytest.fixture
def records(prog, ws):
    milestone = factories.milestone(ws)
    measure = factories.measure(prog)
    risk = services.add_risk(programme=prog, by=None, description="R", likelihood=2, impact=2)
    services.add_high_needs_year(
        council=prog.council,
        by=None,
        year_starting=2024,
        kind="actual",
        direct_spend="1",
        indirect_spend="1",
        allocation="1",
    )
    slug = prog.council.slug
    return [
        reverse("programmes:programme-add", args=[slug]),
        at("programme-change", prog),
        at("workstream-add", prog),
        at("workstream-change", prog, workstream_id=ws.pk),
        at("milestone-add", prog, workstream_id=ws.pk),
        at("milestone-change", prog, milestone_id=milestone.pk),
        at("measure-add", prog),
        at("measure-change", prog, measure_id=measure.pk),
        at("risk-add", prog),
        at("risk-change", prog, risk_id=risk.pk),
        reverse("programmes:year-add", args=[slug]),
        reverse("programmes:year-change", args=[slug, 2024]),
    ]


def test_officer_and_site_administrator_open_every_form(
    client, nelincs_officer, site_administrator, records
):
    for user in (nelincs_officer, site_administrator):
        client.force_login(user)
        for address in records:
            response = client.get(address)
            assert response.status_code == 200, address
            # The page is the form: every field of it is there to fill in, unbound.
            form = response.context["form"]
            assert not form.is_bound, address
            body = response.content.decode()
            assert 'method="post"' in body, address
            for field in form:
                if not field.is_hidden:
                    assert f'name="{field.html_name}' in body, (address, field.html_name)


def test_another_councils_officer_gets_404_and_changes_nothing(client, officer, records):
    client.force_login(officer)  # Leicester's
    for address in records:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {}).status_code == 404, address


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.ADVISER])
def test_board_member_and_adviser_get_403(client, make_user, nelincs, records, role):
    where = {"region": nelincs.region} if role == Role.ADVISER else {"council": nelincs}
    client.force_login(make_user(role, **where))
    for address in records:
        assert client.get(address).status_code == 403, address
        assert client.post(address, risk_post()).status_code == 403, address
    assert Risk.objects.count() == 1


def test_signed_out_visitor_is_sent_to_sign_in(client, records):
    for address in records:
        response = client.get(address)
        assert response.status_code == 302
        assert "next=" in response["Location"], address


def test_add_and_change_links_show_only_to_those_who_may_change(
    client, make_user, nelincs_officer, nelincs, prog, ws, records
):
    pages = {
        reverse("programmes:council-programmes", args=[nelincs.slug]): "Start a programme",
        at("programme-detail", prog): "Add a workstream",
        at("milestone-tree", prog, workstream_id=ws.pk): "Add a milestone",
        at("risk-register", prog): "Add a risk",
        reverse("programmes:high-needs", args=[nelincs.slug]): "Add a year",
    }
    client.force_login(nelincs_officer)
    for address, text in pages.items():
        page = client.get(address).content.decode()
        assert text in page, address
    assert ">Change<" in client.get(at("risk-register", prog)).content.decode()
    client.force_login(make_user(Role.BOARD_MEMBER, council=nelincs))
    for address, text in pages.items():
        page = client.get(address).content.decode()
        assert text not in page, address
