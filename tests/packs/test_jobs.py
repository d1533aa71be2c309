"""Packs made in the background: the worker, a worker that dies, and removal."""

import datetime
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from sendtracker.core.models import StoredFile
from sendtracker.packs import services
from sendtracker.packs.models import JobState, PackJob
from tests.inspections.factories import plan_with_actions

ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def run_worker() -> None:
    call_command(
        "db_worker",
        "--queue-name",
        "packs",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        verbosity=0,
    )


@pytest.mark.django_db(transaction=True)
def test_queued_pack_is_made_by_the_worker_and_downloaded(
    client, reference_places, officer, leicester, media
):
    plan = plan_with_actions(5, council=leicester)
    job = services.request_plan_pack(plan=plan, by=officer, marking="OFFICIAL")
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.task_id

    run_worker()

    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 1)
    assert job.file.name.startswith(f"packs/{job.pk}/")
    assert StoredFile.objects.filter(name=job.file.name).exists()
    assert job.expires_at > timezone.now() + datetime.timedelta(hours=23)
    client.force_login(officer)
    page = client.get(f"/packs/{job.pk}/")
    assert "Refresh" not in page
    assert "Download the PDF pack" in page.text
    download = client.get(f"/packs/{job.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert "OFFICIAL" in pdf.pages[0].extract_text()


@pytest.mark.django_db
def test_running_twice_does_nothing_the_second_time(officer, leicester, media):
    plan = plan_with_actions(2, council=leicester)
    job = PackJob.objects.create(
        kind="plan",
        council=leicester,
        plan=plan,
        title="t",
        marking="OFFICIAL",
        requested_by=officer,
        background=True,
    )
    assert services.run_job(str(job.pk)).state == JobState.DONE
    assert services.run_job(str(job.pk)) is None
    job.refresh_from_db()
    assert job.attempts == 1


@pytest.mark.django_db
def test_stale_job_is_requeued_then_failed_after_its_attempts(officer, leicester, settings):
    settings.PACK_MAX_ATTEMPTS = 2
    plan = plan_with_actions(1, council=leicester)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    job = PackJob.objects.create(
        kind="plan",
        council=leicester,
        plan=plan,
        title="t",
        marking="OFFICIAL",
        requested_by=officer,
        background=True,
        state=JobState.RUNNING,
        attempts=1,
        started_at=long_ago,
    )
    fresh = PackJob.objects.create(
        kind="plan",
        council=leicester,
        plan=plan,
        title="t",
        marking="OFFICIAL",
        requested_by=officer,
        background=True,
        state=JobState.RUNNING,
        attempts=1,
        started_at=timezone.now(),
    )
    call_command("recover_packs", verbosity=0)
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
    PackJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=2)
    call_command("recover_packs", verbosity=0)
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert job.state == JobState.FAILED and "2 attempts" in job.error
    assert fresh.state == JobState.RUNNING  # its worker may well be alive


@pytest.mark.django_db
def test_pruning_removes_expired_files_and_keeps_the_record(officer, leicester, media):
    jobs = []
    for hours in (-1, 5):
        job = PackJob.objects.create(
            kind="plan",
            council=leicester,
            title="t",
            marking="OFFICIAL",
            requested_by=officer,
            state=JobState.DONE,
            expires_at=timezone.now() + datetime.timedelta(hours=hours),
        )
        job.file.save("pack.pdf", ContentFile(b"%PDF-1.7"))
        jobs.append(job)
    expired, kept = jobs
    name = expired.file.name
    call_command("prune_packs", verbosity=0)
    expired.refresh_from_db()
    kept.refresh_from_db()
    assert not StoredFile.objects.filter(name=name).exists()
    assert (expired.state, expired.file.name) == (JobState.EXPIRED, "")
    assert kept.state == JobState.DONE
    assert list(StoredFile.objects.values_list("name", flat=True)) == [kept.file.name]


def manage(*args, env, check=True, **kwargs):
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def job_row(db_path):
    with sqlite3.connect(db_path) as connection:
        return connection.execute("SELECT state, attempts FROM packs_packjob").fetchone()


SETUP = """
from sendtracker.core.models import Council, User
from sendtracker.core.models.people import Role
from sendtracker.core.services import grant_role
from sendtracker.packs import services
from tests.inspections.factories import plan_with_actions
leicester = Council.objects.get(dfe_la_code=856)
user = User.objects.create_user("killed@leicester.example", "a-long-password-1234")
grant_role(user=user, role=Role.COUNCIL_OFFICER, council=leicester)
plan = plan_with_actions(120, council=leicester)
services.request_plan_pack(plan=plan, by=user, marking="OFFICIAL")
"""


def test_worker_killed_mid_job_is_recovered_and_the_job_retried(tmp_path):
    """A real worker process, SIGKILLed while it renders, on a database of its own."""
    db_path = tmp_path / "worker.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "MEDIA_ROOT": str(tmp_path),
        "DEBUG": "true",
        "LOG_LEVEL": "WARNING",
    }
    manage("migrate", "--no-input", env=env)
    manage("shell", "-c", SETUP, env=env)
    assert job_row(db_path) == ("queued", 0)

    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "packs",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            "--max-tasks",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while job_row(db_path)[0] != "running":
            assert time.monotonic() < deadline, "the worker never started the job"
            assert worker.poll() is None, "the worker exited before it was killed"
            time.sleep(0.1)
        time.sleep(0.5)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert job_row(db_path) == ("running", 1)  # left running for ever, as STACK.md says

    manage("recover_packs", "--stale-minutes", "0", env=env)
    assert job_row(db_path) == ("queued", 1)
    manage(
        "db_worker",
        "--queue-name",
        "packs",
        "--no-reload",
        "--batch",
        "--no-startup-delay",
        env=env,
    )
    assert job_row(db_path) == ("done", 2)
    with sqlite3.connect(db_path) as connection:
        (name, head) = connection.execute(
            "SELECT name, substr(content, 1, 4) FROM core_storedfile"
        ).fetchone()
    assert name.startswith("packs/") and name.endswith(".pdf") and head == b"%PDF"
