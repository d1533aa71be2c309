"""Small builders for programme records, through the services as the app writes them."""

import datetime

from programmes import services
from programmes.models import Direction, ProgrammeKind, Unit

D = datetime.date


def programme(council, *, name="Delivering Better Value in SEND", kind=ProgrammeKind.DBV):
    return services.create_programme(council=council, by=None, kind=kind, name=name)


def workstream(prog, *, name="Data visibility and improvement cycles", **kwargs):
    return services.add_workstream(programme=prog, by=None, name=name, **kwargs)


def milestone(ws, *, title="Design phase", parent=None, start=None, end=None, **kwargs):
    return services.add_milestone(
        workstream=ws,
        by=None,
        title=title,
        parent=parent,
        planned_start=start,
        planned_end=end,
        **kwargs,
    )


def measure(prog, *, workstream=None, name="EHCP 20-week timeliness", **kwargs):
    values = {
        "unit": Unit.PERCENT,
        "direction": Direction.UP,
        "baseline_value": "0",
        "baseline_on": D(2023, 9, 1),
        "target_value": "60",
        "target_on": D(2025, 9, 1),
        "tolerance": "5",
        **kwargs,
    }
    return services.add_measure(programme=prog, workstream=workstream, by=None, name=name, **values)
