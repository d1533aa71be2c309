"""The status scale every rated thing uses: stored once, counted everywhere.

Canonical values are stored; how they look is a per-plan choice of key (BRAG, or the
Leicester key of seed 002). A status is always shown as its word on a coloured tag,
never as colour alone.
"""

from django.db import models


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    MINOR_DELAY = "minor_delay", "Minor delay"
    MAJOR_DELAY = "major_delay", "Major delay"
    COMPLETE = "complete", "Complete"


DELAYED = frozenset({Status.MINOR_DELAY, Status.MAJOR_DELAY})

# Worst first: the order in which a parent takes its children's status, and in which
# exception reports and counts list them.
SEVERITY = [
    Status.MAJOR_DELAY,
    Status.MINOR_DELAY,
    Status.NOT_STARTED,
    Status.ON_TRACK,
    Status.COMPLETE,
]
_RANK = {status: rank for rank, status in enumerate(SEVERITY)}


def worst(statuses) -> Status | None:
    """The most severe of `statuses` (None if there are none)."""
    ranked = sorted((Status(s) for s in statuses), key=_RANK.__getitem__)
    return ranked[0] if ranked else None


class StatusKey(models.TextChoices):
    BRAG = "brag", "BRAG: Blue, Red, Amber, Green"
    GREY_YELLOW = "grey_yellow", "Grey, Green, Yellow, Red (as in Leicester's plans)"


# status -> (colour name, GOV.UK tag modifier) on each key, in StatusKey's order
_COLOUR_TABLE = {
    Status.NOT_STARTED: (("Grey", "govuk-tag--grey"), ("White", "app-tag--white")),
    Status.ON_TRACK: (("Green", "govuk-tag--green"), ("Green", "govuk-tag--green")),
    Status.MINOR_DELAY: (("Amber", "govuk-tag--orange"), ("Yellow", "govuk-tag--yellow")),
    Status.MAJOR_DELAY: (("Red", "govuk-tag--red"), ("Red", "govuk-tag--red")),
    Status.COMPLETE: (("Blue", "govuk-tag--blue"), ("Grey", "govuk-tag--grey")),
}

# key -> status -> (colour name, GOV.UK tag modifier)
COLOURS = {
    key: {status: colours[i] for status, colours in _COLOUR_TABLE.items()}
    for i, key in enumerate(StatusKey)
}


# colour name -> (background, text) as hex RGB: GOV.UK Frontend's tag colours, for what
# draws a status outside a web page (spreadsheet cells).
HEX = {
    "Grey": ("CECECE", "0B0C0C"),
    "White": ("FFFFFF", "0B0C0C"),
    "Green": ("CFE4DC", "083D29"),
    "Amber": ("FDE4D7", "7A3C1C"),
    "Yellow": ("FFEE80", "7A3C1C"),
    "Red": ("F4D7D7", "651B1B"),
    "Blue": ("D2E2F1", "0F385C"),
}


def display(status, key=StatusKey.BRAG) -> dict:
    """What a template needs to draw a status: its word, colour name and CSS class."""
    status = Status(status)
    colour, css_class = COLOURS[StatusKey(key or StatusKey.BRAG)][status]
    return {"value": status.value, "label": status.label, "colour": colour, "css_class": css_class}


def legend(key=StatusKey.BRAG) -> list[dict]:
    """The key to a status scale, in the order a board reads it."""
    order = [
        Status.COMPLETE,
        Status.ON_TRACK,
        Status.MINOR_DELAY,
        Status.MAJOR_DELAY,
        Status.NOT_STARTED,
    ]
    return [display(status, key) for status in order]
