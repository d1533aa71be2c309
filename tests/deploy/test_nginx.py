"""serve-prod's nginx (deploy/nginx_conf.py and its template), run for real in front of
two small stand-in app servers: requests go to both, with the client's address and
scheme; static files come from the folder, hashed names cached for a year."""

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stand_in(name: str) -> tuple[http.server.ThreadingHTTPServer, int]:
    """An app server that answers with its name and the headers nginx sent it."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps(
                {
                    "server": name,
                    "host": self.headers["Host"],
                    "forwarded_for": self.headers["X-Forwarded-For"],
                    "forwarded_proto": self.headers["X-Forwarded-Proto"],
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.fixture
def nginx_in_front(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make nginx-deps` installs Debian's nginx-light")
    servers = [stand_in("a"), stand_in("b")]
    static = tmp_path / "staticfiles"
    (static / "css").mkdir(parents=True)
    (static / "css" / "app.0123456789ab.css").write_text("body { color: black }")
    (static / "css" / "app.css").write_text("body { color: black }")
    run_dir = tmp_path / "run"
    (run_dir / "logs").mkdir(parents=True)
    (run_dir / "nginx-tmp").mkdir()
    port = free_port()
    conf = subprocess.run(  # noqa: S603 (our own script)
        [
            sys.executable,
            str(ROOT / "deploy" / "nginx_conf.py"),
            "--run-dir",
            str(run_dir),
            "--listen",
            f"127.0.0.1:{port}",
            "--static-root",
            str(static),
            "--app-ports",
            *[str(p) for _, p in servers],
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (run_dir / "nginx.conf").write_text(conf)
    command = [NGINX, "-e", str(run_dir / "logs" / "error.log"), "-p", str(run_dir)]
    command += ["-c", str(run_dir / "nginx.conf")]
    nginx = subprocess.Popen(command, stderr=subprocess.PIPE)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if nginx.poll() is not None:
                pytest.fail(f"nginx stopped: {nginx.stderr.read().decode()}")
            try:
                requests.get(f"{url}/static/css/app.css", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield url
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        for server, _ in servers:
            server.shutdown()


def test_requests_are_shared_between_the_app_servers_with_the_clients_address(nginx_in_front):
    answers = [
        requests.get(
            f"{nginx_in_front}/councils/", timeout=5, headers={"X-Forwarded-For": "6.6.6.6"}
        ).json()
        for _ in range(6)
    ]
    assert {answer["server"] for answer in answers} == {"a", "b"}
    port = nginx_in_front.rsplit(":", 1)[1]
    for answer in answers:
        # The client's own header is kept, nginx's entry last: PROXY_COUNT=1 reads that.
        assert answer["forwarded_for"] == "6.6.6.6, 127.0.0.1"
        assert answer["forwarded_proto"] == "http"
        assert answer["host"] == f"127.0.0.1:{port}"


def test_static_files_are_served_by_nginx_hashed_ones_cached_for_a_year(nginx_in_front):
    hashed = requests.get(f"{nginx_in_front}/static/css/app.0123456789ab.css", timeout=5)
    assert hashed.status_code == 200 and hashed.text == "body { color: black }"
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = requests.get(f"{nginx_in_front}/static/css/app.css", timeout=5)
    assert plain.status_code == 200 and plain.headers["Cache-Control"] == "max-age=3600"
    assert requests.get(f"{nginx_in_front}/static/missing.css", timeout=5).status_code == 404
