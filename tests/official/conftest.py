import io

import pytest
from django.core.management import call_command


@pytest.fixture
def official(reference_places):
    """The official statistics shipped in fixtures/official/, loaded by the command."""
    call_command("load_official_statistics", stdout=io.StringIO())
