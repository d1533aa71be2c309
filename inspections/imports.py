"""Import an improvement plan's table (XLSX, CSV or a Word table) into a plan.

The columns are those councils write (seed 002's APP table, the plan export's own
headings, and their variants); the file records the plan as it stands, so it is
compared with the plan action by action (matched by ref): rows to create, to update
(with what changes) and unchanged. `inspections.services.import_plan` saves it.
"""

import dataclasses
import re

from sendtracker.core.imports import Column, ImportSpec, ParsedRow
from sendtracker.core.imports.parsers import CellError, dates_in, flexible_date, normalise
from sendtracker.core.status import DELAYED, Status

from .models import (
    Action,
    AreaKind,
    AreaOfWeakness,
    ImprovementPlan,
    Inspection,
    MilestoneKind,
    Stage,
)
from .models.actions import lead_titles
from .models.plans import PLAN_AREA_KINDS

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_EXPANDED_BYTES = 50 * 1024 * 1024
FORMATS = ("xlsx", "csv", "docx")

# The plan export's headings, in its order: every one is read back.
EXPORT_HEADINGS = [
    "Ref",
    "Area",
    "Action",
    "Lead(s)",
    "Progress",
    "Evidence – output",
    "Action milestone",
    "Evidence – impact",
    "Impact milestone(s)",
    "Stage",
    "Status",
    "Reason for delay",
    "Recovery date",
    "Board status",
]

# Status words and the colours of either key (BRAG, and Leicester's Grey/Yellow key).
STATUS_WORDS = {
    "not started": Status.NOT_STARTED,
    "on track": Status.ON_TRACK,
    "minor delay": Status.MINOR_DELAY,
    "major delay": Status.MAJOR_DELAY,
    "complete": Status.COMPLETE,
    "completed": Status.COMPLETE,
    "blue": Status.COMPLETE,
    "grey": Status.COMPLETE,
    "gray": Status.COMPLETE,
    "green": Status.ON_TRACK,
    "yellow": Status.MINOR_DELAY,
    "amber": Status.MINOR_DELAY,
    "red": Status.MAJOR_DELAY,
    "b": Status.COMPLETE,
    "g": Status.ON_TRACK,
    "a": Status.MINOR_DELAY,
    "r": Status.MAJOR_DELAY,
}
STAGE_WORDS = {normalise(label): value for value, label in Stage.choices}
SIGNED_OFF = {"signed off", "signed", "yes", "complete and signed off", "complete signed off"}
NOT_SIGNED_OFF = {"", "no", "not signed off", "not yet", "pending", "awaiting sign off"}


WHITE = "white"  # a fill that says nothing, as no fill says nothing


