"""Demo board meetings: Leicester's SEND Improvement Board (SENDIB), autumn 2021.

Minutes in the shape of seeds 003 and 004: who attended (as roles), apologies, the
decisions taken and the actions agreed, each with an owner and a due date. The dates
fall between the APP's status updates (inspections.demo), so "since the last meeting"
and "as at" a meeting each show something moving.
"""

import datetime

from sendtracker.core.models import Council, User

from .models import BoardMeeting
from .services import record_meeting

D = datetime.date

ATTENDEES = """Chair (independent)
Director of Children's Services
Head of SEND
Designated Clinical Officer
Integrated Care Board commissioning lead
Parent carer forum representative
DfE SEND adviser
NHS England adviser"""

MEETINGS = [
    (
        D(2021, 9, 30),
        "Principal educational psychologist",
        "Approve the joint commissioning strategy for post-19 health provision.\n"
        "Adopt the Accelerated Progress Plan's 3-month milestones as the board's tracker.",
        [
            (
                "Circulate the APP tracker to board members a week before each meeting",
                "Head of SEND",
                D(2021, 10, 21),
            ),
            (
                "Confirm ICB sign-off date for the joint commissioning strategy",
                "Integrated Care Board commissioning lead",
                D(2021, 10, 28),
            ),
        ],
    ),
    (
        D(2021, 10, 28),
        "Parent carer forum representative",
        "Accept the exception report; red items to return in November with recovery dates.",
        [
            (
                "Bring a recovery plan for delayed transition-pathway actions",
                "Designated Clinical Officer",
                D(2021, 11, 25),
            ),
        ],
    ),
    (
        D(2021, 11, 25),
        "",
        "Note progress on the post-19 health offer.\n"
        "Ask the DfE adviser to review evidence of impact before the six-month review.",
        [
            (
                "Prepare evidence of impact pack for the six-month review",
                "Head of SEND",
                D(2022, 1, 14),
            ),
        ],
    ),
    (
        D(2021, 12, 16),
        "NHS England adviser",
        "Sign off completed actions with evidence of output.\n"
        "Escalate the therapy workforce gap to the ICB board.",
        [
            (
                "Report on therapy workforce recruitment",
                "Integrated Care Board commissioning lead",
                D(2022, 1, 20),
            ),
            (
                "Update the local offer pages on preparing for adulthood",
                "Head of SEND",
                D(2022, 2, 28),
            ),
        ],
    ),
]


def load() -> None:
    leicester = Council.objects.get(dfe_la_code=856)
    if BoardMeeting.objects.filter(council=leicester).exists():
        return
    officer = User.objects.filter(email="officer@leicester.example").first()
    for held_on, apologies, decisions, actions in MEETINGS:
        record_meeting(
            council=leicester,
            by=officer,
            board_name="SENDIB",
            held_on=held_on,
            attendees=ATTENDEES,
            apologies=apologies,
            decisions=decisions,
            actions=[
                {"description": text, "owner": owner, "due_on": due} for text, owner, due in actions
            ],
            check_permission=False,
        )
