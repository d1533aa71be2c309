"""The file's rows against the plan: what importing them creates, changes or leaves."""

import dataclasses
import re

from sendtracker.core.imports import ParsedRow
from sendtracker.core.status import DELAYED, Status

from ..models import (
    Action,
    AreaKind,
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    MilestoneKind,
    Stage,
)
from ..models.actions import lead_titles
from ..models.plans import PLAN_AREA_KINDS

# The plan the file goes into ---------------------------------------------------------


@dataclasses.dataclass
class Target:
    """Where the rows go: an existing plan, or the plan about to be created."""

    council: object
    kind: str
    inspection: Inspection | None
    plan: ImprovementPlan | None = None
    split_area: AreaOfWeakness | None = None  # the area the plan's own sub-areas split

    @classmethod
    def of(cls, plan: ImprovementPlan) -> "Target":
        own = AreaOfWeakness.objects.filter(plan=plan).select_related("parent").first()
        return cls(
            council=plan.council,
            kind=plan.kind,
            inspection=plan.inspection,
            plan=plan,
            split_area=own.parent if own else None,
        )

    @property
    def area_kind(self) -> str:
        kinds = PLAN_AREA_KINDS.get(self.kind) or (
            self.inspection.area_kinds if self.inspection else (AreaKind.WEAKNESS,)
        )
        return kinds[0]


_AREA = re.compile(
    r"^\s*(?:area\s*)?(\d+)(?:\s*\.\s*(\d+))?\s*[.:)]?\s*[-–—:]?\s*(.*)$", re.I | re.S
)


def area_of(ref: str, cell: str | None) -> tuple[int | None, str]:
    """The area number a row places its action under, and the area's title in the file.

    The ref's first number when the ref has two ("2.3"), else the number the Area cell
    begins with ("2. The poor quality of EHC plans", "4.2 Young people ..."); the
    title is the Area cell without its number.
    """
    number, title = None, (cell or "").strip()
    found = _AREA.match(title)
    if found:
        number = int(found.group(2) or found.group(1))
        title = found.group(3).strip()
    parts = ref.split(".")
    if len(parts) >= 2 and parts[0].isdigit():
        number = int(parts[0])
    return number, title


@dataclasses.dataclass
class NewArea:
    number: int
    title: str
    parent: AreaOfWeakness | None

    @property
    def label(self) -> str:
        prefix = f"{self.parent.number}." if self.parent else ""
        return f"Area {prefix}{self.number}: {self.title}"


@dataclasses.dataclass
class RowPlan:
    """What importing one row does: create, update (with `changes`) or nothing."""

    row: ParsedRow
    kind: str  # "create", "update" or "unchanged"
    action: Action | None = None
    area: object = None  # AreaOfWeakness, NewArea or None
    changes: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    details: dict = dataclasses.field(default_factory=dict)  # for update_action_details
    state: dict | None = None  # the new status, stage, progress...: a StatusUpdate
    flags: list[str] = dataclasses.field(default_factory=list)

    @property
    def ref(self) -> str:
        return self.row.values["ref"]


KINDS = ("create", "update", "unchanged")
SHOWN = 100  # rows of each kind a streamed comparison keeps for the preview page


@dataclasses.dataclass
class Preview:
    """What importing the file does. `rows`: every row's RowPlan (compare), or the first
    SHOWN of each kind (a Comparison); `totals`: the number of rows of each kind and of
    delays with reason needed, whichever rows were kept."""

    rows: list[RowPlan]
    new_areas: list[NewArea]
    warnings: list[str]
    kept: list[str] = dataclasses.field(default_factory=list)  # refs not in the file
    totals: dict = dataclasses.field(default_factory=dict)

    def of(self, kind: str) -> list[RowPlan]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def more(self) -> dict:
        """{kind: rows of that kind not in `rows`}."""
        return {kind: self.totals.get(kind, 0) - len(self.of(kind)) for kind in KINDS}

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_areas) or bool(self.totals.get("create") or self.totals.get("update"))


def _milestone_text(pairs) -> str:
    return "; ".join(f"{d:%d/%m/%Y}" + (f" – {t}" if t else "") for d, t in sorted(pairs)) or "–"


def _existing(plan: ImprovementPlan | None) -> dict[str, Action]:
    if plan is None:
        return {}
    actions = (
        Action.objects.filter(plan=plan)
        .select_related("area__parent")
        .prefetch_related("milestones", "lead_users")
    )
    return {a.ref: a for a in actions}


def _areas(target: Target) -> dict[int, AreaOfWeakness]:
    if target.inspection is None:
        return {}
    if target.split_area is not None:
        found = AreaOfWeakness.objects.filter(parent=target.split_area).select_related("parent")
    else:
        found = AreaOfWeakness.objects.filter(
            inspection=target.inspection, parent__isnull=True, kind=target.area_kind
        )
    return {a.number: a for a in found}


