"""The plan page's rows, drawn in Python for speed, draw what a template would."""

import datetime
from pathlib import Path

from django.template import engines
from django.test.html import parse_html

from inspections.selectors import ActionRow
from inspections.templatetags.inspections import action_cells, action_tbodies
from sendtracker.core.status import display

# The row as the template language drew it before the rows moved to Python.
REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "action_row_reference.html").read_text()
)


def row(**values) -> ActionRow:
    return ActionRow(
        **{
            "pk": 7,
            "ref": '2.3 <b>"x"</b>',
            "description": "Parents & carers' <script>alert(1)</script>",
            "leads": "Head of SEND; ICB's <i>lead</i>",
            "status": display("major_delay", "brag"),
            "recovery_date": datetime.date(2026, 3, 9),
            "stage": "Impact",
            "signed_off": True,
            "action_milestones": [datetime.date(2025, 12, 1), datetime.date(2026, 1, 31)],
            "area_id": None,
            "url": "/councils/leicester/plans/2/actions/7/",
            **values,
        }
    )


NEXT = "/councils/leicester/plans/2/?status=major_delay&lead=Head of SEND"


def test_each_row_is_the_markup_the_template_drew_with_every_value_escaped():
    rows = [
        row(),
        row(pk=8, signed_off=False, recovery_date=None, action_milestones=[]),
        row(pk=9, status=display("complete", "grey_yellow")),
    ]
    for can_update in (True, False):
        ours = action_tbodies(rows, can_update=can_update, next_url=NEXT)
        reference = "".join(
            REFERENCE.render({"row": r, "can_update": can_update, "next": NEXT}) for r in rows
        )
        assert parse_html(ours) == parse_html(reference)
    assert "<script>" not in ours and "&lt;script&gt;" in ours
    assert "Recovery 9 Mar 2026" in ours and "Dec 2025<br>Jan 2026<br>" in ours


def test_the_swapped_row_draws_the_same_cells():
    ours = action_cells(row(), can_update=True, next_url=NEXT)
    reference = REFERENCE.render({"row": row(), "can_update": True, "next": NEXT})
    assert parse_html(
        f'<tbody class="govuk-table__body app-inplace" id="action-7">{ours}</tbody>'
    ) == parse_html(reference)
