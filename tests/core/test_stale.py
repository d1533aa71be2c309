"""check_version: one optimistic lock, and one list of what someone else changed."""

import datetime

import pytest
from django.template.loader import render_to_string

from sendtracker.core.errors import Change, Changes, StaleEditError
from sendtracker.core.models import Council
from sendtracker.core.models.places import CouncilType
from sendtracker.core.stale import SAVED, UPDATED, check_version, shown


def council(**fields) -> Council:
    defaults = {
        "name": "Leicester",
        "type": CouncilType.UNITARY,
        "improvement_board_name": "Theirs",
        "send_team_email": "",
        "version": 3,
    }
    return Council(**(defaults | fields))


def test_a_form_opened_at_the_saved_version_passes():
    check_version(council(), 3, what="council", fields={"improvement_board_name": "Mine"})


def test_a_caller_without_a_version_checks_nothing():
    check_version(council(), None, what="council", fields={"improvement_board_name": "Mine"})


def test_a_stale_form_is_refused_with_each_field_that_differs_saved_and_yours():
    fields = {
        "improvement_board_name": "Mine",
        "send_team_email": "mine@leicester.gov.uk",
        "name": "Leicester",  # the same as saved: not a change
        "type": CouncilType.METROPOLITAN,
    }
    with pytest.raises(StaleEditError) as refused:
        check_version(council(), 2, what="council", fields=fields)

    assert refused.value.message == SAVED.format(what="council")
    assert refused.value.field is None
    assert refused.value.changes == [
        Change("Improvement board", saved="Theirs", yours="Mine"),
        Change("SEND team email address", saved="(blank)", yours="mine@leicester.gov.uk"),
        Change("Type", saved="Unitary authority", yours="Metropolitan district"),
    ]


def test_history_comes_first_and_is_read_only_when_the_form_is_stale():
    at = datetime.datetime(2026, 3, 12, 10, 4, tzinfo=datetime.UTC)
    read = []

    def since():
        read.append(True)
        return [Change.update(at, None, "status Not started → On track")]

    check_version(council(), 3, what="action", since=since)
    assert read == []

    with pytest.raises(StaleEditError) as refused:
        check_version(
            council(),
            2,
            what="action",
            since=since,
            fields={"improvement_board_name": "Mine"},
            message=UPDATED,
        )

    assert refused.value.message.startswith("Someone else updated this action after you opened")
    assert refused.value.changes.history == [
        Change("12 Mar 2026 10:04 by the system", "status Not started → On track")
    ]
    assert refused.value.changes.fields == [Change("Improvement board", "Theirs", "Mine")]
    assert list(refused.value.changes) == [
        *refused.value.changes.history,
        *refused.value.changes.fields,
    ]


def test_a_history_line_names_who_did_it(make_user):
    at = datetime.datetime(2026, 3, 12, 10, 4, tzinfo=datetime.UTC)
    colleague = make_user(email="colleague@leicester.example")

    assert Change.update(at, colleague, "note: “Theirs”").label == (
        "12 Mar 2026 10:04 by colleague@leicester.example"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "(blank)"),
        ("", "(blank)"),
        (True, "Yes"),
        (False, "No"),
        (datetime.date(2026, 3, 1), "1 March 2026"),
        (["Early years", "Post-16"], "Early years, Post-16"),
        ([], "(none)"),
        ("x" * 200, "x" * 119 + "…"),
    ],
)
def test_values_are_shown_as_people_read_them(value, expected):
    assert shown(value) == expected


def test_every_error_carries_one_change_list_type():
    assert isinstance(StaleEditError("x").changes, Changes)
    assert isinstance(StaleEditError("x", changes=[Change("a", "b")]).changes, Changes)


def test_the_change_list_template_shows_history_then_fields_with_both_values():
    changes = Changes(
        [
            Change("12 Mar 2026 10:04 by colleague@leicester.example", "status A → B"),
            Change("Title", saved="Theirs", yours="Mine"),
        ]
    )

    html = render_to_string("components/stale_changes.html", {"stale_changes": changes})

    assert "Someone else saved a change while you were editing" in html
    assert (
        '<td class="govuk-table__cell">12 Mar 2026 10:04 by colleague@leicester.example</td>'
        '<td class="govuk-table__cell">status A → B</td>'
    ) in html
    assert (
        '<th scope="row" class="govuk-table__header">Title</th>'
        '<td class="govuk-table__cell">Theirs</td><td class="govuk-table__cell">Mine</td>'
    ) in html


def test_the_change_list_template_shows_only_the_tables_it_has_rows_for():
    only_fields = Changes([Change("Title", saved="Theirs", yours="Mine")])

    html = render_to_string("components/stale_changes.html", {"stale_changes": only_fields})

    assert "You entered" in html and "When and who" not in html
    assert render_to_string("components/stale_changes.html", {"stale_changes": []}).strip() == ""
