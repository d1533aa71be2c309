import datetime

from django.db import transaction

from sendtracker.core.audit import acting_as
from sendtracker.core.errors import DomainError

from ..models import (
    Enabler,
    EnablerArea,
    Phase,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Workstream,
)


def create_programme(
    *,
    council,
    by,
    kind: str,
    name: str,
    tranche: str = "",
    aim: str = "",
    delivery_partners: str = "",
    senior_responsible_officer: str = "",
    allocation=None,
    status: str = ProgrammeStatus.ACTIVE,
) -> Programme:
    """Start a council's programme, optionally funded by one of its grant allocations."""
    name = name.strip()
    if not name:
        raise DomainError("Enter the programme's name", field="name")
    if kind not in ProgrammeKind.values:
        raise DomainError("Choose the kind of programme from the list", field="kind")
    if status not in ProgrammeStatus.values:
        raise DomainError("Choose a status from the list", field="status")
    if allocation is not None and allocation.council_id != council.pk:
        raise DomainError(
            "The grant allocation must be one paid to this council", field="allocation"
        )
    if Programme.objects.filter(council=council, name=name).exists():
        raise DomainError(f"{council} already has a programme called {name}", field="name")
    with transaction.atomic(), acting_as(by):
        return Programme.objects.create(
            council=council,
            kind=kind,
            name=name,
            tranche=tranche,
            aim=aim,
            delivery_partners=delivery_partners,
            senior_responsible_officer=senior_responsible_officer,
            allocation=allocation,
            status=status,
        )


def add_phase(
    *,
    programme: Programme,
    by,
    name: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Phase:
    """Add a phase or module at the end of the programme's list."""
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError("The phase must end on or after the day it starts", field="ends_on")
    with transaction.atomic(), acting_as(by):
        return Phase.objects.create(
            programme=programme,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            position=programme.phases.count(),
        )


def add_workstream(
    *,
    programme: Programme,
    by,
    name: str,
    objective: str = "",
    senior_accountable_officer: str = "",
    project_lead: str = "",
    delivery_team: list[str] = (),
    stakeholders_design: list[str] = (),
    stakeholders_impacted: list[str] = (),
    other_interdependencies: list[str] = (),
    likely_measures: list[str] = (),
    enablers: dict[str, int] | None = None,
) -> Workstream:
    """Add a workstream with its team, stakeholders and enablers (area code -> level)."""
    name = name.strip()
    if not name:
        raise DomainError("Enter the workstream's name", field="name")
    if programme.workstreams.filter(name=name).exists():
        raise DomainError(f"The programme already has a workstream called {name}", field="name")
    for area, level in (enablers or {}).items():
        _check_enabler(area, level)
    with transaction.atomic(), acting_as(by):
        workstream = Workstream.objects.create(
            programme=programme,
            name=name,
            position=programme.workstreams.count(),
            objective=objective,
            senior_accountable_officer=senior_accountable_officer,
            project_lead=project_lead,
            delivery_team="\n".join(delivery_team),
            stakeholders_design="\n".join(stakeholders_design),
            stakeholders_impacted="\n".join(stakeholders_impacted),
            other_interdependencies="\n".join(other_interdependencies),
            likely_measures="\n".join(likely_measures),
        )
        for area, level in (enablers or {}).items():
            Enabler.objects.create(workstream=workstream, area=area, level=level)
    return workstream


def _check_enabler(area: str, level) -> None:
    if area not in EnablerArea.values:
        raise DomainError("Choose an enabler from the list", field="area")
    if not isinstance(level, int) or not 1 <= level <= 5:
        raise DomainError("The maturity level must be a whole number from 1 to 5", field="level")


def set_enabler(*, workstream: Workstream, by, area: str, level: int) -> Enabler:
    """Set the maturity level of one of a workstream's enablers."""
    _check_enabler(area, level)
    with transaction.atomic(), acting_as(by):
        enabler, _ = Enabler.objects.update_or_create(
            workstream=workstream, area=area, defaults={"level": level}
        )
    return enabler


def add_interdependency(*, workstream: Workstream, depends_on: Workstream, by) -> None:
    """Record that `workstream` depends on another of the same programme; no cycles."""
    if depends_on.programme_id != workstream.programme_id:
        raise DomainError(
            "A workstream can depend only on another workstream of the same programme",
            field="depends_on",
        )
    if depends_on.pk == workstream.pk:
        raise DomainError("A workstream cannot depend on itself", field="depends_on")
    with transaction.atomic(), acting_as(by):
        # Lock the programme's workstreams so two concurrent links cannot close a cycle.
        list(Workstream.objects.select_for_update().filter(programme_id=workstream.programme_id))
        edges: dict[int, set[int]] = {}
        links = Workstream.depends_on.through.objects.filter(
            from_workstream__programme_id=workstream.programme_id
        ).values_list("from_workstream_id", "to_workstream_id")
        for source, target in links:
            edges.setdefault(source, set()).add(target)
        path = _path(edges, start=depends_on.pk, goal=workstream.pk)
        if path is not None:
            names = dict(Workstream.objects.filter(pk__in=path).values_list("pk", "name"))
            chain = " → ".join([workstream.name, *(names[pk] for pk in path)])
            raise DomainError(
                f"That would make a cycle: {chain}. Remove one of those links first.",
                field="depends_on",
            )
        workstream.depends_on.add(depends_on)


def _path(edges: dict[int, set[int]], *, start: int, goal: int) -> list[int] | None:
    """A path start → … → goal along `edges`, or None."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        if node in seen:
            continue
        seen.add(node)
        for nxt in edges.get(node, ()):
            stack.append((nxt, [*path, nxt]))
    return None
