"""The 2023 area SEND framework beside the 2016 one: outcomes in Ofsted's words, areas
for priority action and for improvement, monitoring inspections, priority and strategic
action plans, and sub-areas that are a plan's own split rather than inspection findings."""

import datetime

import pytest
from django.urls import reverse

from inspections import services
from inspections.models import (
    Action,
    AreaOfWeakness,
    ImprovementPlan,
    MonitoringInspection,
    Outcome,
    Revisit,
)
from sendtracker.core.errors import DomainError

from .factories import (
    ActionFactory,
    AreaFactory,
    ImprovementAreaFactory,
    Inspection2023Factory,
    InspectionFactory,
    PlanFactory,
    PriorityAreaFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def inspection(leicester):
    return Inspection2023Factory(council=leicester)


@pytest.fixture
def priority_areas(inspection):
    return [PriorityAreaFactory(inspection=inspection, number=n) for n in (1, 2)]


@pytest.fixture
def improvement_area(inspection):
    return ImprovementAreaFactory(inspection=inspection, number=1)


@pytest.fixture
def pap(inspection):
    return PlanFactory(
        inspection=inspection, council=inspection.council, kind="priority", title="PAP"
    )


def url(name, council, **kwargs):
    return reverse(f"inspections:{name}", kwargs={"council_slug": council.slug, **kwargs})


def date_data(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def errors(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "govuk-error-summary" in html
    return html


# Outcomes and areas ----------------------------------------------------------------------


def test_outcomes_are_worded_as_ofsted_words_them():
    assert [label for _, label in Outcome.choices] == [
        "Typically positive experiences and outcomes",
        "Inconsistent experiences and outcomes",
        "Widespread and/or systemic failings",
    ]


def test_a_2023_area_needs_its_kind_and_keeps_its_text(inspection, officer):
    with pytest.raises(DomainError) as error:
        services.add_area(inspection=inspection, by=officer, number=1, title="EHC plans")
    assert error.value.field == "kind"
    area = services.add_area(
        inspection=inspection,
        by=officer,
        kind="priority_action",
        number=1,
        title="EHC plans",
        text="Leaders should make sure that plans are timely.",
    )
    assert area.label == "Area for priority action 1"
    assert area.text == "Leaders should make sure that plans are timely."


def test_a_2016_inspection_names_areas_of_weakness_only(leicester, officer):
    inspection = InspectionFactory(council=leicester)
    with pytest.raises(DomainError) as error:
        services.add_area(
            inspection=inspection, by=officer, kind="priority_action", number=1, title="X"
        )
    assert error.value.field == "kind"
    assert not inspection.areas.exists()
    area = services.add_area(inspection=inspection, by=officer, number=1, title="X")
    assert area.kind == "weakness"


def test_priority_and_improvement_areas_are_numbered_within_their_kind(inspection, officer):
    services.add_area(
        inspection=inspection, by=officer, kind="priority_action", number=1, title="A"
    )
    services.add_area(inspection=inspection, by=officer, kind="improvement", number=1, title="B")
    with pytest.raises(DomainError) as error:
        services.add_area(
            inspection=inspection, by=officer, kind="improvement", number=1, title="C"
        )
    assert error.value.message == "The inspection already has an area for improvement 1"
    assert inspection.areas.count() == 2


# Revisits (2016) and monitoring inspections (2023) ---------------------------------------


def test_a_revisit_on_a_2023_inspection_is_refused(inspection, priority_areas, officer):
    with pytest.raises(DomainError) as error:
        services.record_revisit(
            inspection=inspection,
            by=officer,
            started_on=D(2024, 11, 4),
            ended_on=D(2024, 11, 8),
            judgements={a.pk: True for a in priority_areas},
        )
    assert error.value.field == "inspection"
    assert "record a monitoring inspection instead" in error.value.message
    assert not Revisit.objects.exists()


def test_a_monitoring_inspection_on_a_2016_inspection_is_refused(leicester, officer):
    area = AreaFactory(inspection=InspectionFactory(council=leicester), number=1)
    with pytest.raises(DomainError) as error:
        services.record_monitoring_inspection(
            inspection=area.inspection,
            by=officer,
            started_on=D(2019, 11, 4),
            ended_on=D(2019, 11, 8),
            findings={area.pk: True},
        )
    assert error.value.field == "inspection"
    assert not MonitoringInspection.objects.exists()


def test_a_monitoring_inspection_records_per_area_for_priority_action_whether_it_improved(
    inspection, priority_areas, improvement_area, officer
):
    one, two = priority_areas
    monitoring = services.record_monitoring_inspection(
        inspection=inspection,
        by=officer,
        started_on=D(2024, 11, 4),
        ended_on=D(2024, 11, 8),
        findings={one.pk: True, two.pk: False},
    )
    found = {f.area_id: f.improved for f in monitoring.findings.all()}
    assert found == {one.pk: True, two.pk: False}  # areas for improvement are not judged


@pytest.mark.parametrize(
    ("findings", "field"),
    [
        (lambda one, two, other: {one.pk: True}, "area_{two}"),
        (lambda one, two, other: {one.pk: True, two.pk: True, other.pk: True}, "findings"),
    ],
)
def test_a_monitoring_inspection_judges_each_area_for_priority_action_and_no_other(
    inspection, priority_areas, improvement_area, officer, findings, field
):
    one, two = priority_areas
    with pytest.raises(DomainError) as error:
        services.record_monitoring_inspection(
            inspection=inspection,
            by=officer,
            started_on=D(2024, 11, 4),
            ended_on=D(2024, 11, 8),
            findings=findings(one, two, improvement_area),
        )
    assert error.value.field == field.format(two=two.pk)
    assert not MonitoringInspection.objects.exists()


def test_a_monitoring_inspection_starts_after_the_inspection(inspection, priority_areas, officer):
    with pytest.raises(DomainError) as error:
        services.record_monitoring_inspection(
            inspection=inspection,
            by=officer,
            started_on=D(2023, 2, 1),
            ended_on=D(2023, 2, 3),
            findings={a.pk: True for a in priority_areas},
        )
    assert error.value.field == "started_on"


# Plans ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "framework", "outcome", "allowed"),
    [
        ("priority", "2023", "systemic_failings", True),
        ("priority", "2023", "inconsistent", False),
        ("priority", "2016", "", False),
        ("strategic", "2023", "inconsistent", True),
        ("strategic", "2023", "systemic_failings", False),
        ("strategic", "2016", "", False),
        ("wsoa", "2023", "systemic_failings", False),
        ("app", "2023", "inconsistent", False),
        ("wsoa", "2016", "", True),
    ],
)
def test_a_plan_fits_its_inspections_framework_and_outcome(
    leicester, officer, kind, framework, outcome, allowed
):
    inspection = InspectionFactory(council=leicester, framework=framework, outcome=outcome)

    def create():
        return services.create_plan(
            council=leicester, by=officer, kind=kind, title="Plan", inspection=inspection
        )

    if allowed:
        assert create().kind == kind
    else:
        with pytest.raises(DomainError) as error:
            create()
        assert error.value.field == "inspection"
        assert not ImprovementPlan.objects.exists()


def test_a_strategic_action_plan_needs_an_inspection(leicester, officer):
    with pytest.raises(DomainError) as error:
        services.create_plan(council=leicester, by=officer, kind="strategic", title="SAP")
    assert error.value.field == "inspection"


def test_a_priority_action_plan_action_belongs_to_its_areas_for_priority_action(
    pap, priority_areas, improvement_area, officer
):
    with pytest.raises(DomainError) as error:
        services.add_action(
            plan=pap, by=officer, ref="1.1", description="X", leads="Head of SEND",
            area=improvement_area,
        )  # fmt: skip
    assert (error.value.field, error.value.message) == (
        "area",
        "Choose one of the plan's areas for priority action",
    )
    assert not Action.objects.exists()
    action = services.add_action(
        plan=pap, by=officer, ref="1.1", description="X", leads="Head of SEND",
        area=priority_areas[0],
    )  # fmt: skip
    assert action.area == priority_areas[0]


def test_a_strategic_action_plan_action_belongs_to_its_areas_for_improvement(
    leicester, priority_areas, officer
):
    inspection = Inspection2023Factory(council=leicester, outcome="inconsistent")
    improvement = ImprovementAreaFactory(inspection=inspection, number=1)
    priority = PriorityAreaFactory(inspection=inspection, number=1)
    sap = PlanFactory(inspection=inspection, council=leicester, kind="strategic")
    with pytest.raises(DomainError) as error:
        services.add_action(
            plan=sap, by=officer, ref="1.1", description="X", leads="Head of SEND",
            area=priority,
        )  # fmt: skip
    assert error.value.message == "Choose one of the plan's areas for improvement"
    services.add_action(
        plan=sap, by=officer, ref="1.1", description="X", leads="Head of SEND", area=improvement
    )


def test_a_plans_kind_cannot_change_from_under_its_actions_areas(
    inspection, improvement_area, officer, leicester
):
    local = PlanFactory(inspection=inspection, council=leicester, kind="local")
    ActionFactory(plan=local, area=improvement_area, ref="1.1")
    with pytest.raises(DomainError) as error:
        services.update_plan(
            plan=local, by=officer, expected_version=local.version, kind="priority"
        )
    assert error.value.field == "kind"
    local.refresh_from_db()
    assert local.kind == "local"


def test_an_inspections_framework_and_outcome_stay_while_records_rest_on_them(
    inspection, priority_areas, pap, officer
):
    with pytest.raises(DomainError) as error:
        services.update_inspection(inspection=inspection, by=officer, framework="2016", outcome="")
    assert error.value.field == "framework"
    with pytest.raises(DomainError) as error:
        services.update_inspection(inspection=inspection, by=officer, outcome="inconsistent")
    assert error.value.field == "outcome"
    inspection.refresh_from_db()
    assert (inspection.framework, inspection.outcome) == ("2023", "systemic_failings")


# Sub-areas are a plan's own split ---------------------------------------------------------


def test_a_sub_area_belongs_to_a_plan_of_its_inspection(leicester, officer):
    inspection = InspectionFactory(council=leicester)
    area = AreaFactory(inspection=inspection, number=4)
    app = PlanFactory(inspection=inspection, council=leicester)
    elsewhere = PlanFactory(inspection=InspectionFactory(council=leicester), council=leicester)
    with pytest.raises(DomainError) as error:
        services.add_area(
            inspection=inspection, by=officer, parent=area, plan=elsewhere, number=1, title="X"
        )
    assert error.value.field == "plan"
    with pytest.raises(DomainError) as error:
        services.add_area(inspection=inspection, by=officer, plan=app, number=5, title="X")
    assert error.value.field == "plan"
    sub = services.add_area(
        inspection=inspection, by=officer, parent=area, plan=app, number=1, title="X"
    )
    assert sub.plan == app


def test_another_plans_actions_cannot_address_a_plans_own_sub_area(leicester, officer):
    inspection = InspectionFactory(council=leicester)
    area = AreaFactory(inspection=inspection, number=4)
    app = PlanFactory(inspection=inspection, council=leicester, kind="app")
    wsoa = PlanFactory(inspection=inspection, council=leicester, kind="wsoa")
    sub = services.add_area(
        inspection=inspection, by=officer, parent=area, plan=app, number=1, title="X"
    )
    with pytest.raises(DomainError) as error:
        services.add_action(
            plan=wsoa, by=officer, ref="4.1", description="X", leads="Head of SEND", area=sub
        )
    assert error.value.field == "area"
    services.add_action(
        plan=app, by=officer, ref="4.1", description="X", leads="Head of SEND", area=sub
    )


# Pages ----------------------------------------------------------------------------------


def test_a_monitoring_inspection_on_a_2016_inspection_is_refused_on_the_page(
    client, officer, leicester
):
    old = InspectionFactory(council=leicester)
    AreaFactory(inspection=old, number=1)
    client.force_login(officer)
    response = client.post(
        url("monitoring-create", leicester, inspection_id=old.pk),
        {**date_data("started_on", D(2019, 5, 1)), **date_data("ended_on", D(2019, 5, 3))},
    )
    assert "A monitoring inspection follows a 2023 framework inspection" in errors(response)
    assert not MonitoringInspection.objects.exists()


def test_a_revisit_on_a_2023_inspection_is_refused_on_the_page(
    client, officer, leicester, inspection, priority_areas
):
    client.force_login(officer)
    response = client.post(
        url("revisit-create", leicester, inspection_id=inspection.pk),
        {
            **date_data("started_on", D(2024, 11, 4)),
            **date_data("ended_on", D(2024, 11, 8)),
            **{f"area_{a.pk}": "yes" for a in priority_areas},
        },
    )
    assert "A revisit follows a 2016 framework inspection" in errors(response)
    assert not Revisit.objects.exists()


def test_officer_records_a_monitoring_inspection_on_the_page(
    client, officer, leicester, inspection, priority_areas
):
    one, two = priority_areas
    client.force_login(officer)
    response = client.post(
        url("monitoring-create", leicester, inspection_id=inspection.pk),
        {
            **date_data("started_on", D(2024, 11, 4)),
            **date_data("ended_on", D(2024, 11, 8)),
            "letter_url": "",
            f"area_{one.pk}": "yes",
            f"area_{two.pk}": "no",
        },
    )
    assert response.status_code == 302
    page = client.get(url("council-plans", leicester)).content.decode()
    assert "Monitoring inspection, 4 November 2024" in page
    assert "Improved" in page and "Not improved" in page


def test_an_action_outside_the_plans_areas_for_priority_action_is_refused_on_the_page(
    client, officer, leicester, pap, priority_areas, improvement_area
):
    client.force_login(officer)
    response = client.post(
        url("action-create", leicester, plan_id=pap.pk),
        {
            "ref": "1.1",
            "area": improvement_area.pk,
            "description": "Illustrative action",
            "leads": "Head of SEND",
        },
    )
    html = errors(response)
    assert 'href="#id_area"' in html
    assert "Choose one of the plan&#x27;s areas for priority action" in html
    assert not Action.objects.exists()


def test_the_area_form_asks_a_2023_inspection_for_the_kind(client, officer, leicester, inspection):
    client.force_login(officer)
    add = url("area-create", leicester, inspection_id=inspection.pk)
    response = client.post(add, {"number": "1", "title": "EHC plans"})
    assert "Select the kind of area" in errors(response)
    response = client.post(
        add, {"kind": "priority_action", "number": "1", "title": "EHC plans", "text": "In full"}
    )
    assert response.status_code == 302
    assert AreaOfWeakness.objects.get(inspection=inspection).kind == "priority_action"


def test_the_inspection_shows_framework_outcome_and_areas_with_their_text(
    client, officer, leicester, inspection, priority_areas, improvement_area, pap
):
    priority_areas[0].text = "Leaders should make sure that plans are timely."
    priority_areas[0].save()
    client.force_login(officer)
    page = client.get(url("council-plans", leicester)).content.decode()
    assert "Area SEND inspection (2023 framework)" in page
    assert "Widespread and/or systemic failings" in page
    assert "Ofsted and CQC require a priority action plan." in page
    assert "A monitoring inspection is usually due around November 2024." in page
    assert "Areas for priority action" in page and "Areas for improvement" in page
    assert "Leaders should make sure that plans are timely." in page
    assert "Record a monitoring inspection" in page
    assert "Record a revisit" not in page


def test_the_priority_action_plan_page_shows_its_areas_for_priority_action(
    client, officer, leicester, pap, priority_areas, improvement_area
):
    client.force_login(officer)
    page = client.get(pap.get_absolute_url()).content.decode()
    start = page.index('id="plan-areas"')
    section = page[start : page.index("</section>", start)]
    assert "Areas for priority action" in section
    for area in priority_areas:
        assert f"{area.label}: {area.title}" in section
    assert improvement_area.title not in section


def test_an_app_s_sub_areas_are_shown_as_the_plans_not_the_inspections(client, officer, leicester):
    inspection = InspectionFactory(council=leicester)
    area = AreaFactory(inspection=inspection, number=4, title="Post-19 health")
    app = PlanFactory(inspection=inspection, council=leicester, kind="app")
    services.add_area(
        inspection=inspection, by=officer, parent=area, plan=app, number=1,
        title="Joint commissioning of health needs",
    )  # fmt: skip
    client.force_login(officer)
    inspections_page = client.get(url("council-plans", leicester)).content.decode()
    assert "Joint commissioning of health needs" not in inspections_page
    plan_page = client.get(app.get_absolute_url()).content.decode()
    assert "This plan's sub-areas" in plan_page
    assert "Area 4.1: Joint commissioning of health needs" in plan_page


def test_the_monitoring_window_is_a_setting(inspection, settings):
    assert inspection.monitoring_expected_in == D(2024, 11, 1)  # report 16 May 2023
    settings.SEND_FRAMEWORK_WINDOWS = {
        **settings.SEND_FRAMEWORK_WINDOWS,
        "monitoring_inspection_months": 12,
    }
    assert inspection.monitoring_expected_in == D(2024, 5, 1)
    inspection.outcome = "inconsistent"
    assert inspection.monitoring_expected_in is None
