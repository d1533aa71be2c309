"""Sub-areas recorded before plans owned them become the plan's that split the area.

A sub-area is a plan's own split of an inspection's area (seed 002's APP split Area 4
into four), not an inspection finding. Each existing sub-area is given the one plan
whose actions address it, or else the one accelerated progress plan of its inspection;
a sub-area with no such single plan is left without one (and shown as before).
"""

from django.db import migrations


def give_sub_areas_their_plan(apps, schema_editor):
    Area = apps.get_model("inspections", "AreaOfWeakness")
    Action = apps.get_model("inspections", "Action")
    Plan = apps.get_model("inspections", "ImprovementPlan")
    for sub in Area.objects.filter(parent__isnull=False, plan__isnull=True):
        plans = set(Action.objects.filter(area=sub).values_list("plan_id", flat=True))
        if not plans:
            plans = set(
                Plan.objects.filter(inspection_id=sub.inspection_id, kind="app").values_list(
                    "pk", flat=True
                )
            )
        if len(plans) == 1:
            sub.plan_id = plans.pop()
            sub.save(update_fields=["plan"])


class Migration(migrations.Migration):
    dependencies = [("inspections", "0004_area_kinds_monitoring_inspections_strategic_plans")]

    operations = [migrations.RunPython(give_sub_areas_their_plan, migrations.RunPython.noop)]
