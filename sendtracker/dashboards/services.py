"""Writes of board meetings: validated, in one transaction, in the audit trail."""

import datetime

from django.db import IntegrityError

from sendtracker.core.errors import DomainError
from sendtracker.core.permissions import can_change_council
from sendtracker.core.writes import council_write

from .models import AgreedAction, BoardMeeting


def record_meeting(
    *,
    council,
    by,
    board_name: str,
    held_on: datetime.date,
    attendees: str,
    apologies: str = "",
    decisions: str = "",
    actions: list[dict] | None = None,
    check_permission: bool = True,
) -> BoardMeeting:
    """Record a board meeting with the actions it agreed (owner, description, due date).

    Only the council's officers record meetings (and site administrators); the demo
    loader passes check_permission=False.
    """
    if check_permission and not can_change_council(by, council):
        raise DomainError("Only an officer of the council can record its board meetings")
    if not attendees.strip():
        raise DomainError("Enter who attended, one role a line", field="attendees")
    for agreed in actions or []:
        if not agreed.get("description", "").strip() or not agreed.get("owner", "").strip():
            raise DomainError(
                "Give every agreed action a description and an owner", field="actions"
            )
    try:
        with council_write(council, by=by, parts=()):
            meeting = BoardMeeting.objects.create(
                council=council,
                board_name=board_name.strip(),
                held_on=held_on,
                attendees=attendees.strip(),
                apologies=apologies.strip(),
                decisions=decisions.strip(),
            )
            for agreed in actions or []:
                AgreedAction.objects.create(
                    meeting=meeting,
                    description=agreed["description"].strip(),
                    owner=agreed["owner"].strip(),
                    due_on=agreed.get("due_on"),
                )
    except IntegrityError:
        raise DomainError(
            f"{board_name} already has a meeting on {held_on:%-d %B %Y}", field="held_on"
        ) from None
    return meeting
