"""Fault: the task worker killed (SIGKILL) while it makes a PDF pack.

    .venv/bin/python scripts/faults/worker_kill.py [--kills N]

Starts serve-prod on a PostgreSQL and a Redis of its own (scripts/faults/_harness.py),
with the upkeep loop every 10 s and a job taken as abandoned after 1 minute
(MAINTENANCE_SECONDS=10, PACK_STALE_MINUTES=1; production's are 300 s and 15 minutes),
and council packs always queued (PACK_DIRECT_MAX_ROWS=10). A board member asks for
their council's pack; as soon as the job is running, the worker process is killed with
SIGKILL (serve-prod's loop starts a new one, as a process supervisor would). With
--kills 3 (PACK_MAX_ATTEMPTS) it is killed on every attempt, so the job must end failed.

Reports the job's states over time. PASS when the job ends done (and its PDF
downloads) or failed (with its page saying so), never stuck queued or running.
"""

import argparse
import os
import re
import signal
import sys
import time

import requests
from _harness import (
    BASE,
    CSRF,
    PASSWORD,
    Postgres,
    Redis,
    ServeProd,
    log,
    print_report,
    save_result,
)

LIMIT_SECONDS = 300
JOB_PATH = re.compile(r"/packs/([0-9a-f-]{36})/$")


def sign_in(email: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{BASE}/account/sign-in/", timeout=30)
    token = CSRF.search(form.text).group(1)
    answer = session.post(
        f"{BASE}/account/sign-in/",
        data={"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        sys.exit(f"sign-in of {email} refused ({answer.status_code})")
    return session


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=1, help="attempts to kill (3: every one)")
    args = parser.parse_args()

    pg, redis = Postgres(), Redis()
    pg.ensure()
    redis.start()
    server = ServeProd(
        MAINTENANCE_SECONDS="10",
        PACK_STALE_MINUTES="1",
        PACK_MAX_ATTEMPTS="3",
        PACK_DIRECT_MAX_ROWS="10",
    )
    server.start()
    timeline, kills = [], []
    try:
        session = sign_in("board-001@loadtest.example")
        slug = re.search(r'href="/councils/([\w-]+)/', session.get(f"{BASE}/inspections/").text)[1]
        form = session.get(f"{BASE}/councils/{slug}/pack/", timeout=30)
        asked = session.post(
            f"{BASE}/councils/{slug}/pack/",
            data={"csrfmiddlewaretoken": CSRF.search(form.text).group(1), "marking": "OFFICIAL"},
            allow_redirects=False,
            timeout=60,
        )
        found = JOB_PATH.search(asked.headers.get("Location", ""))
        if not found:
            sys.exit(f"the council pack was not queued ({asked.status_code})")
        job_id = found.group(1)
        log(f"council pack of {slug} queued: job {job_id}")
        started = time.monotonic()
        last = None
        while time.monotonic() - started < LIMIT_SECONDS:
            state, attempts = pg.query(
                "SELECT state, attempts FROM packs_packjob WHERE id = %s", (job_id,)
            )[0]
            if (state, attempts) != last:
                at = time.monotonic() - started
                timeline.append((round(at, 1), state, attempts))
                log(f"+{at:5.1f} s  job {state}, attempt {attempts}")
                last = (state, attempts)
            if state in ("done", "failed"):
                break
            if state == "running" and len(kills) < args.kills and attempts > len(kills):
                workers = [pid for pid, cmd in server.descendants() if "manage.py db_worker" in cmd]
                for pid in workers:
                    os.kill(pid, signal.SIGKILL)
                at = time.monotonic() - started
                kills.append((round(at, 1), workers))
                timeline.append((round(at, 1), f"worker killed (pid {workers})", attempts))
                log(f"+{at:5.1f} s  SIGKILL to the worker, pid {workers}")
            time.sleep(0.2)
        page = session.get(f"{BASE}/packs/{job_id}/", timeout=30)
        download = session.get(f"{BASE}/packs/{job_id}/download/", timeout=60)
    finally:
        server.stop()

    final = timeline[-1][1] if timeline else "unknown"
    pdf = download.status_code == 200 and download.content.startswith(b"%PDF")
    lines = [
        f"killed {len(kills)} time(s); job's states over time (seconds after the request):",
        *[f"  +{at:5.1f} s  {state} (attempt {attempts})" for at, state, attempts in timeline],
        f"job page: {page.status_code}, "
        + (
            "says ready"
            if "Your pack is ready" in page.text
            else "says it could not be made"
            if "could not be made" in page.text
            else "neither ready nor failed"
        ),
        f"download: {download.status_code}"
        + (f", a PDF of {len(download.content)} bytes" if pdf else ""),
    ]
    checks = [
        (f"the job ended ({final}), not stuck queued or running", final in ("done", "failed")),
        (
            "retried and made after the kill"
            if final == "done"
            else "marked failed, and its page says so",
            pdf if final == "done" else "could not be made" in page.text,
        ),
    ]
    code = print_report("Worker killed mid-pack", lines, checks)
    save_result("worker-kill", {"timeline": timeline, "kills": kills, "lines": lines})
    return code


if __name__ == "__main__":
    sys.exit(main())
