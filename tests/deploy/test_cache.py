"""The shared cache (Redis, REDIS_URL): when Redis is down, pages still serve."""

import socket

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from sendtracker import settings as project_settings
from tests.inspections.factories import plan_with_actions

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down():
    with override_settings(CACHES=project_settings.caches(f"redis://127.0.0.1:{closed_port()}/0")):
        yield


def test_without_redis_url_the_cache_is_in_process():
    assert project_settings.caches("")["default"]["BACKEND"].endswith("LocMemCache")


def test_a_cache_whose_redis_is_down_misses_and_drops_writes(redis_down):
    cache.set("fragment:test", "<p>kept?</p>", timeout=60)
    assert cache.get("fragment:test") is None
    assert cache.get("fragment:test", "default") == "default"


def test_the_council_dashboard_serves_while_redis_is_down(
    client, board_member, leicester, redis_down
):
    plan_with_actions(4, council=leicester)
    client.force_login(board_member)
    response = client.get(reverse("dashboards:council", args=[leicester.slug]))
    assert response.status_code == 200
    assert leicester.name in response.text
