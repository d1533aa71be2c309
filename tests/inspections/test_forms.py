"""The pages that record and change inspections, areas, revisits, plans and actions."""

import datetime

import pytest
from django.urls import reverse

from inspections import services
from inspections.models import (
    Action,
    ActionMilestone,
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    Revisit,
)
from sendtracker.core.audit import history_for
from sendtracker.core.errors import DomainError, StaleEditError

from .factories import ActionFactory, AreaFactory, InspectionFactory, PlanFactory

pytestmark = pytest.mark.django_db


def date_data(name, day: datetime.date | None) -> dict:
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def inspection_data(**overrides) -> dict:
    data = {
        "framework": "2016",
        "inspectorates": "Ofsted and CQC",
        "outcome": "",
        "report_url": "https://reports.ofsted.gov.uk/provider/44/80512",
        **date_data("started_on", datetime.date(2018, 4, 23)),
        **date_data("ended_on", datetime.date(2018, 4, 27)),
        **date_data("report_published_on", datetime.date(2018, 6, 21)),
    }
    return data | overrides


def plan_data(for_inspection=None, **overrides) -> dict:
    data = {
        "kind": "app",
        "title": "Accelerated Progress Plan: Area 4",
        "summary": "Post-19 health",
        "inspection": for_inspection.pk if for_inspection else "",
        "approved_by": "DfE and NHS England",
        "board_cadence": "Monthly SENDIB",
        "dfe_cadence": "Quarterly",
        "published": "on",
        "status_key": "grey_yellow",
        **date_data("approved_on", datetime.date(2021, 7, 30)),
        "review_point_1_name": "Six-month review",
        **date_data("review_point_1_date", datetime.date(2022, 1, 31)),
        "review_point_2_name": "",
        **date_data("review_point_2_date", None),
    }
    return data | overrides


def action_data(area=None, **overrides) -> dict:
    data = {
        "ref": "4.9",
        "area": area.pk if area else "",
        "description": "Agree a transition pathway for young people post 19",
        "leads": "Designated Clinical Officer; Head of SEND",
        "evidence_of_output": "",
        "evidence_of_impact": "",
        **date_data("action_milestone_1", datetime.date(2027, 3, 31)),
        **date_data("action_milestone_2", datetime.date(2027, 6, 30)),
        **date_data("action_milestone_3", None),
        **date_data("impact_milestone_1", datetime.date(2027, 12, 31)),
        **date_data("impact_milestone_2", None),
        **date_data("impact_milestone_3", None),
    }
    return data | overrides


@pytest.fixture
def inspection(leicester):
    return InspectionFactory(council=leicester)


@pytest.fixture
def area(inspection):
    return AreaFactory(inspection=inspection, number=4, title="Post-19 health")


@pytest.fixture
def plan(inspection):
    return PlanFactory(inspection=inspection, council=inspection.council)


@pytest.fixture
def action(plan, area):
    return ActionFactory(plan=plan, area=area, ref="4.1", description="Review commissioning")


def url(name, council, **kwargs):
    return reverse(f"inspections:{name}", kwargs={"council_slug": council.slug, **kwargs})


def errors(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert "govuk-error-summary" in html
    return html


# Inspections ---------------------------------------------------------------------------


def test_officer_records_an_inspection_and_it_is_audited(client, officer, leicester):
    client.force_login(officer)
    response = client.post(url("inspection-create", leicester), inspection_data())
    assert response.status_code == 302
    assert response["Location"] == url("council-plans", leicester)
    inspection = Inspection.objects.get(council=leicester)
    assert inspection.framework == "2016"
    assert inspection.ended_on == datetime.date(2018, 4, 27)
    assert inspection.report_published_on == datetime.date(2018, 6, 21)
    assert history_for(inspection).first().actor == officer


def test_2023_inspection_keeps_its_outcome(client, officer, leicester):
    client.force_login(officer)
    client.post(
        url("inspection-create", leicester),
        inspection_data(framework="2023", outcome="inconsistent"),
    )
    assert Inspection.objects.get(council=leicester).outcome == "inconsistent"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"framework": ""}, "Select the framework the inspection followed"),
        (date_data("started_on", None), "Enter the date the inspection started"),
        ({"inspectorates": ""}, "Enter the inspectorates, like Ofsted and CQC"),
        (
            date_data("ended_on", datetime.date(2018, 4, 1)),
            "The date the inspection ended must be the same as or after the date it started",
        ),
        ({"ended_on_1": "13"}, "Enter a real date, like 27 3 2021"),
        ({"ended_on_2": ""}, "The date the inspection ended must include a year"),
        ({"outcome": "positive"}, "Only a 2023 framework inspection has an outcome"),
        ({"report_url": "not a link"}, "Enter a web address in the correct format"),
    ],
)
def test_bad_inspection_input_is_refused_with_its_message(
    client, officer, leicester, overrides, message
):
    client.force_login(officer)
    response = client.post(url("inspection-create", leicester), inspection_data(**overrides))
    assert message in errors(response)
    assert not Inspection.objects.exists()


