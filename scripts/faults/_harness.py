"""What the fault scripts share: a PostgreSQL and a Redis of their own, serve-prod in front
of them, a light load of signed-in people, and the checks afterwards.

Nothing here touches the machine's own PostgreSQL (5432) or Redis (6379), which other
work and CI use: the faults are injected into a cluster made for them under
.run/faults/ (port FAULT_PG_PORT, 5434) and a Redis started for them (FAULT_REDIS_PORT,
6380), and the app runs as `deploy/serve-prod` does in production, on FAULT_PORT
(8090) with app servers on 8091 and 8092, pointed at them by DATABASE_URL and
REDIS_URL. The first run generates the national scale data there (a minute); later
runs reuse it. Every process is started here and stopped here, by its id.
"""

import argparse
import collections
import contextlib
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import requests

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
STATE = ROOT / ".run" / "faults"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_PORT = int(os.environ.get("FAULT_PG_PORT", "5434"))
REDIS_PORT = int(os.environ.get("FAULT_REDIS_PORT", "6380"))
APP_PORT = int(os.environ.get("FAULT_PORT", "8090"))
APP_PORTS = os.environ.get("FAULT_APP_PORTS", f"{APP_PORT + 1} {APP_PORT + 2}")
DB_NAME = "sendtracker_faults"
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB_NAME}"
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"
BASE = f"http://127.0.0.1:{APP_PORT}"
PASSWORD = os.environ.get("DEMO_PASSWORD") or "send-tracker-demo"
# The GOV.UK error pages' headings (templates/errors/).
ERROR_PAGE = re.compile(rb"Sorry, (there is a problem with the service|the service is unavailable)")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION_FIELD = re.compile(r'name="(action-\d+)-version" value="(\d+)"')
STATUS_LINK = re.compile(r'href="(/councils/[\w-]+/plans/\d+/actions/(\d+)/status/)')
PLAN_LINK = re.compile(r'href="(/councils/([\w-]+)/plans/(\d+)/)"')


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """PostgreSQL's tools refuse to run as root: run them as the postgres user then."""
    command = [*args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class Postgres:
    """A PostgreSQL cluster of the fault scripts' own, in .run/faults/pg."""

    def __init__(self):
        self.data = STATE / "pg"
        self.logfile = STATE / "pglog" / "postgres.log"

    def ensure(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            for folder in (self.data, self.logfile.parent):
                folder.mkdir(parents=True, exist_ok=True)
                if os.geteuid() == 0:
                    shutil.chown(folder, "postgres")
            log(f"initdb {self.data}")
            as_postgres(
                str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"
            )
        if not self.running():
            self.start()

    def pg_ctl(self, *args: str) -> None:
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.logfile),
            "-o",
            f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1",
            *args,
        )

    def running(self) -> bool:
        result = subprocess.run(
            [str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(PG_PORT)],
            check=False,
        )
        return result.returncode == 0

    def start(self) -> None:
        self.pg_ctl("-w", "start")

    def stop(self) -> None:
        # fast: roll back open transactions and close connections, as a restart does.
        self.pg_ctl("-w", "-m", "fast", "stop")

    def connect(self):
        return psycopg2.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname=DB_NAME)

    def query(self, sql: str, params=()) -> list[tuple]:
        with contextlib.closing(self.connect()) as connection, connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class Redis:
    """A Redis of the fault scripts' own: in memory only, stopped and started at will."""

    def __init__(self):
        self.pidfile = STATE / "redis.pid"

    def ping(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True
        )
        return result.stdout.strip() == "PONG"

    def start(self) -> None:
        if self.ping():
            return
        STATE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.pidfile),
                "--logfile",
                str(STATE / "redis.log"),
            ],
            check=True,
        )
        for _ in range(50):
            if self.ping():
                return
            time.sleep(0.1)
        raise RuntimeError("Redis did not start")

    def stop(self) -> None:
        """Stop it by the id in its own pid file (the one started here)."""
        if not self.pidfile.exists():
            return
        pid = int(self.pidfile.read_text().strip())
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            if not self.ping():
                return
            time.sleep(0.1)


