import pytest
from django.db import connection
from django.test import override_settings

from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from tests.factories import UserFactory


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Plain static storage (live_server serves through the finders) and a fast hasher;
    files in the database, as in production."""
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "sendtracker.core.storage.DatabaseStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        REMINDER_BACKEND="outbox",
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached fragments are keyed by ids, which a rolled-back database may reuse."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in item.nodeid.split("::")[0].split("/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _skip_postgresql_only(request):
    if request.node.get_closest_marker("postgresql") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


@pytest.fixture
def reference_places(db):
    """The regions and councils the data migration loads.

    A transactional test (browser tests, concurrency tests) empties every table when it
    ends, reference data included, so tests after it reload them here.
    """
    from sendtracker.core import reference
    from sendtracker.core.models import Council, Region

    if not Council.objects.exists():
        reference.sync(
            reference.read_rows(reference.COUNCILS_CSV),
            Region=Region,
            Council=Council,
            previous_codes=reference.read_previous_codes(),
        )


@pytest.fixture
def leicester(reference_places):
    from sendtracker.core.models import Council

    return Council.objects.get(dfe_la_code=856)


@pytest.fixture
def nelincs(reference_places):
    from sendtracker.core.models import Council

    return Council.objects.get(dfe_la_code=812)


@pytest.fixture
def make_user(db):
    """make_user(role, council=..., region=...) -> a user holding that role."""

    def make(role=None, *, council=None, region=None, **fields):
        user = UserFactory(**fields)
        if role is not None:
            grant_role(user=user, role=role, council=council, region=region)
        return user

    return make


@pytest.fixture
def officer(make_user, leicester):
    return make_user(Role.COUNCIL_OFFICER, council=leicester)


@pytest.fixture
def nelincs_officer(make_user, nelincs):
    return make_user(Role.COUNCIL_OFFICER, council=nelincs)


@pytest.fixture
def board_member(make_user, leicester):
    return make_user(Role.BOARD_MEMBER, council=leicester)


@pytest.fixture
def adviser(make_user, leicester):
    return make_user(Role.ADVISER, region=leicester.region)


@pytest.fixture
def grant_administrator(make_user):
    return make_user(Role.GRANT_ADMINISTRATOR)


@pytest.fixture
def site_administrator(make_user):
    return make_user(Role.SITE_ADMINISTRATOR)


@pytest.fixture
def official(reference_places):
    """The official statistics shipped in fixtures/official/, loaded by their command."""
    import io

    from django.core.management import call_command

    call_command("load_official_statistics", stdout=io.StringIO())
