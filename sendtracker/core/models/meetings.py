"""A council's improvement board and its meetings.

In core, not in the dashboards that show them, because the domain apps' records name
the meeting that decided on them (an action signed off at a meeting), and a domain app
imports only core (docs/architecture.md, docs/decisions.md).
"""

from django.db import models

from sendtracker.core.querysets import scoped_manager

from .fields import council_link, lines_of


class BoardMeeting(models.Model):
    """A meeting of a council's improvement board (e.g. Leicester's SENDIB).

    Attendees are role titles, one a line, as minutes record them (seeds 003 and 004).
    The board signs actions off at a meeting (inspections.Action.signed_off_meeting),
    and the meeting's page lists them. The dashboard reads "as at" a meeting and "since
    the last meeting" from the action status history, using the meeting's date.
    """

    council = council_link("board_meetings")
    board_name = models.CharField(max_length=200, help_text="For example, SENDIB.")
    held_on = models.DateField("date of the meeting")
    attendees = models.TextField(
        help_text="One role a line, for example Chair (independent) or Parent carer forum."
    )
    apologies = models.TextField(blank=True, help_text="One role a line.")
    decisions = models.TextField(blank=True, help_text="One decision a line.")

    objects = scoped_manager()

    class Meta:
        db_table = "dashboards_boardmeeting"  # kept from before the move to core
        ordering = ["council", "-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "board_name", "held_on"], name="one_board_meeting_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board_name}, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return self.council.url_of("dashboards:meeting-detail", meeting_id=self.pk)

    attendee_list = lines_of("attendees")
    apology_list = lines_of("apologies")
    decision_list = lines_of("decisions")


class AgreedAction(models.Model):
    """An action a board meeting agreed, with its owner (a role) and due date."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200, help_text="A role title.")
    due_on = models.DateField("due date", null=True, blank=True)
    done = models.BooleanField(default=False)

    objects = scoped_manager("meeting__council")

    class Meta:
        db_table = "dashboards_agreedaction"  # kept from before the move to core
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.description[:80]
