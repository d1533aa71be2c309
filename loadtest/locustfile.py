"""SEND tracker's load test: people using the service as they do, against `make serve-prod`.

Run by `make loadtest` (headless, 50 users for 3 minutes, then loadtest/report.py);
by hand:

    locust -f loadtest/locustfile.py --headless -u 50 -r 10 -t 3m \
        --host http://127.0.0.1:8080 --csv loadtest/results/run

Four kinds of user, in the proportions of real use (Locust's class weights):

- council officers (30%) open their plan, open an action's status form, fill it in
  and save it (the versioned form: a form opened before someone else saved is refused
  with "Someone else updated this action", counted on a line of its own, not as an
  error);
- improvement board members (40%) read their council's dashboard, plan, BRAG on a
  page, exception report, actions and programme;
- advisers (25%) read their region's view, its inspections and its councils'
  dashboards, and download tables as CSV and XLSX;
- pack requesters (5%, board members) export a plan pack (small: made at once, in the
  request) and a council pack (large: queued to the worker; they wait on the job's
  page and download it).

Accounts come from `manage.py create_loadtest_users`: officer-NNN and board-NNN for
the n-th council in DfE code order, adviser-NN for the n-th region. Officers are
spread over LOADTEST_OFFICER_COUNCILS councils (default 10), so some share a council,
as colleagues do, and some updates meet the stale-edit check.

Every status update the server confirmed (its redirect after saving) is kept: the
action, the version the save made, the status and the note. At the end they are
written to LOADTEST_UPDATES_FILE, which `manage.py check_loadtest_updates` compares
with the database (no lost update: each action's latest status is the last one its
user was told was saved).
"""

import csv
import datetime
import html
import itertools
import json
import os
import random
import re
import time
import uuid
from pathlib import Path

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

PASSWORD = os.environ.get("DEMO_PASSWORD") or "send-tracker-demo"
COUNCILS = int(os.environ.get("LOADTEST_COUNCILS", "153"))
REGIONS = int(os.environ.get("LOADTEST_REGIONS", "9"))
OFFICER_COUNCILS = int(os.environ.get("LOADTEST_OFFICER_COUNCILS", "10"))
UPDATES_FILE = Path(os.environ.get("LOADTEST_UPDATES_FILE", "loadtest/results/updates.json"))
# How long a pack requester waits for a queued pack before going on.
PACK_WAIT_SECONDS = float(os.environ.get("LOADTEST_PACK_WAIT_SECONDS", "150"))
# Which page, action and status each simulated person picks: not security.
rng = random.Random()  # noqa: S311
RUN = uuid.uuid4().hex[:8]  # in every note, to tell this run's updates from others'

STALE = "Someone else updated this action after you opened it"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PLAN_LINK = re.compile(r'href="(/councils/([\w-]+)/plans/(\d+)/)"')
STATUS_LINK = re.compile(r'href="(/councils/[\w-]+/plans/\d+/actions/(\d+)/status/)')
ACTION_LINK = re.compile(r'href="(/councils/[\w-]+/plans/\d+/actions/\d+/)"')
PROGRAMME_LINK = re.compile(r'href="(/councils/[\w-]+/programmes/\d+/)"')
DASHBOARD_LINK = re.compile(r'href="(/councils/[\w-]+/dashboard/)"')
VERSION_FIELD = re.compile(r'name="(action-\d+)-version" value="(\d+)"')
ERROR_SUMMARY = re.compile(r'govuk-error-summary__list">(.*?)</ul>', re.S)
JOB_PATH = re.compile(r"/packs/([0-9a-f-]{36})/$")

# Each kind of user takes the next account of its kind.
_numbers = {kind: itertools.count() for kind in ("officer", "board", "adviser", "packs")}

# action id -> the last save the server confirmed to anyone: {version, status, note, by}
confirmed: dict[int, dict] = {}


def confirm(action_id: int, version: int, status: str, note: str, by: str) -> None:
    # Responses can arrive out of order: the save with the higher version is the later.
    if action_id not in confirmed or confirmed[action_id]["version"] < version:
        confirmed[action_id] = {"version": version, "status": status, "note": note, "by": by}


# Every request, for the report's figures after the last sign-in (Locust's own files
# only keep percentiles over the whole run): (seconds from the start, name, ms, failed).
requests_made: list[tuple[float, str, float, bool]] = []
_started = time.monotonic()


@events.request.add_listener
def keep_request(request_type, name, response_time, exception, **kwargs):
    requests_made.append(
        (time.monotonic() - _started, f"{request_type} {name}", response_time, bool(exception))
    )


