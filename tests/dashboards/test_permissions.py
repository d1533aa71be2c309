import pytest

from sendtracker.dashboards.permissions import can_record_meeting

pytestmark = pytest.mark.django_db


def test_the_councils_officer_records_its_board_meetings(officer, board_member, leicester):
    assert can_record_meeting(officer, leicester)
    assert not can_record_meeting(board_member, leicester)
