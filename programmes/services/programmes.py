import datetime

from sendtracker.core.errors import DomainError
from sendtracker.core.records import save_new_version
from sendtracker.core.stale import check_version, lock_checked
from sendtracker.core.validation import one_of, required_line
from sendtracker.core.writes import PROGRAMMES, council_write

from ..models import (
    Enabler,
    EnablerArea,
    Phase,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Workstream,
)


def check_workstream(workstream: Workstream | None, programme_id: int) -> None:
    """Refuse a workstream (None: the whole programme) of another programme."""
    if workstream is not None and workstream.programme_id != programme_id:
        raise DomainError("The workstream must belong to the programme", field="workstream")


def create_programme(*, council, by, phases=(), **details) -> Programme:
    """Start a council's programme, optionally funded by one of its grant allocations.

    `details`: the programme's fields, as _programme_values takes them. `phases`
    (name, start, end), if given, become its phases or modules in that order.
    """
    values = _programme_values(council, **details)
    checked = _check_phases(phases)
    with council_write(council, by=by, parts=[PROGRAMMES]):
        programme = Programme.objects.create(council=council, **values)
        _write_phases(programme, checked)
    return programme


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
    with council_write(programme.council_id, by=by, parts=[PROGRAMMES]):
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
    enablers: dict[str, int] | None = None,
    depends_on: list[Workstream] = (),
    **summary,
) -> Workstream:
    """Add a workstream with its team, stakeholders and enablers (area code -> level).

    `summary`: the workstream's fields, as _workstream_values takes them. `depends_on`
    are other workstreams of the programme it needs; being new, nothing depends on it
    yet, so they cannot close a cycle.
    """
    values = _workstream_values(programme, enablers, **summary)
    with council_write(programme.council_id, by=by, parts=[PROGRAMMES]):
        workstream = Workstream.objects.create(
            programme=programme, position=programme.workstreams.count(), **values
        )
        for area, level in (enablers or {}).items():
            Enabler.objects.create(workstream=workstream, area=area, level=level)
        if depends_on:
            _set_depends_on(workstream, list(depends_on))
    return workstream


def _workstream_values(
    programme,
    enablers: dict[str, int] | None,
    *,
    pk=None,
    name: str,
    objective: str = "",
    senior_accountable_officer: str = "",
    project_lead: str = "",
    delivery_team: list[str] = (),
    stakeholders_design: list[str] = (),
    stakeholders_impacted: list[str] = (),
    other_interdependencies: list[str] = (),
    likely_measures: list[str] = (),
) -> dict:
    """A workstream's fields, as add_workstream and update_workstream take them, checked
    with its enablers (area code -> level); each list is saved one item a line.

    The name must be unique in the programme (`pk`: the workstream being changed).
    """
    name = required_line(name, "name", "Enter the workstream's name", what="the name")
    if programme.workstreams.filter(name=name).exclude(pk=pk).exists():
        raise DomainError(f"The programme already has a workstream called {name}", field="name")
    for area, level in (enablers or {}).items():
        _check_enabler(area, level)
    return {
        "name": name,
        "objective": objective,
        "senior_accountable_officer": senior_accountable_officer,
        "project_lead": project_lead,
        "delivery_team": "\n".join(delivery_team),
        "stakeholders_design": "\n".join(stakeholders_design),
        "stakeholders_impacted": "\n".join(stakeholders_impacted),
        "other_interdependencies": "\n".join(other_interdependencies),
        "likely_measures": "\n".join(likely_measures),
    }


def _check_enabler(area: str, level) -> None:
    one_of(area, EnablerArea, "area", "Choose an enabler from the list")
    if not isinstance(level, int) or not 1 <= level <= 5:
        raise DomainError("The maturity level must be a whole number from 1 to 5", field="level")