@events.test_stop.add_listener
def write_confirmed_updates(environment, **kwargs):
    UPDATES_FILE.parent.mkdir(parents=True, exist_ok=True)
    UPDATES_FILE.write_text(json.dumps({"run": RUN, "actions": confirmed}, indent=1))
    print(f"{len(confirmed)} actions' confirmed updates written to {UPDATES_FILE}")
    prefix = getattr(environment.parsed_options, "csv_prefix", None)
    if prefix:
        with open(f"{prefix}_requests.csv", "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["ended_at_s", "name", "response_time_ms", "failed"])
            writer.writerows(
                (f"{at:.3f}", name, f"{ms:.1f}", int(failed))
                for at, name, ms, failed in requests_made
            )


def error_text(page: str) -> str:
    found = ERROR_SUMMARY.search(page or "")
    text = re.sub(r"<[^>]+>", " ", found.group(1)) if found else (page or "")[:80]
    return html.unescape(" ".join(text.split()))[:200]


class SignedInUser(FastHttpUser):
    """Signs in as one of the load test's accounts, then does its tasks."""

    abstract = True
    kind = ""

    # The accounts this kind of user takes in turn: (prefix, how many, digits).
    accounts: tuple[str, int, int] = ("", 0, 0)

    def account(self) -> str:
        prefix, count, digits = self.accounts
        n = next(_numbers[prefix]) % count + 1
        return f"{prefix}-{n:0{digits}d}@loadtest.example"

    def on_start(self):
        self.email = self.account()
        page = self.client.get("/account/sign-in/", name="sign-in form")
        token = CSRF.search(page.text).group(1)
        with self.client.post(
            "/account/sign-in/",
            data={"csrfmiddlewaretoken": token, "username": self.email, "password": PASSWORD},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in of {self.email} refused ({response.status_code})")
                self.stop()
                return
        self.find_plan()

    def find_plan(self):
        """The first plan of the account's council (from the plans list), and its actions."""
        page = self.client.get("/inspections/", name="plans list")
        found = PLAN_LINK.search(page.text)
        self.plan_url, self.council_slug = (found.group(1), found.group(2)) if found else ("", "")
        self.action_urls = []
        if self.plan_url:
            self.read_plan()

    def read_plan(self):
        page = self.client.get(self.plan_url, name="plan")
        self.action_urls = sorted(set(ACTION_LINK.findall(page.text))) or self.action_urls
        self.status_urls = {int(n): url for url, n in STATUS_LINK.findall(page.text)}
        return page

    def get(self, url: str, name: str):
        return self.client.get(url, name=name)


class CouncilOfficer(SignedInUser):
    """Updates the status of actions of their council's plan, as the plan page offers."""

    weight = 30
    wait_time = between(2, 6)

    accounts = ("officer", OFFICER_COUNCILS, 3)

    @task(4)
    def update_status(self):
        if not getattr(self, "status_urls", None):
            return
        action_id, url = rng.choice(list(self.status_urls.items()))
        page = self.client.get(url, name="status form")
        version = VERSION_FIELD.search(page.text)
        token = CSRF.search(page.text)
        if not version or not token:
            return
        prefix, read_at = version.group(1), int(version.group(2))
        status = rng.choice(["not_started", "on_track", "on_track", "minor_delay"])
        stage = rng.choice(["action", "evidence"])
        note = f"Load test {RUN}: {self.email} update {uuid.uuid4().hex[:10]}"
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "next": self.plan_url,
            f"{prefix}-status": status,
            f"{prefix}-stage": stage,
            f"{prefix}-note": note,
            f"{prefix}-reason": "",
            f"{prefix}-recovery_date_0": "",
            f"{prefix}-recovery_date_1": "",
            f"{prefix}-recovery_date_2": "",
            f"{prefix}-evidence_of_output": "",
            f"{prefix}-version": str(read_at),
        }
        if status == "minor_delay":
            recovery = datetime.date.today() + datetime.timedelta(days=rng.randint(14, 90))
            data[f"{prefix}-reason"] = "Waiting for the partner's figures (load test)."
            data[f"{prefix}-recovery_date_0"] = str(recovery.day)
            data[f"{prefix}-recovery_date_1"] = str(recovery.month)
            data[f"{prefix}-recovery_date_2"] = str(recovery.year)
        gevent.sleep(rng.uniform(1, 3))  # filling the form in
        with self.client.post(
            url, data=data, name="status update", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302:
                confirm(action_id, read_at + 1, status, note, self.email)
                response.success()
            elif response.status_code == 200 and STALE in response.text:
                # The versioned form did its job: not saved, and the officer was told.
                response.request_meta["name"] = "status update refused: someone else saved first"
                response.success()
                return
            else:
                response.failure(
                    f"status update not saved ({response.status_code}): {error_text(response.text)}"
                )
                return
        self.read_plan()  # where the save redirects to

    @task(1)
    def plan(self):
        if self.plan_url:
            self.read_plan()

    @task(1)
    def action(self):
        if self.action_urls:
            self.get(rng.choice(self.action_urls), "action")


class BoardMember(SignedInUser):
    """Reads their council's dashboard, plan and reports before and at board meetings."""

    weight = 40
    wait_time = between(3, 8)

    accounts = ("board", COUNCILS, 3)

    def on_start(self):
        super().on_start()
        self.dashboard_url = f"/councils/{self.council_slug}/dashboard/"
        page = self.get(self.dashboard_url, "council dashboard")
        self.programme_urls = sorted(set(PROGRAMME_LINK.findall(page.text)))

    @task(4)
    def dashboard(self):
        self.get(self.dashboard_url, "council dashboard")

    @task(3)
    def plan(self):
        if self.plan_url:
            self.read_plan()

    @task(1)
    def brag(self):
        if self.plan_url:
            self.get(self.plan_url + "brag/", "BRAG on a page")

    @task(1)
    def exceptions(self):
        self.get(f"/councils/{self.council_slug}/exceptions/", "council exception report")

    @task(2)
    def action(self):
        if self.action_urls:
            self.get(rng.choice(self.action_urls), "action")

    @task(1)
    def programme(self):
        if self.programme_urls:
            self.get(rng.choice(self.programme_urls), "programme")

    @task(1)
    def home(self):
        self.get("/", "home")


class Adviser(SignedInUser):
    """Reads their region's councils and downloads the tables."""

    weight = 25
    wait_time = between(3, 8)

    accounts = ("adviser", REGIONS, 2)

    def find_plan(self):
        page = self.get("/dashboards/region/", "region view")
        self.dashboard_urls = sorted(set(DASHBOARD_LINK.findall(page.text)))

    @task(4)
    def region(self):
        self.get("/dashboards/region/", "region view")

    @task(1)
    def region_inspections(self):
        self.get("/dashboards/region/inspections/", "region inspections")

    @task(3)
    def council_dashboard(self):
        if self.dashboard_urls:
            self.get(rng.choice(self.dashboard_urls), "council dashboard")

    @task(1)
    def export_region_csv(self):
        self.get("/dashboards/region/?export=csv", "export: region CSV")

    @task(1)
    def export_region_xlsx(self):
        self.get("/dashboards/region/?export=xlsx", "export: region XLSX")

    @task(1)
    def export_exceptions_csv(self):
        if self.dashboard_urls:
            council = rng.choice(self.dashboard_urls).removesuffix("dashboard/")
            self.get(council + "exceptions/?export=csv", "export: council exceptions CSV")

    @task(1)
    def export_plans_xlsx(self):
        self.get("/inspections/?export=xlsx", "export: plans XLSX")


class PackRequester(SignedInUser):
    """A board member exporting PDF packs: the plan's (small, made at once) and the
    council's (large, queued to the worker)."""

    weight = 5
    wait_time = between(10, 30)

    def account(self) -> str:
        # From the last council down, away from the board members reading dashboards.
        n = COUNCILS - next(_numbers["packs"]) % COUNCILS
        return f"board-{n:03d}@loadtest.example"

    def export(self, form_url: str, what: str):
        page = self.get(form_url, f"{what} pack form")
        token = CSRF.search(page.text)
        if not token:
            return None
        with self.client.post(
            form_url,
            data={"csrfmiddlewaretoken": token.group(1), "marking": "OFFICIAL"},
            name=f"{what} pack",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            kind = response.headers.get("Content-Type", "")
            if response.status_code == 200 and kind.startswith("application/pdf"):
                response.request_meta["name"] = f"{what} pack (made at once)"
                response.success()
                return None
            location = response.headers.get("Location") or ""
            if response.status_code == 302 and JOB_PATH.search(location):
                response.request_meta["name"] = f"{what} pack (queued)"
                response.success()
                return location
            response.failure(f"{what} pack not made ({response.status_code}): {kind}")
            return None

    def wait_for(self, job_url: str, what: str):
        asked = time.monotonic()
        while time.monotonic() - asked < PACK_WAIT_SECONDS:
            page = self.get(job_url, "pack job page")
            if page.status_code != 200:
                return
            if not page.headers.get("Refresh"):
                break
            gevent.sleep(3)  # the page's own Refresh
        else:
            events.request.fire(
                request_type="WAIT",
                name=f"{what} pack not ready within {PACK_WAIT_SECONDS:.0f} s",
                response_time=(time.monotonic() - asked) * 1000,
                response_length=0,
                exception=None,
                context={},
            )
            return
        events.request.fire(
            request_type="WAIT",
            name=f"{what} pack: queued until ready",
            response_time=(time.monotonic() - asked) * 1000,
            response_length=0,
            exception=None
            if "Your pack is ready" in page.text
            else Exception(f"{what} pack failed: {error_text(page.text)}"),
            context={},
        )
        if "Your pack is ready" in page.text:
            self.get(job_url + "download/", "pack download")

    @task(2)
    def plan_pack(self):
        if self.plan_url:
            job = self.export(self.plan_url + "pack/", "plan")
            if job:
                self.wait_for(job, "plan")

    @task(1)
    def council_pack(self):
        if self.council_slug:
            job = self.export(f"/councils/{self.council_slug}/pack/", "council")
            if job:
                self.wait_for(job, "council")