def compare(target: Target, rows: list[ParsedRow]) -> Preview:
    """What importing `rows` into the target would do, row by row (reads only).

    Adds an error to a row the services would refuse (a new action without leads), so
    the preview shows it beside the file's own errors.
    """
    comparison = Comparison(target, keep=None)
    for row in rows:
        comparison.add(row)
    return comparison.preview()


class Comparison:
    """The file's rows against the target, one at a time (`add`), for a file read row by
    row: what it holds is bounded by the plan (its actions and areas, read in a fixed
    number of queries), not by the file, but for the first `keep` RowPlans of each kind
    (all of them if `keep` is None)."""

    def __init__(self, target: Target, *, keep: int | None = SHOWN):
        self.target = target
        self.keep = keep
        self.existing = _existing(target.plan)
        self.areas = _areas(target)
        self.new_areas: dict[int, NewArea] = {}
        self.in_file: set[str] = set()
        self.rows: list[RowPlan] = []
        self.totals = dict.fromkeys((*KINDS, "reason_needed"), 0)
        self.shown = dict.fromkeys(KINDS, 0)
        self.has_area = False

    def add(self, row: ParsedRow) -> RowPlan:
        """What importing `row` does; adds an error to a row the services would refuse
        (a new action without leads)."""
        values = row.values
        self.has_area = self.has_area or bool(values.get("area"))
        area = (
            _area_for(self.target, values, self.areas, self.new_areas) if "area" in values else None
        )
        action = self.existing.get(values["ref"])
        if action is None:
            plan = _create(row, area)
        else:
            plan = _update(row, action, area, has_area="area" in values)
        if action is not None:
            self.in_file.add(values["ref"])  # the plan's refs the file has: bounded by the plan
        self.totals[plan.kind] += 1
        self.totals["reason_needed"] += "Reason needed" in plan.flags
        if self.keep is None or self.shown[plan.kind] < self.keep:
            self.shown[plan.kind] += 1
            self.rows.append(plan)
        return plan

    def preview(self) -> Preview:
        warnings = []
        if self.target.inspection is None and self.has_area:
            warnings.append(
                "The plan responds to no inspection, so the Area column is not recorded: "
                "actions are imported without an area"
            )
        kept = [ref for ref in self.existing if ref not in self.in_file]
        return Preview(
            rows=self.rows,
            new_areas=list(self.new_areas.values()),
            warnings=warnings,
            kept=kept,
            totals=dict(self.totals),
        )


def _area_for(target, values, areas, new_areas):
    if target.inspection is None:
        return None
    number, title = area_of(values["ref"], values.get("area"))
    if number is None:
        return None
    if number in areas:
        return areas[number]
    if number not in new_areas:
        new_areas[number] = NewArea(
            number=number, title=title or f"Area {number}", parent=target.split_area
        )
    return new_areas[number]


def _state(values: dict, action: Action | None) -> dict:
    """The status, stage, progress, delay and sign-off the row gives, over the action's."""
    current = {
        "status": action.status if action else Status.NOT_STARTED,
        "stage": action.stage if action else Stage.ACTION,
        "progress": action.progress if action else "",
        "reason": action.status_reason if action else "",
        "recovery_date": action.recovery_date if action else None,
        "signed_off": bool(action and action.signed_off_at),
    }
    state = dict(current)
    for key in ("status", "stage"):
        if values.get(key) is not None:
            state[key] = values[key]
    if values.get("signed_off"):
        state["status"] = Status.COMPLETE
        state["signed_off"] = True
    if "progress" in values:
        state["progress"] = values["progress"] or ""
    if "reason" in values:
        state["reason"] = values["reason"] or ""
    if "recovery_date" in values:
        state["recovery_date"] = values["recovery_date"]
    if state["status"] not in DELAYED:
        state["reason"], state["recovery_date"] = "", None
    if state["status"] != Status.COMPLETE:
        state["signed_off"] = False
    state["reason_needed"] = state["status"] in DELAYED and not (
        state["reason"] and state["recovery_date"]
    )
    return state


def _flags(state: dict, action: Action | None) -> list[str]:
    flags = []
    if state["reason_needed"]:
        flags.append("Reason needed")
    if state["signed_off"] and not (action and action.signed_off_at):
        flags.append("Signed off (imported from file)")
    return flags


def _create(row: ParsedRow, area) -> RowPlan:
    values = row.values
    if not (values.get("leads") or "").strip():
        row.errors["leads"] = "Enter the lead(s) of a new action"
    state = _state(values, None)
    return RowPlan(row=row, kind="create", area=area, state=state, flags=_flags(state, None))


_LABELS = {
    "description": "Action",
    "leads": "Lead(s)",
    "evidence_of_output": "Evidence – output",
    "evidence_of_impact": "Evidence – impact",
    "status": "Status",
    "stage": "Stage",
    "progress": "Progress",
    "reason": "Reason for delay",
    "recovery_date": "Recovery date",
    "signed_off": "Board status",
}