def set_enabler(*, workstream: Workstream, by, area: str, level: int) -> Enabler:
    """Set the maturity level of one of a workstream's enablers."""
    _check_enabler(area, level)
    with council_write(workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        enabler, _ = Enabler.objects.update_or_create(
            workstream=workstream, area=area, defaults={"level": level}
        )
    return enabler


def add_interdependency(*, workstream: Workstream, depends_on: Workstream, by) -> None:
    """Record that `workstream` depends on another of the same programme; no cycles."""
    with council_write(workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        # Lock the programme's workstreams so two concurrent links cannot close a cycle.
        list(Workstream.objects.select_for_update().filter(programme_id=workstream.programme_id))
        _check_depends_on(workstream, [depends_on])
        workstream.depends_on.add(depends_on)


def _check_depends_on(workstream: Workstream, depends_on: list[Workstream]) -> None:
    """Refuse links outside the programme, to itself, or that would close a cycle.

    The caller holds the programme's lock. The workstream's own links are left out of
    the graph: a path back to it ends before them, and a replacement drops them anyway.
    """
    for other in depends_on:
        if other.programme_id != workstream.programme_id:
            raise DomainError(
                "A workstream can depend only on another workstream of the same programme",
                field="depends_on",
            )
        if other.pk == workstream.pk:
            raise DomainError("A workstream cannot depend on itself", field="depends_on")
    edges: dict[int, set[int]] = {}
    links = Workstream.depends_on.through.objects.filter(
        from_workstream__programme_id=workstream.programme_id
    ).values_list("from_workstream_id", "to_workstream_id")
    for source, target in links:
        if source != workstream.pk:
            edges.setdefault(source, set()).add(target)
    for other in depends_on:
        path = _path(edges, start=other.pk, goal=workstream.pk)
        if path is not None:
            names = dict(Workstream.objects.filter(pk__in=path).values_list("pk", "name"))
            chain = " → ".join([workstream.name, *(names[pk] for pk in path)])
            raise DomainError(
                f"That would make a cycle: {chain}. Remove one of those links first.",
                field="depends_on",
            )


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


def _programme_values(
    council,
    *,
    pk=None,
    kind: str,
    name: str,
    tranche: str = "",
    aim: str = "",
    delivery_partners: str = "",
    senior_responsible_officer: str = "",
    allocation=None,
    status: str = ProgrammeStatus.ACTIVE,
) -> dict:
    """A programme's fields, as create_programme and update_programme take them, checked.

    The name must be unique in the council (`pk`: the programme being changed).
    """
    name = required_line(name, "name", "Enter the programme's name", what="the name")
    one_of(kind, ProgrammeKind, "kind", "Choose the kind of programme from the list")
    one_of(status, ProgrammeStatus, "status", "Choose a status from the list")
    if allocation is not None and allocation.council_id != council.pk:
        raise DomainError(
            "The grant allocation must be one paid to this council", field="allocation"
        )
    if Programme.objects.filter(council=council, name=name).exclude(pk=pk).exists():
        raise DomainError(f"{council} already has a programme called {name}", field="name")
    return {
        "kind": kind,
        "name": name,
        "tranche": tranche,
        "aim": aim,
        "delivery_partners": delivery_partners,
        "senior_responsible_officer": senior_responsible_officer,
        "allocation": allocation,
        "status": status,
    }


def _check_phases(phases) -> list[tuple[str, datetime.date | None, datetime.date | None]]:
    checked = []
    for name, starts_on, ends_on in phases:
        name = name.strip()
        if not name:
            if starts_on or ends_on:
                raise DomainError("Enter the name of each phase that has dates", field="phases")
            continue
        if starts_on and ends_on and ends_on < starts_on:
            raise DomainError(
                f"Phase “{name}” must end on or after the day it starts", field="phases"
            )
        checked.append((name, starts_on, ends_on))
    return checked


def _write_phases(programme: Programme, phases) -> None:
    """Make the programme's phases these, in order, keeping the rows that are still there."""
    existing = list(programme.phases.order_by("position", "pk"))
    for position, (name, starts_on, ends_on) in enumerate(phases):
        if position < len(existing):
            phase = existing[position]
            if (phase.name, phase.starts_on, phase.ends_on) != (name, starts_on, ends_on):
                phase.name, phase.starts_on, phase.ends_on = name, starts_on, ends_on
                phase.save()
        else:
            Phase.objects.create(
                programme=programme,
                position=position,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
            )
    for phase in existing[len(phases) :]:
        phase.delete()


def update_programme(
    *, programme: Programme, by, expected_version: int, phases=None, **details
) -> Programme:
    """Change a programme's details and, if given, its phases (name, start, end) in order.

    `details` as _programme_values takes them. A form opened before someone else saved
    is refused with what they changed.
    """
    values = _programme_values(programme.council, pk=programme.pk, **details)
    checked = _check_phases(phases) if phases is not None else None
    with council_write(programme.council_id, by=by, parts=[PROGRAMMES]):
        current = lock_checked(programme, expected_version, what="programme", fields=values)
        save_new_version(current, values)
        if checked is not None:
            _write_phases(current, checked)
    programme.refresh_from_db()
    return programme


def update_workstream(
    *,
    workstream: Workstream,
    by,
    expected_version: int,
    enablers: dict[str, int] | None = None,
    depends_on: list[Workstream] | None = None,
    **summary,
) -> Workstream:
    """Change a workstream's summary; `enablers` and `depends_on`, if given, replace its own.

    `summary` as _workstream_values takes it. An enabler area left out is removed (not
    assessed). Interdependencies must stay within the programme and must not close a
    cycle.
    """
    values = _workstream_values(workstream.programme, enablers, pk=workstream.pk, **summary)
    with council_write(workstream.programme.council_id, by=by, parts=[PROGRAMMES]):
        list(Workstream.objects.select_for_update().filter(programme_id=workstream.programme_id))
        current = Workstream.objects.get(pk=workstream.pk)
        check_version(
            current,
            expected_version,
            what="workstream",
            fields=values | ({"depends_on": depends_on} if depends_on is not None else {}),
        )
        save_new_version(current, values)
        if enablers is not None:
            current.enablers.exclude(area__in=list(enablers)).delete()
            for area, level in enablers.items():
                Enabler.objects.update_or_create(
                    workstream=current, area=area, defaults={"level": level}
                )
        if depends_on is not None:
            _set_depends_on(current, depends_on)
    workstream.refresh_from_db()
    return workstream


def _set_depends_on(workstream: Workstream, depends_on: list[Workstream]) -> None:
    """Replace the workstream's interdependencies; the caller holds the programme's lock."""
    _check_depends_on(workstream, depends_on)
    workstream.depends_on.set(depends_on)
