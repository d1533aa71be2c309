"""save_new_version: how every service saves an edit of a versioned record."""

import pytest

from sendtracker.core.models import Council
from sendtracker.core.records import save_new_version

pytestmark = pytest.mark.django_db


def test_an_edit_is_saved_as_the_next_version(reference_places):
    council = Council.objects.get(dfe_la_code=856)
    version = council.version

    save_new_version(council, {"improvement_board_name": "SENDIB"})

    council.refresh_from_db()
    assert council.improvement_board_name == "SENDIB"
    assert council.version == version + 1