def test_officer_changes_an_inspection(client, officer, leicester, inspection):
    client.force_login(officer)
    response = client.post(
        url("inspection-edit", leicester, inspection_id=inspection.pk),
        inspection_data(inspectorates="Ofsted and the CQC"),
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.inspectorates == "Ofsted and the CQC"
    assert history_for(inspection).first().actor == officer


# Areas of weakness and revisits ----------------------------------------------------------


def test_officer_adds_an_area_and_a_sub_area(client, officer, leicester, inspection):
    client.force_login(officer)
    add = url("area-create", leicester, inspection_id=inspection.pk)
    response = client.post(
        add, {"parent": "", "number": "4", "title": "Post-19 health", "short_title": "Post-19"}
    )
    assert response.status_code == 302
    area = AreaOfWeakness.objects.get(inspection=inspection, parent=None)
    assert (area.number, area.short_title) == (4, "Post-19")
    assert history_for(area).first().actor == officer
    response = client.post(add, {"parent": area.pk, "number": "2", "title": "Transition"})
    sub = AreaOfWeakness.objects.get(parent=area)
    assert sub.label == "Area 4.2"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the title of the area of weakness"),
        ({"number": ""}, "Enter the number of the area"),
        ({"number": "0"}, "The number must be 1 or more"),
        ({"number": "4"}, "The inspection already has an area 4"),
    ],
)
def test_bad_area_input_is_refused_with_its_message(
    client, officer, leicester, area, overrides, message
):
    client.force_login(officer)
    data = {"parent": "", "number": "5", "title": "Joint commissioning"} | overrides
    response = client.post(url("area-create", leicester, inspection_id=area.inspection_id), data)
    assert message in errors(response)
    assert AreaOfWeakness.objects.count() == 1


def test_a_sub_area_under_another_inspections_area_is_refused(
    client, officer, leicester, inspection
):
    other = AreaFactory(inspection=InspectionFactory(council=leicester), number=1)
    client.force_login(officer)
    response = client.post(
        url("area-create", leicester, inspection_id=inspection.pk),
        {"parent": other.pk, "number": "1", "title": "Sub-area"},
    )
    assert "Choose an area of this inspection from the list" in errors(response)
    assert not inspection.areas.exists()


def test_officer_records_a_revisit_with_a_judgement_per_area(
    client, officer, leicester, inspection
):
    one = AreaFactory(inspection=inspection, number=1)
    four = AreaFactory(inspection=inspection, number=4)
    client.force_login(officer)
    response = client.post(
        url("revisit-create", leicester, inspection_id=inspection.pk),
        {
            **date_data("started_on", datetime.date(2021, 5, 10)),
            **date_data("ended_on", datetime.date(2021, 5, 12)),
            "letter_url": "",
            f"area_{one.pk}": "yes",
            f"area_{four.pk}": "no",
        },
    )
    assert response.status_code == 302
    revisit = Revisit.objects.get(inspection=inspection)
    assert {j.area.number: j.sufficient_progress for j in revisit.judgements.all()} == {
        1: True,
        4: False,
    }
    assert history_for(revisit).first().actor == officer


