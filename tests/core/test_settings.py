"""Settings: security headers, Content Security Policy, deploy checks, locale."""

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NONCE = re.compile(r"'nonce-([^']+)'")


class ScriptsAndHandlers(HTMLParser):
    """Collects <script> tags, inline event handlers and inline styles."""

    def __init__(self):
        super().__init__()
        self.scripts = []
        self.handlers = []
        self.styles = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        self.handlers += [name for name in attrs if name.startswith("on")]
        self.handlers += [
            name
            for name, value in attrs.items()
            if name in {"href", "src", "action"} and (value or "").startswith("javascript:")
        ]
        if "style" in attrs:
            self.styles.append((tag, attrs["style"]))


def parse(response):
    parser = ScriptsAndHandlers()
    parser.feed(response.content.decode())
    return parser


def csp_nonce(response):
    return NONCE.search(response["Content-Security-Policy"]).group(1)


@pytest.fixture
def pages(client, officer, leicester):
    """Each kind of page the foundation renders, as (name, response)."""
    anonymous = Client()
    responses = [
        ("sign-in", anonymous.get(reverse("login"))),
        ("password reset", anonymous.get(reverse("password_reset"))),
        ("expired reset link", anonymous.get("/account/password-reset/MQ/bad-token/")),
    ]
    client.force_login(officer)
    edit_url = reverse("council-edit", args=[leicester.slug])
    responses += [
        ("home", client.get(reverse("home"))),
        ("council list", client.get(reverse("council-list"))),
        ("council", client.get(leicester.get_absolute_url())),
        ("council edit", client.get(edit_url)),
        ("council edit errors", client.post(edit_url, {"send_team_email": "x", "version": 1})),
        ("history", client.get(reverse("council-history", args=[leicester.slug]))),
        ("account", client.get(reverse("account"))),
        ("not found", client.get("/no-such-page/")),
    ]
    return responses


def test_pages_carry_a_csp_header_with_a_fresh_nonce_each_time(client, officer):
    client.force_login(officer)

    first = client.get(reverse("home"))
    second = client.get(reverse("home"))

    policy = first["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert csp_nonce(first) != csp_nonce(second)


def test_the_inline_script_in_the_base_layout_carries_the_requests_nonce(client, officer):
    client.force_login(officer)

    response = client.get(reverse("home"))

    inline = [script for script in parse(response).scripts if "src" not in script]
    assert inline, "base.html marks the body as JavaScript-enabled with an inline script"
    assert all(script.get("nonce") == csp_nonce(response) for script in inline)


def test_no_page_has_an_inline_script_without_the_nonce(pages):
    for name, response in pages:
        assert "Content-Security-Policy" in response, name
        nonce = csp_nonce(response)
        for script in parse(response).scripts:
            assert "src" in script or script.get("nonce") == nonce, (name, script)


def test_no_page_has_inline_event_handlers_or_javascript_links(pages):
    for name, response in pages:
        assert parse(response).handlers == [], name


def test_no_page_has_inline_styles_that_the_policy_would_block(pages):
    for name, response in pages:
        assert parse(response).styles == [], name


def test_pages_refuse_framing_and_limit_the_referrer(client):
    response = client.get(reverse("login"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_time_zone_and_language_are_british():
    assert settings.TIME_ZONE == "Europe/London"
    assert settings.LANGUAGE_CODE == "en-gb"
    assert settings.USE_TZ


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_"))
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_debug_off_a_real_secret_and_hosts():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="sendtracker.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_to_load_with_debug_off_and_no_secret_key():
    result = run_manage("check", DEBUG="false", ALLOWED_HOSTS="sendtracker.example")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_settings_send_email_by_smtp_and_cookies_securely():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.MAILERS['default']['BACKEND'], s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.DEBUG)",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="sendtracker.example",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "True",
        "True",
        "True",
        "31536000",
        "False",
    ]


@pytest.mark.django_db
def test_signed_in_responses_are_private_and_not_stored_and_anonymous_ones_unmarked(
    client, officer, leicester
):
    assert not client.get("/").has_header("Cache-Control")  # sent to sign in: nothing private
    client.force_login(officer)
    for url in (
        "/",
        f"/councils/{leicester.slug}/",
        f"/councils/{leicester.slug}/dashboard/",
        "/my-actions/?export=csv",
        "/no-such-page/",
    ):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store", (url, response.status_code)