def app_environment(**extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "RUN_DIR": str(STATE / "serve"),
        "PROD_PORT": str(APP_PORT),
        "APP_PORTS": APP_PORTS,
        "SCALE": "1",
        # 50 people behind one address would meet the per-address limits; a fault
        # script's few would not, but its pack requests must not be refused either.
        "PACK_REQUEST_RATE": "10000/m",
        "EXPORT_RATE": "10000/m",
        **extra,
    }


def manage(*args: str, **extra: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=app_environment(**extra),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


class ServeProd:
    """deploy/serve-prod in the background on the fault scripts' own services."""

    def __init__(self, **extra: str):
        self.extra = extra
        self.process = None
        self.logfile = STATE / "serve-prod.log"

    def start(self) -> None:
        if not (ROOT / "deploy" / "serve-prod").exists():
            sys.exit("deploy/serve-prod is missing: the fault scripts run the app through it.")
        STATE.mkdir(parents=True, exist_ok=True)
        log(f"starting serve-prod on {BASE} (log {self.logfile.relative_to(ROOT)})")
        self.process = subprocess.Popen(
            [str(ROOT / "deploy" / "serve-prod")],
            cwd=ROOT,
            env=app_environment(**self.extra),
            stdout=self.logfile.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 900  # the first run generates the scale data
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"serve-prod stopped; see {self.logfile}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{BASE}/healthz/", timeout=2).status_code == 200:
                    log("serve-prod is serving")
                    manage("create_loadtest_users")
                    return
            time.sleep(1)
        sys.exit("serve-prod did not answer within 15 minutes")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        log("serve-prod stopped")

    def descendants(self) -> list[tuple[int, str]]:
        """(pid, command line) of every process serve-prod started, however deep."""
        out = subprocess.run(
            ["ps", "-e", "-o", "pid=,ppid=,args="], capture_output=True, text=True, check=True
        ).stdout
        children = collections.defaultdict(list)
        for line in out.splitlines():
            pid, ppid, args = (
                line.split(None, 2) if len(line.split(None, 2)) == 3 else (*line.split(), "")
            )
            children[int(ppid)].append((int(pid), args))
        found, todo = [], [self.process.pid]
        while todo:
            for pid, args in children.get(todo.pop(), []):
                found.append((pid, args))
                todo.append(pid)
        return found


@dataclass
class Outcome:
    """One request the load made."""

    started: float
    ended: float
    name: str
    status: int | None  # None: no answer (connection refused or reset, timeout)
    error_page: bool = False
    detail: str = ""  # why there was no answer, or "signed out"

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400 and self.detail != "signed out"


@dataclass
class Load:
    """A few signed-in council officers, each reading their plan and dashboard and
    updating statuses in a loop, as fast as the server answers (with a short pause)."""

    people: int = 4
    pause: float = 0.2
    outcomes: list[Outcome] = field(default_factory=list)
    confirmed: dict = field(default_factory=dict)  # action id -> (version, status, note)
    threads: list = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    def start(self) -> None:
        for n in range(1, self.people + 1):
            thread = threading.Thread(target=self.person, args=(n,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=60)

    def request(self, session, method, path, name, **kwargs):
        started = time.monotonic()
        try:
            response = session.request(
                method, BASE + path, timeout=30, allow_redirects=False, **kwargs
            )
        except requests.RequestException as error:
            self.record(Outcome(started, time.monotonic(), name, None, detail=type(error).__name__))
            return None
        # Sent to sign in again: the session was lost (it must survive a Redis outage).
        location = response.headers.get("Location", "")
        signed_out = name != "sign in" and location.startswith("/account/sign-in/")
        self.record(
            Outcome(
                started,
                time.monotonic(),
                name,
                response.status_code,
                error_page=bool(ERROR_PAGE.search(response.content)),
                detail="signed out" if signed_out else "",
            )
        )
        return response

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    def sign_in(self, session, email) -> bool:
        form = self.request(session, "GET", "/account/sign-in/", "sign-in form")
        if form is None or form.status_code != 200:
            return False
        token = CSRF.search(form.text).group(1)
        answer = self.request(
            session,
            "POST",
            "/account/sign-in/",
            "sign in",
            data={"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD},
        )
        return answer is not None and answer.status_code == 302

    def person(self, n: int) -> None:
        session = requests.Session()
        email = f"officer-{n:03d}@loadtest.example"
        while not self.stopping.is_set() and not self.sign_in(session, email):
            time.sleep(1)
        plan_url = status_urls = None
        while not self.stopping.is_set():
            if plan_url is None:
                page = self.request(session, "GET", "/inspections/", "plans list")
                found = PLAN_LINK.search(page.text) if page is not None else None
                if found:
                    plan_url, slug = found.group(1), found.group(2)
                    dashboard = f"/councils/{slug}/dashboard/"
            if plan_url:
                page = self.request(session, "GET", plan_url, "plan")
                if page is not None and page.status_code == 200:
                    status_urls = STATUS_LINK.findall(page.text) or status_urls
                self.request(session, "GET", dashboard, "council dashboard")
                if status_urls:
                    self.update(
                        session, n, *status_urls[(n * 7 + len(self.outcomes)) % len(status_urls)]
                    )
            time.sleep(self.pause)

    def update(self, session, n: int, url: str, action_id: str) -> None:
        page = self.request(session, "GET", url, "status form")
        if page is None or page.status_code != 200:
            return
        version, token = VERSION_FIELD.search(page.text), CSRF.search(page.text)
        if not version or not token:
            return
        prefix, read_at = version.group(1), int(version.group(2))
        status = ["on_track", "not_started"][len(self.outcomes) % 2]
        note = f"Fault run {self.run}: officer {n} update {uuid.uuid4().hex[:8]}"
        answer = self.request(
            session,
            "POST",
            url,
            "status update",
            data={
                "csrfmiddlewaretoken": token.group(1),
                f"{prefix}-status": status,
                f"{prefix}-stage": "action",
                f"{prefix}-note": note,
                f"{prefix}-version": str(read_at),
            },
        )
        if answer is not None and answer.status_code == 302:
            with self.lock:
                known = self.confirmed.get(int(action_id))
                if known is None or known[0] < read_at + 1:
                    self.confirmed[int(action_id)] = (read_at + 1, status, note)


def median_ms(outcomes: list[Outcome]) -> str:
    times = sorted((o.ended - o.started) * 1000 for o in outcomes if o.ok)
    if not times:
        return "-"
    return f"{times[len(times) // 2]:.0f} ms (p95 {times[int(len(times) * 0.95)]:.0f} ms)"


def summarise(outcomes: list[Outcome]) -> dict:
    """Counts by kind of answer: ok, 500 with the GOV.UK page, bare 500, 502/503/504, none."""
    counts = collections.Counter()
    for outcome in outcomes:
        if outcome.ok:
            counts["ok (2xx/3xx)"] += 1
        elif outcome.detail == "signed out":
            counts["sent to sign in again"] += 1
        elif outcome.status is None:
            counts[f"no answer ({outcome.detail})"] += 1
        else:
            page = "GOV.UK error page" if outcome.error_page else "not the GOV.UK page"
            counts[f"{outcome.status} ({page})"] += 1
    return dict(sorted(counts.items()))


def integrity(pg: Postgres, load: Load, since: datetime.datetime) -> dict:
    """Whether any write was half-done, and whether any confirmed update was lost.

    - every status update written during the run has the action's audit entry beside
      it (one UPDATE entry per StatusUpdate, written in the same transaction);
    - each action the load touched is at the version, status and note of its latest
      status update (the action's row and its update were written together);
    - each update the server confirmed is in the database.
    """
    updates = pg.query(
        "SELECT count(*) FROM inspections_statusupdate WHERE at >= %s AND note LIKE %s",
        (since, f"Fault run {load.run}:%"),
    )[0][0]
    audit = pg.query(
        """SELECT count(*) FROM auditlog_logentry e JOIN django_content_type c
           ON c.id = e.content_type_id
           WHERE c.app_label = 'inspections' AND c.model = 'action' AND e.action = 1
           AND e.timestamp >= %s
           AND e.actor_id IN (SELECT id FROM core_user
                              WHERE email LIKE 'officer-%%@loadtest.example')""",
        (since,),
    )[0][0]
    mismatched = pg.query(
        """SELECT a.id, a.version, u.version, a.status, u.new_status FROM inspections_action a
           JOIN LATERAL (SELECT version, new_status FROM inspections_statusupdate s
                         WHERE s.action_id = a.id ORDER BY s.version DESC LIMIT 1) u ON true
           WHERE a.id = ANY(%s) AND (a.version <> u.version OR a.status <> u.new_status)""",
        (list(load.confirmed) or [0],),
    )
    lost = []
    for action_id, (version, status, note) in load.confirmed.items():
        found = pg.query(
            "SELECT new_status, note FROM inspections_statusupdate"
            " WHERE action_id = %s AND version = %s",
            (action_id, version),
        )
        if found != [(status, note)]:
            lost.append(action_id)
    return {
        "status updates written": updates,
        "their audit entries": audit,
        "actions whose row and latest update disagree": len(mismatched),
        "confirmed updates": len(load.confirmed),
        "confirmed updates missing": len(lost),
        "half-written": updates != audit or bool(mismatched),
    }


def print_report(title: str, lines: list[str], checks: list[tuple[str, bool]]) -> int:
    print()
    print(f"== {title} ==")
    for line in lines:
        print(line)
    print("Result:")
    for text, passed in checks:
        print(f"  {'PASS' if passed else 'FAIL'}  {text}")
    verdict = all(passed for _, passed in checks)
    print(f"{title}: {'PASS' if verdict else 'FAIL'}")
    return 0 if verdict else 1


def save_result(name: str, data: dict) -> None:
    folder = ROOT / "scripts" / "faults" / "results"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}-{datetime.datetime.now(datetime.UTC):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(data, indent=1, default=str))
    log(f"result kept in {path.relative_to(ROOT)}")


def fault_arguments(*, down: float, what: str) -> argparse.Namespace:
    """A fault script's options: how long `what` stays down, and how many officers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--down", type=float, default=down, help=f"seconds {what} stays down")
    parser.add_argument("--people", type=int, default=4)
    return parser.parse_args()


class UnderLoad:
    """A fault run: serve-prod on a PostgreSQL and a Redis of its own, with `people`
    officers' load running for 20 s before the `with` body injects the fault. On leaving,
    the load stops, the records are checked (`state`: integrity's, or None if PostgreSQL
    is down) and serve-prod stops; `outcomes` are the load's answers in order."""

    def __init__(self, people: int):
        self.people = people
        self.pg, self.redis = Postgres(), Redis()
        self.state: dict | None = None

    def __enter__(self) -> "UnderLoad":
        self.pg.ensure()
        self.redis.start()
        self.server = ServeProd()
        self.server.start()
        self.load = Load(people=self.people)
        self.since = datetime.datetime.now(datetime.UTC)
        self.load.start()
        log("load running; 20 s before the fault")
        time.sleep(20)
        return self

    def __exit__(self, *exc) -> None:
        self.load.stop()
        if self.pg.running():
            self.state = integrity(self.pg, self.load, self.since)
        self.server.stop()

    @property
    def outcomes(self) -> list[Outcome]:
        return sorted(self.load.outcomes, key=lambda o: o.started)


def save_outcomes(name: str, lines: list[str], checks: list, outcomes: list[Outcome]) -> None:
    save_result(
        name,
        {
            "lines": lines,
            "checks": checks,
            "outcomes": [vars(o) | {"at": o.started - outcomes[0].started} for o in outcomes],
        },
    )