def test_a_revisit_needs_every_areas_judgement_and_ends_after_it_starts(
    client, officer, leicester, inspection
):
    one = AreaFactory(inspection=inspection, number=1)
    AreaFactory(inspection=inspection, number=4)
    client.force_login(officer)
    response = client.post(
        url("revisit-create", leicester, inspection_id=inspection.pk),
        {
            **date_data("started_on", datetime.date(2021, 5, 10)),
            **date_data("ended_on", datetime.date(2021, 5, 1)),
            f"area_{one.pk}": "yes",
        },
    )
    html = errors(response)
    assert "Select whether Area 4 made sufficient progress" in html
    assert not Revisit.objects.exists()
    response = client.post(
        url("revisit-create", leicester, inspection_id=inspection.pk),
        {
            **date_data("started_on", datetime.date(2021, 5, 10)),
            **date_data("ended_on", datetime.date(2021, 5, 1)),
            f"area_{one.pk}": "yes",
            f"area_{inspection.areas.get(number=4).pk}": "no",
        },
    )
    assert "The date the revisit ended must be the same as or after" in errors(response)
    assert not Revisit.objects.exists()


# Improvement plans ----------------------------------------------------------------------


def test_officer_starts_a_plan_with_review_points(client, officer, leicester, inspection):
    client.force_login(officer)
    response = client.post(url("plan-create", leicester), plan_data(inspection))
    plan = ImprovementPlan.objects.get(council=leicester)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert (plan.kind, plan.inspection, plan.status_key, plan.published) == (
        "app",
        inspection,
        "grey_yellow",
        True,
    )
    assert [(p.name, p.due_on) for p in plan.review_points.all()] == [
        ("Six-month review", datetime.date(2022, 1, 31))
    ]
    assert history_for(plan).first().actor == officer


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter the title of the plan"),
        ({"kind": ""}, "Select the kind of plan"),
        ({"inspection": ""}, "Choose the inspection the plan responds to"),
        (date_data("approved_on", None), "Enter the date the plan was judged fit for purpose"),
        (date_data("review_point_1_date", None), "Enter the date of review point 1"),
        ({"review_point_1_name": ""}, "Enter the name of review point 1"),
    ],
)
def test_bad_plan_input_is_refused_with_its_message(
    client, officer, leicester, inspection, overrides, message
):
    client.force_login(officer)
    response = client.post(url("plan-create", leicester), plan_data(inspection, **overrides))
    assert message in errors(response)
    assert not ImprovementPlan.objects.exists()


def test_a_forged_inspection_of_another_council_is_refused(client, officer, leicester, nelincs):
    theirs = InspectionFactory(council=nelincs)
    client.force_login(officer)
    response = client.post(url("plan-create", leicester), plan_data(theirs))
    assert "Choose one of Leicester" in errors(response)
    assert not ImprovementPlan.objects.exists()


def test_create_plan_service_refuses_another_councils_inspection(officer, leicester, nelincs):
    with pytest.raises(DomainError) as refused:
        services.create_plan(
            council=leicester,
            by=officer,
            kind="app",
            title="Plan",
            inspection=InspectionFactory(council=nelincs),
        )
    assert refused.value.field == "inspection"


def test_officer_changes_plan_details_and_the_plan_page_shows_them_at_once(
    client, officer, leicester, plan, action
):
    client.force_login(officer)
    assert client.get(plan.get_absolute_url()).status_code == 200  # fills the cache
    response = client.post(
        url("plan-edit", leicester, plan_id=plan.pk),
        plan_data(plan.inspection, title="APP: Post-19", status_key="brag", version=plan.version),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.status_key, plan.version) == ("APP: Post-19", "brag", 2)
    assert history_for(plan).first().actor == officer
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "APP: Post-19" in page
    brag = client.get(plan.get_absolute_url() + "brag/").content.decode()
    assert "APP: Post-19" in brag


def test_plan_title_and_status_key_raise_the_councils_data_version(plan):
    from sendtracker.core.models import Council

    def version():
        return Council.objects.get(pk=plan.council_id).data_version

    before = version()
    services.update_plan(plan=plan, by=None, expected_version=plan.version, title="New")
    after_title = version()
    services.update_plan(plan=plan, by=None, expected_version=plan.version, status_key="brag")
    assert (before, after_title, version()) == (before, before + 1, before + 2)


