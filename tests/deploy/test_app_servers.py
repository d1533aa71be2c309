"""Two real app servers (gunicorn with deploy/gunicorn.conf.py), each in a working
directory and MEDIA_ROOT of its own, against the same PostgreSQL test database and
Redis: whatever one server makes, the other serves.

The test database must be committed to for the servers to see it, hence a
transactional test. Skipped on SQLite and when Redis does not answer.
"""

import io
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from sendtracker.core.models import StoredFile
from sendtracker.core.models.people import Role
from sendtracker.packs.models import JobState, PackJob
from tests.inspections.factories import plan_with_actions

pytestmark = [pytest.mark.postgresql, pytest.mark.servers]

ROOT = Path(settings.BASE_DIR)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
PASSWORD = "a-long-password-for-two-servers"
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class AppServer:
    """One gunicorn app server in its own working directory, with its environment."""

    def __init__(self, name: str, home: Path):
        self.home = home
        self.media = home / "media"
        self.media.mkdir(parents=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "sendtracker.settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "MEDIA_ROOT": str(self.media),
            "DEBUG": "false",
            "SECRET_KEY": "two-servers-share-this-secret-key-" + "x" * 30,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            # No collectstatic here: plain static storage, nothing needs the manifest.
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            # Every plan pack in the background, so that a worker stores its file.
            "PACK_DIRECT_MAX_ACTIONS": "0",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "2",
            "LOG_LEVEL": "WARNING",
        }
        self.log_path = home / f"{name}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(  # noqa: S603 (our own venv's gunicorn)
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--chdir",
                str(home),
                "sendtracker.wsgi:application",
            ],
            cwd=home,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self, timeout: float = 45) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.url} stopped: {self.log_path.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.url}/healthz/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or busy starting
                pass
            time.sleep(0.3)
        pytest.fail(f"{self.url} did not answer within {timeout} s")

    def run_worker(self) -> None:
        """One batch of the task worker, from this server's working directory."""
        subprocess.run(  # noqa: S603 (our own manage.py)
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--queue-name",
                "packs",
                "--batch",
                "--no-reload",
                "--no-startup-delay",
            ],
            cwd=self.home,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=90,
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def two_servers(tmp_path):
    if not redis_answers():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    # Cache keys and rate-limit counts name ids, which a new test database reuses.
    redis.Redis.from_url(REDIS_URL).flushdb()
    servers = [AppServer("a", tmp_path / "a"), AppServer("b", tmp_path / "b")]
    try:
        for server in servers:
            server.wait_until_up()
        yield servers
    finally:
        for server in servers:
            server.stop()


def form_fields(page: str) -> dict[str, str]:
    """The hidden inputs of a page's form: the CSRF token and any other."""
    return dict(HIDDEN_INPUT.findall(page))


@pytest.mark.django_db(transaction=True)
def test_a_pack_asked_for_on_one_server_is_downloaded_from_the_other(
    two_servers, reference_places, make_user, leicester
):
    server_a, server_b = two_servers
    officer = make_user(Role.COUNCIL_OFFICER, council=leicester)
    # Hashed as the servers hash (the tests use a faster hasher the servers do not know).
    hasher = PBKDF2PasswordHasher()
    officer.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    officer.save()
    plan = plan_with_actions(3, council=leicester)

    browser = requests.Session()
    sign_in = browser.get(f"{server_a.url}{reverse('login')}", timeout=10)
    signed_in = browser.post(
        sign_in.url,
        data={**form_fields(sign_in.text), "username": officer.email, "password": PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]

    # The session made on A is valid on B.
    home = browser.get(f"{server_b.url}/", allow_redirects=False, timeout=10)
    assert home.status_code == 200 and officer.email in home.text

    pack_url = reverse("packs:plan-pack", args=[leicester.slug, plan.pk])
    form = browser.get(f"{server_a.url}{pack_url}", timeout=10)
    asked = browser.post(
        f"{server_a.url}{pack_url}",
        data={**form_fields(form.text), "marking": "OFFICIAL"},
        allow_redirects=False,
        timeout=30,
    )
    assert asked.status_code == 302, asked.text[:500]
    job = PackJob.objects.get()
    assert asked.headers["Location"] == reverse("packs:job", args=[job.pk])

    server_a.run_worker()

    job.refresh_from_db()
    assert job.state == JobState.DONE
    download = browser.get(f"{server_b.url}{reverse('packs:download', args=[job.pk])}", timeout=30)
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(download.content))
    assert "OFFICIAL" in pdf.pages[0].extract_text()
    assert bytes(StoredFile.objects.get(name=job.file.name).content) == download.content
    # Nothing was kept on either server's disk.
    assert not any(server_a.media.iterdir()) and not any(server_b.media.iterdir())