def _shown(key, value) -> str:
    if key == "status":
        return Status(value).label
    if key == "stage":
        return Stage(value).label
    if key == "signed_off":
        return "Signed off" if value else "Not signed off"
    if key == "recovery_date":
        return f"{value:%d/%m/%Y}" if value else "–"
    return str(value or "–")


def _update(row: ParsedRow, action: Action, area, *, has_area: bool) -> RowPlan:
    values = row.values
    plan = RowPlan(row=row, kind="update", action=action, area=area)
    for key in ("description", "evidence_of_output", "evidence_of_impact"):
        if key in values and (values[key] or "") != getattr(action, key):
            plan.details[key] = values[key] or ""
            plan.changes.append((_LABELS[key], getattr(action, key), values[key] or ""))
    if values.get("leads"):
        named = [lead.job_title or lead.email for lead in action.lead_users.all()]
        shown = "; ".join(lead_titles(named, action.leads))
        if values["leads"] not in (action.leads, shown):
            plan.details["leads"] = values["leads"]
            plan.changes.append(("Lead(s)", shown, values["leads"]))
    if has_area and area is not None and (isinstance(area, NewArea) or area.pk != action.area_id):
        plan.details["area"] = area
        old = action.area.label if action.area else "–"
        plan.changes.append(("Area", old, area.label))
    milestones = {MilestoneKind.ACTION: [], MilestoneKind.IMPACT: []}
    for milestone in action.milestones.all():
        milestones[milestone.kind].append((milestone.due_on, milestone.description))
    for key, kind, label in (
        ("action_milestones", MilestoneKind.ACTION, "Action milestone"),
        ("impact_milestones", MilestoneKind.IMPACT, "Impact milestone(s)"),
    ):
        if key not in values:
            continue
        new = sorted(set(values[key] or []))
        if new != sorted(set(milestones[kind])):
            plan.details[key] = new
            plan.changes.append((label, _milestone_text(milestones[kind]), _milestone_text(new)))
    state = _state(values, action)
    before = _state({}, action) | {"reason_needed": action.reason_needed}
    moved = [k for k in ("status", "stage", "progress", "reason", "recovery_date", "signed_off")]
    moved = [k for k in moved if state[k] != before[k]]
    if moved or state["reason_needed"] != action.reason_needed:
        plan.state = state
        for key in moved:
            plan.changes.append((_LABELS[key], _shown(key, before[key]), _shown(key, state[key])))
    plan.flags = _flags(state, action)
    if not plan.changes and plan.state is None:
        plan.kind = "unchanged"
    return plan


def target_for(council, options: dict, plan: ImprovementPlan | None = None) -> Target:
    """Where the file goes: `plan`, or a new plan of `options`' kind and inspection.

    options["split_area"]: the number of the inspection's area the plan splits into
    sub-areas of its own (as Leicester's APP splits Area 4), when the plan has none yet.
    Raises LookupError with the user's message for an area the inspection has not.
    """
    if plan is not None:
        target = Target.of(plan)
    else:
        inspection = (
            Inspection.objects.filter(council=council, pk=options["inspection"]).first()
            if options.get("inspection")
            else None
        )
        target = Target(council=council, kind=options["kind"], inspection=inspection)
    number = options.get("split_area")
    if number and target.split_area is None:
        if target.inspection is None:
            raise LookupError("Choose the plan's inspection to split one of its areas")
        area = AreaOfWeakness.objects.filter(
            inspection=target.inspection, parent__isnull=True, number=number
        ).first()
        if area is None:
            raise LookupError(f"The inspection has no area {number} to split")
        target.split_area = area
    return target


def fingerprint(council, plan: ImprovementPlan | None = None) -> str:
    """The state a preview depends on: every write to the council's plans raises its
    plans_version (core.writes), so a preview of an older version is refused."""
    from sendtracker.core.models import Council

    version = Council.objects.filter(pk=council.pk).values_list("plans_version", flat=True)
    return f"{plan.pk if plan else 'new'}:{version.first()}"


def plan_values(options: dict, target: Target) -> dict:
    return {"kind": target.kind, "title": options["title"], "inspection": target.inspection}


def counts(preview: Preview) -> dict:
    totals = preview.totals
    return {
        "create": totals["create"],
        "update": totals["update"],
        "unchanged": totals["unchanged"],
        "areas": len(preview.new_areas),
        "reason_needed": totals["reason_needed"],
    }


def summary(preview: Preview) -> str:
    n = counts(preview)
    if not preview.changes_anything:
        return "Nothing changed: the plan already matches the file."
    return (
        f"Plan imported: {n['create']} action{'s' if n['create'] != 1 else ''} created, "
        f"{n['update']} updated, {n['unchanged']} unchanged."
    )