def test_plan_edit_from_a_stale_form_is_refused_with_what_changed(client, officer, leicester, plan):
    opened_at = plan.version
    services.update_plan(plan=plan, by=None, expected_version=opened_at, title="Colleague's")
    client.force_login(officer)
    response = client.post(
        url("plan-edit", leicester, plan_id=plan.pk),
        plan_data(plan.inspection, title="Mine", version=opened_at),
    )
    html = errors(response)
    assert "Someone else changed this plan after you opened it" in html
    assert "Colleague&#x27;s" in html or "Colleague's" in html
    assert f'name="version" value="{opened_at + 1}"' in html  # the next save can go through
    plan.refresh_from_db()
    assert plan.title == "Colleague's"


# Actions --------------------------------------------------------------------------------


def test_officer_adds_an_action_with_milestones(client, officer, leicester, plan, area):
    client.force_login(officer)
    response = client.post(url("action-create", leicester, plan_id=plan.pk), action_data(area))
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    action = Action.objects.get(plan=plan, ref="4.9")
    assert (action.area, action.status, action.stage) == (area, "not_started", "action")
    assert sorted(action.milestones.values_list("kind", "due_on")) == [
        ("action", datetime.date(2027, 3, 31)),
        ("action", datetime.date(2027, 6, 30)),
        ("impact", datetime.date(2027, 12, 31)),
    ]
    assert history_for(action).first().actor == officer
    assert "Action 4.9 added." in client.get(plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ref": ""}, "Enter the action&#x27;s reference, like 2.3"),
        ({"description": ""}, "Enter the action"),
        ({"leads": ""}, "Enter the leads, as role titles like Head of SEND"),
        ({"ref": "4.1"}, "The plan already has an action 4.1"),
        ({"action_milestone_1_1": "13"}, "Enter a real date, like 27 3 2021"),
    ],
)
def test_bad_action_input_is_refused_with_its_message(
    client, officer, leicester, plan, area, action, overrides, message
):
    client.force_login(officer)
    response = client.post(
        url("action-create", leicester, plan_id=plan.pk), action_data(area, **overrides)
    )
    assert message in errors(response)
    assert Action.objects.count() == 1


def test_an_area_of_another_inspection_is_refused(client, officer, leicester, plan):
    elsewhere = AreaFactory(inspection=InspectionFactory(council=leicester), number=1)
    client.force_login(officer)
    response = client.post(url("action-create", leicester, plan_id=plan.pk), action_data(elsewhere))
    assert "Choose an area of weakness of the plan&#x27;s inspection" in errors(response)
    assert not Action.objects.exists()


def test_add_action_service_refuses_an_area_of_another_inspection(plan, leicester):
    elsewhere = AreaFactory(inspection=InspectionFactory(council=leicester), number=1)
    with pytest.raises(DomainError) as refused:
        services.add_action(plan=plan, ref="1.1", description="X", leads="Y", area=elsewhere)
    assert refused.value.field == "area"


