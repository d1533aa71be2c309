"""Settings serve-prod sets from the environment: secure cookies can be turned off for
plain HTTP on the loopback, and are on by default with DEBUG off."""

import json
import os
import subprocess
import sys

from django.conf import settings

READ = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT]))"
)


def cookie_settings(**env) -> list[bool]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_", "DEBUG", "SECRET_KEY"))
    }
    environment.update(DEBUG="false", SECRET_KEY="k" * 60, ALLOWED_HOSTS="example.org", **env)
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", READ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_settings_are_on_by_default_with_debug_off():
    assert cookie_settings() == [True, True, True]


def test_serve_prod_turns_them_off_for_plain_http_on_the_loopback():
    off = {"SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false"}
    assert cookie_settings(SECURE_SSL_REDIRECT="false", **off) == [False, False, False]
