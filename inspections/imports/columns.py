"""The plan file's columns as councils write them, and how each cell is read."""

import re

from sendtracker.core.imports import Column, ImportSpec
from sendtracker.core.imports.parsers import (
    CellError,
    dates_in,
    flexible_date,
    lookup,
    normalise,
    text,
)
from sendtracker.core.status import Status

from ..exports import HEADINGS
from ..models import Stage

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
FORMATS = ("xlsx", "csv", "docx")

# The plan export's headings (inspections.exports), in its order: every one is read back.
EXPORT_HEADINGS = HEADINGS

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


parse_stage = lookup(
    STAGE_WORDS,
    message="“{value}” is not a stage: write Action, Evidence, Completed, Impact or Sustained",
)


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


def _evidence(kind: str) -> Column:
    """The evidence of output or of impact, as plans head it."""
    return Column(
        f"Evidence – {kind}",
        f"evidence_of_{kind}",
        text(20000),
        optional_heading=True,
        aliases=(f"Evidence of {kind}", kind.capitalize(), f"Evidence {kind}"),
    )


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
        _evidence("output"),
        Column(
            "Action milestone",
            "action_milestones",
            parse_milestones,
            optional_heading=True,
            aliases=("Action milestones", "Milestone", "Milestones"),
        ),
        _evidence("impact"),
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


# Reading, options and saving: what the pages and the command share -------------------

READ_OPTIONS = {
    "max_bytes": MAX_BYTES,
    "max_rows": MAX_ROWS,
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