def test_officer_changes_action_details_not_status_and_plan_page_shows_it_at_once(
    client, officer, leicester, plan, area, action
):
    client.force_login(officer)
    assert "Review commissioning" in client.get(plan.get_absolute_url()).content.decode()
    version = action.version
    response = client.post(
        url("action-edit", leicester, plan_id=plan.pk, action_id=action.pk),
        action_data(
            area,
            ref="4.1",
            description="Review joint commissioning with the ICB",
            leads="Head of Commissioning",
            version=version,
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.description == "Review joint commissioning with the ICB"
    assert (action.status, action.version) == ("not_started", version + 1)
    assert not action.updates.exists()  # no status update: status stays the in-place form
    assert action.milestones.count() == 3
    assert history_for(action).first().actor == officer
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Review joint commissioning with the ICB" in page
    assert "Head of Commissioning" in page


def test_action_edit_removes_a_milestone_left_blank(client, officer, leicester, plan, area):
    action = services.add_action(
        plan=plan,
        ref="4.2",
        description="X",
        leads="Y",
        area=area,
        action_milestones=[datetime.date(2027, 1, 31), datetime.date(2027, 2, 28)],
    )
    client.force_login(officer)
    form = client.get(url("action-edit", leicester, plan_id=plan.pk, action_id=action.pk))
    assert 'name="action_milestone_3_0"' in form.content.decode()  # one blank row more
    client.post(
        url("action-edit", leicester, plan_id=plan.pk, action_id=action.pk),
        action_data(
            area,
            ref="4.2",
            version=action.version,
            **date_data("action_milestone_1", datetime.date(2027, 1, 31)),
            **date_data("action_milestone_2", None),
            **date_data("impact_milestone_1", None),
        ),
    )
    assert list(action.milestones.values_list("due_on", flat=True)) == [datetime.date(2027, 1, 31)]


def test_action_edit_from_a_stale_form_is_refused_with_what_changed(
    client, officer, leicester, plan, area, action
):
    opened_at = action.version
    services.update_action_status(
        action=action,
        by=officer,
        status="on_track",
        stage="action",
        note="Started",
        expected_version=opened_at,
    )
    client.force_login(officer)
    response = client.post(
        url("action-edit", leicester, plan_id=plan.pk, action_id=action.pk),
        action_data(area, ref="4.1", description="Mine", version=opened_at),
    )
    html = errors(response)
    assert "Someone else changed this action after you opened it" in html
    assert "status Not started → On track" in html
    assert "Review commissioning" in html  # the saved description, which differs
    action.refresh_from_db()
    assert action.description == "Review commissioning"
    assert ActionMilestone.objects.count() == 0


def test_a_details_edit_makes_an_open_status_form_stale_with_a_reason(officer, action):
    opened_at = action.version
    services.update_action_details(
        action=action, by=officer, expected_version=opened_at, leads="Head of SEND"
    )
    with pytest.raises(StaleEditError) as refused:
        services.update_action_status(
            action=Action.objects.get(pk=action.pk),
            by=officer,
            status="on_track",
            stage="action",
            expected_version=opened_at,
        )
    assert refused.value.changes[-1].saved == "the action's details were changed"


def test_action_edit_cannot_take_a_ref_already_in_the_plan(
    client, officer, leicester, plan, area, action
):
    ActionFactory(plan=plan, ref="4.2")
    client.force_login(officer)
    response = client.post(
        url("action-edit", leicester, plan_id=plan.pk, action_id=action.pk),
        action_data(area, ref="4.2", version=action.version),
    )
    assert "The plan already has an action 4.2" in errors(response)
    action.refresh_from_db()
    assert (action.ref, action.version) == ("4.1", 1)


# Who may ---------------------------------------------------------------------------------


def edit_urls(leicester, inspection, plan, action):
    return [
        url("inspection-create", leicester),
        url("inspection-edit", leicester, inspection_id=inspection.pk),
        url("area-create", leicester, inspection_id=inspection.pk),
        url("revisit-create", leicester, inspection_id=inspection.pk),
        url("plan-create", leicester),
        url("plan-edit", leicester, plan_id=plan.pk),
        url("action-create", leicester, plan_id=plan.pk),
        url("action-edit", leicester, plan_id=plan.pk, action_id=action.pk),
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("other_officer", 404),
        ("board_member", 403),
        ("adviser", 403),
        ("officer", 200),
        ("site_administrator", 200),
    ],
)
def test_who_may_open_the_edit_pages(
    request, client, make_user, nelincs, leicester, inspection, plan, area, action, who, expected
):
    if who == "other_officer":
        user = make_user("council_officer", council=nelincs)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    for page in edit_urls(leicester, inspection, plan, action):
        assert client.get(page).status_code == expected, page
        if expected != 200:
            assert client.post(page, {}).status_code == expected, page
    assert Inspection.objects.count() == 1


def test_a_board_member_cannot_post_an_action(client, board_member, leicester, plan, area):
    client.force_login(board_member)
    response = client.post(url("action-create", leicester, plan_id=plan.pk), action_data(area))
    assert response.status_code == 403
    assert not Action.objects.exists()


def test_links_are_shown_only_to_those_who_may_change(
    client, officer, board_member, leicester, plan, area, action
):
    pages = [url("council-plans", leicester), plan.get_absolute_url(), action.get_absolute_url()]
    links = ["Record an inspection", "Start a plan", "Add an area", "Record a revisit"]
    links += ["Add an action", "Change plan details", "Change action details"]
    client.force_login(officer)
    html = "".join(client.get(page).content.decode() for page in pages)
    assert all(link in html for link in links)
    client.force_login(board_member)
    html = "".join(client.get(page).content.decode() for page in pages)
    assert not any(link in html for link in links)