def _colour_status(hex_colour: str) -> Status | str | None:
    """A fill colour's status by its hue: grey or blue Complete, green On track, yellow
    or amber Minor delay, red Major delay; WHITE for white (or near); None for colours
    of no key (purple, pink, black)."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    high, low = max(red, green, blue), min(red, green, blue)
    if high - low < 0.12:
        if high > 0.93:
            return WHITE
        return Status.COMPLETE if high > 0.3 else None  # grey; black is no key's
    if high == red:
        hue = (60 * ((green - blue) / (high - low))) % 360
    elif high == green:
        hue = 60 * ((blue - red) / (high - low)) + 120
    else:
        hue = 60 * ((red - green) / (high - low)) + 240
    if hue < 20 or hue >= 340:
        return Status.MAJOR_DELAY
    if hue < 65:
        return Status.MINOR_DELAY  # amber, orange and yellow
    if hue < 170:
        return Status.ON_TRACK
    if hue < 260:
        return Status.COMPLETE
    return None


def parse_status(value: str) -> Status | None:
    """A status from its word, a colour's name or a fill colour ("#RRGGBB"); None (not
    given) for a white fill."""
    text = value.strip()
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", text):
        status = _colour_status(text[1:])
        if status == WHITE:
            return None
        if status is None:
            raise CellError(
                f"has the fill colour {text.upper()}, which is not a status colour: use "
                "Blue or Grey, Green, Yellow or Amber, or Red, or write the status"
            )
        return status
    key = normalise(text)
    words = STATUS_WORDS.get(key)
    if words is None:
        # "Green – on track", "Complete (Grey)": any one known word or colour will do.
        found = {STATUS_WORDS[w] for w in STATUS_WORDS if len(w) > 1 and f" {w} " in f" {key} "}
        if len(found) == 1:
            return found.pop()
        raise CellError(
            f"“{text}” is not a status: write Not started, On track, Minor delay, Major "
            "delay or Complete, or a colour (Blue or Grey, Green, Yellow or Amber, Red)"
        )
    return words


def parse_stage(value: str) -> str:
    stage = STAGE_WORDS.get(normalise(value))
    if stage is None:
        raise CellError(
            f"“{value}” is not a stage: write Action, Evidence, Completed, Impact or Sustained"
        )
    return stage


def parse_board(value: str) -> bool:
    key = normalise(value)
    if key in SIGNED_OFF or key.startswith("signed off"):
        return True
    if key in NOT_SIGNED_OFF or key.startswith("see ") or key == "see above":
        return False
    raise CellError(f"“{value}” is not a board status: write Signed off, or leave it empty")


def parse_ref(value: str) -> str:
    """ "2.3", "2. 3", "2.3." and "Ref 2.3" are all 2.3."""
    text = re.sub(r"^ref\.?\s*", "", value.strip(), flags=re.IGNORECASE)
    text = re.sub(r"\s*\.\s*", ".", text).strip(". ")
    if not text or len(text) > 20:
        raise CellError(f"“{value}” is not a reference: write it like 2.3")
    return text


def parse_milestones(value: str) -> list[tuple]:
    if normalise(value).startswith("see "):
        return []  # "See above", "See 2.1": the dates are another action's
    return sorted(set(dates_in(value)))


def text(max_length: int):
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError(f"must be {max_length:,} characters or fewer")
        return value

    return parse


def columns() -> list[Column]:
    return [
        Column("Ref", "ref", parse_ref, required=True, unique=True, aliases=("Reference",)),
        Column(
            "Area",
            "area",
            text(300),
            optional_heading=True,
            aliases=(
                "Area of weakness",
                "Area of remaining weakness",
                "Remaining area of weakness",
                "Area for priority action",
                "Area for improvement",
                "Priority",
            ),
        ),
        Column("Action", "description", text(5000), required=True, aliases=("Actions",)),
        Column(
            "Lead(s)",
            "leads",
            text(300),
            optional_heading=True,
            aliases=("Lead", "Leads", "Lead Governance", "Lead officer", "Owner"),
        ),
        Column("Progress", "progress", text(20000), optional_heading=True),
        Column(
            "Evidence – output",
            "evidence_of_output",
            text(20000),
            optional_heading=True,
            aliases=("Evidence of output", "Output", "Evidence output"),
        ),
        Column(
            "Action milestone",
            "action_milestones",
            parse_milestones,
            optional_heading=True,
            aliases=("Action milestones", "Milestone", "Milestones"),
        ),
        Column(
            "Evidence – impact",
            "evidence_of_impact",
            text(20000),
            optional_heading=True,
            aliases=("Evidence of impact", "Impact", "Evidence impact"),
        ),
        Column(
            "Impact milestone(s)",
            "impact_milestones",
            parse_milestones,
            optional_heading=True,
            aliases=("Impact milestone", "Impact milestones"),
        ),
        Column("Stage", "stage", parse_stage, optional_heading=True),
        Column(
            "Status",
            "status",
            parse_status,
            optional_heading=True,
            fill=True,
            aliases=("RAG", "RAG rating", "RAG status", "BRAG", "BRAG rating", "Current status"),
        ),
        Column(
            "Reason for delay",
            "reason",
            text(2000),
            optional_heading=True,
            aliases=("Reason", "Delay reason"),
        ),
        Column(
            "Recovery date",
            "recovery_date",
            flexible_date,
            optional_heading=True,
            aliases=("Recovery", "Back on track by"),
        ),
        Column(
            "Board status",
            "signed_off",
            parse_board,
            optional_heading=True,
            aliases=(
                "SENDIB",
                "SENDIB status",
                "Board sign off",
                "Sign off",
                "Signed off",
                "Board",
            ),
        ),
    ]


def _check_row(values: dict) -> dict:
    # Seed 002 numbers actions within their area in the Action column ("1. Review ...")
    # beside an area-only Ref ("1"): the action's ref is then "1.1".
    ref, description = values["ref"], values["description"]
    match = re.match(r"^(\d+)\s*[.)]\s+(\S.*)$", description, re.DOTALL)
    if re.fullmatch(r"\d+", ref) and match:
        values["ref"] = f"{ref}.{match.group(1)}"
        values["description"] = match.group(2).strip()
    errors = {}
    if values.get("signed_off") and values.get("status") not in (None, Status.COMPLETE):
        errors["signed_off"] = "Board status says signed off, but the status is not Complete"
    return errors


def spec() -> ImportSpec:
    return ImportSpec(
        columns=columns(), check_row=_check_row, continued_by="ref", refuse_formulas=False
    )


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


@dataclasses.dataclass
class Preview:
    rows: list[RowPlan]
    new_areas: list[NewArea]
    warnings: list[str]
    kept: list[str] = dataclasses.field(default_factory=list)  # refs not in the file

    def of(self, kind: str) -> list[RowPlan]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_areas) or any(r.kind != "unchanged" for r in self.rows)


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
    existing = _existing(target.plan)
    areas = _areas(target)
    new_areas: dict[int, NewArea] = {}
    warnings = []
    plans = []
    if target.inspection is None and any(r.values.get("area") for r in rows):
        warnings.append(
            "The plan responds to no inspection, so the Area column is not recorded: "
            "actions are imported without an area"
        )
    for row in rows:
        values = row.values
        area = _area_for(target, values, areas, new_areas) if "area" in values else None
        action = existing.get(values["ref"])
        if action is None:
            plans.append(_create(row, area))
        else:
            plans.append(_update(row, action, area, has_area="area" in values))
    in_file = {row.values["ref"] for row in rows}
    kept = [ref for ref in existing if ref not in in_file]
    return Preview(rows=plans, new_areas=list(new_areas.values()), warnings=warnings, kept=kept)


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


# Reading, options and saving: what the pages and the command share -------------------

READ_OPTIONS = {
    "max_bytes": MAX_BYTES,
    "max_rows": MAX_ROWS,
    "max_expanded": MAX_EXPANDED_BYTES,
    "formats": FORMATS,
    "formulas": "cached",
    "fills": True,
    "no_table_message": "The document has no table with the headings Ref and Action: the plan's "
    "table must have them in its first row",
}


def read(upload):
    """The file's rows, parsed (a ParseResult); raises ImportFileError for a bad file."""
    from sendtracker.core.imports import read_table

    plan_spec = spec()
    return plan_spec.parse(read_table(upload, is_header=plan_spec.is_header, **READ_OPTIONS))


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
    return {
        "create": len(preview.of("create")),
        "update": len(preview.of("update")),
        "unchanged": len(preview.of("unchanged")),
        "areas": len(preview.new_areas),
        "reason_needed": sum(1 for r in preview.rows if "Reason needed" in r.flags),
    }


def summary(preview: Preview) -> str:
    n = counts(preview)
    if not preview.changes_anything:
        return "Nothing changed: the plan already matches the file."
    return (
        f"Plan imported: {n['create']} action{'s' if n['create'] != 1 else ''} created, "
        f"{n['update']} updated, {n['unchanged']} unchanged."
    )
