"""deploy/serve-prod (`make serve-prod`) as a script starts it: in the background, with
its own run folder, ports, PostgreSQL database and Redis database from the
environment; polled until /healthz/ answers through nginx; stopped by SIGTERM (what
`make stop-prod` sends), which stops everything it started."""

import os
import re
import signal
import socket
import subprocess
import time

import psycopg2
import pytest
import requests
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.postgresql, pytest.mark.servers]

HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


@pytest.fixture
def own_database():
    db = connection.settings_dict
    name = f"{db['NAME']}_serve_prod"
    admin = psycopg2.connect(
        dbname="postgres",
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
    )
    admin.autocommit = True

    def drop():
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    yield f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    drop()
    admin.close()


def test_serve_prod_starts_answers_through_nginx_and_stops_on_sigterm(tmp_path, own_database):
    import redis

    redis_url = "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(redis_url, socket_timeout=2).ping()
    except redis.RedisError:
        pytest.skip("needs Redis")
    port, app_ports = free_port(), [free_port(), free_port()]
    run_dir = tmp_path / "run"
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    environment.update(
        DATABASE_URL=own_database,
        REDIS_URL=redis_url,
        RUN_DIR=str(run_dir),
        PROD_PORT=str(port),
        APP_PORTS=" ".join(map(str, app_ports)),
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
    )
    log = open(tmp_path / "serve-prod.log", "wb")  # noqa: SIM115 (closed below)
    script = subprocess.Popen(  # noqa: S603 (our own script)
        [str(settings.BASE_DIR / "deploy" / "serve-prod")],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while not answers(f"{url}/healthz/"):
            assert script.poll() is None, (tmp_path / "serve-prod.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "serve-prod did not answer within 300 s"
            time.sleep(1)

        for app_port in app_ports:
            assert answers(f"http://127.0.0.1:{app_port}/healthz/")
        page = requests.get(f"{url}/account/sign-in/", timeout=10)
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
        styles = requests.get(f"{url}{stylesheet}", timeout=10)
        assert styles.status_code == 200 and styles.headers["Server"] == "nginx"
        assert "immutable" in styles.headers["Cache-Control"]  # hashed: collectstatic ran
        browser = requests.Session()
        form = browser.get(f"{url}/account/sign-in/", timeout=10)
        signed_in = browser.post(
            form.url,
            data={
                **dict(HIDDEN_INPUT.findall(form.text)),
                "username": "officer@leicester.example",
                "password": os.environ.get("DEMO_PASSWORD") or "send-tracker-demo",
            },
            allow_redirects=False,
            timeout=10,
        )
        assert signed_in.status_code == 302
        assert "private" in browser.get(f"{url}/", timeout=10).headers["Cache-Control"]
        assert (run_dir / "serve-prod.pid").read_text().strip() == str(script.pid)
    finally:
        script.send_signal(signal.SIGTERM)
        try:
            returncode = script.wait(timeout=60)
        finally:
            if script.poll() is None:
                script.kill()
            log.close()

    assert returncode == 0
    assert not (run_dir / "serve-prod.pid").exists()
    for stopped in [port, *app_ports]:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", stopped)) != 0, f"port {stopped} still open"
