"""Data migrations run against a database at the state before them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(to):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(to)
    return executor.loader.project_state(to).apps


@pytest.fixture
def before_created_at(leicester):
    """The database as it stood before Action.created_at; put back afterwards, pass or fail."""
    apps = migrate([("inspections", "0002_plan_version")])
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_created_at_is_filled_from_each_actions_audit_trail_creation_entry(before_created_at):
    apps = before_created_at
    Council = apps.get_model("core", "Council")
    Inspection = apps.get_model("inspections", "Inspection")
    Plan = apps.get_model("inspections", "ImprovementPlan")
    Action = apps.get_model("inspections", "Action")
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    council = Council.objects.get(dfe_la_code=856)
    inspection = Inspection.objects.create(
        council=council, framework="2016", inspectorates="Ofsted and CQC",
        started_on=datetime.date(2018, 3, 5), ended_on=datetime.date(2018, 3, 9),
    )  # fmt: skip
    plan = Plan.objects.create(council=council, inspection=inspection, kind="wsoa", title="WSOA")
    recorded, unrecorded = (
        Action.objects.create(plan=plan, ref=ref, description=ref, leads="Head of SEND")
        for ref in ("1.1", "1.2")
    )
    content_type, _ = ContentType.objects.get_or_create(app_label="inspections", model="action")
    when = datetime.datetime(2018, 9, 25, 9, 30, tzinfo=datetime.UTC)
    for action_code, timestamp in ((1, when + datetime.timedelta(days=1)), (0, when)):
        LogEntry.objects.create(
            content_type=content_type, object_pk=str(recorded.pk), object_id=recorded.pk,
            object_repr="Action 1.1", action=action_code, timestamp=timestamp,
        )  # fmt: skip

    apps = migrate([("inspections", "0003_action_created_at")])
    Action = apps.get_model("inspections", "Action")
    assert Action.objects.get(pk=recorded.pk).created_at == when
    assert Action.objects.get(pk=unrecorded.pk).created_at is None


@pytest.fixture
def before_sub_areas_have_plans(leicester):
    """The database before 0005 gave sub-areas their plan; put back afterwards."""
    apps = migrate([("inspections", "0004_area_kinds_monitoring_inspections_strategic_plans")])
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_existing_sub_areas_become_the_plans_that_split_them(before_sub_areas_have_plans):
    apps = before_sub_areas_have_plans
    Council = apps.get_model("core", "Council")
    Inspection = apps.get_model("inspections", "Inspection")
    Area = apps.get_model("inspections", "AreaOfWeakness")
    Plan = apps.get_model("inspections", "ImprovementPlan")
    Action = apps.get_model("inspections", "Action")
    council = Council.objects.get(dfe_la_code=856)

    def inspection():
        return Inspection.objects.create(
            council=council, framework="2016", inspectorates="Ofsted and CQC",
            started_on=datetime.date(2018, 4, 23), ended_on=datetime.date(2018, 4, 27),
        )  # fmt: skip

    first, second = inspection(), inspection()
    four = Area.objects.create(inspection=first, number=4, title="Post-19")
    addressed, unaddressed = (
        Area.objects.create(inspection=first, parent=four, number=n, title=f"4.{n}") for n in (1, 2)
    )
    Plan.objects.create(council=council, inspection=first, kind="wsoa", title="WSOA")
    app = Plan.objects.create(council=council, inspection=first, kind="app", title="APP")
    Action.objects.create(plan=app, area=addressed, ref="4.1", description="x", leads="DCO")
    # Two APPs and no action: which plan split the area is not known.
    one = Area.objects.create(inspection=second, number=1, title="EHC plans")
    unknown = Area.objects.create(inspection=second, parent=one, number=1, title="1.1")
    for title in ("APP one", "APP two"):
        Plan.objects.create(council=council, inspection=second, kind="app", title=title)

    apps = migrate([("inspections", "0005_sub_areas_belong_to_their_plan")])
    Area = apps.get_model("inspections", "AreaOfWeakness")
    assert Area.objects.get(pk=addressed.pk).plan_id == app.pk
    assert Area.objects.get(pk=unaddressed.pk).plan_id == app.pk
    assert Area.objects.get(pk=unknown.pk).plan_id is None
    assert Area.objects.get(pk=four.pk).plan_id is None
