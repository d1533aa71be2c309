"""Exporting packs: made at once or queued, run by a worker, recovered, pruned.

A PackJob is the record of every export (and so its audit entry). A job is safe to
run twice: running it again overwrites its file, so a job whose worker died can be
requeued without harm.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inspections import selectors as plan_selectors
from programmes import selectors as programme_selectors
from sendtracker.core.errors import DomainError
from sendtracker.core.permissions import can_export_pack, has_permission
from sendtracker.core.validation import one_of
from sendtracker.core.writes import council_write

from .council import render_council_pack, render_region_pack
from .models import JobState, Marking, PackJob, PackKind
from .plan import render_plan_pack

if TYPE_CHECKING:
    from inspections.models import ImprovementPlan

logger = logging.getLogger(__name__)


def _check(*, by, council, marking: str) -> None:
    if not can_export_pack(by, council):
        raise DomainError("You cannot export packs for this council.")
    one_of(marking, Marking, "marking", "Select a protective marking")


def _keep_until(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(hours=settings.PACK_KEEP_HOURS)


def export_plan_pack(*, plan: ImprovementPlan, by, marking: str) -> tuple[PackJob, bytes]:
    """Make a plan pack now and record the export; the caller sends the bytes."""
    _check(by=by, council=plan.council, marking=marking)
    started = timezone.now()
    pdf = render_plan_pack(plan, marking=marking, as_at=started)
    return _record_export(by=by, marking=marking, started=started, **_plan_job(plan)), pdf


def request_plan_pack(*, plan: ImprovementPlan, by, marking: str) -> PackJob:
    """Queue a plan pack for a background worker and record the request."""
    _check(by=by, council=plan.council, marking=marking)
    return _queue(by=by, marking=marking, **_plan_job(plan))


def _plan_job(plan: ImprovementPlan) -> dict:
    """What a plan pack's job records about what it is of."""
    return {
        "kind": PackKind.PLAN,
        "council": plan.council,
        "plan": plan,
        "title": f"{plan.council.name}: {plan.title}",
    }


def council_pack_rows(council) -> int:
    """How many table rows the council's pack will have (three counts)."""
    actions = plan_selectors.council_action_count(council)
    return actions + programme_selectors.milestone_and_observation_count(council)


def council_pack_title(council) -> str:
    return f"{council.name}: council progress pack"


def export_council_pack(*, council, by, marking: str) -> tuple[PackJob, bytes]:
    """Make a council pack now, as `by` sees the council, and record the export."""
    _check(by=by, council=council, marking=marking)
    started = timezone.now()
    pdf = render_council_pack(by, council, marking=marking, as_at=started)
    return _record_export(by=by, marking=marking, started=started, **_council_job(council)), pdf


def request_council_pack(*, council, by, marking: str) -> PackJob:
    """Queue a council pack for a background worker and record the request."""
    _check(by=by, council=council, marking=marking)
    return _queue(by=by, marking=marking, **_council_job(council))


def _council_job(council) -> dict:
    """What a council pack's job records about what it is of."""
    return {"kind": PackKind.COUNCIL, "council": council, "title": council_pack_title(council)}


def request_region_pack(*, region, by, marking: str) -> PackJob:
    """Queue a region pack (always made in the background) and record the request.

    Only an adviser covering the region may ask: the pack holds every council of it.
    """
    if not has_permission(by, "export_region_pack", region):
        raise DomainError("You cannot export packs for this region.")
    one_of(marking, Marking, "marking", "Select a protective marking")
    return _queue(
        kind=PackKind.REGION,
        region=region,
        title=f"{region.name}: region progress pack",
        by=by,
        marking=marking,
    )


def _record_export(*, by, marking: str, started: datetime.datetime, **fields) -> PackJob:
    """Record a pack made at once, started at `started` and finished now."""
    with council_write(by=by):  # a pack job changes no council's records
        return PackJob.objects.create(
            marking=marking,
            requested_by=by,
            state=JobState.DONE,
            attempts=1,
            created_at=started,
            started_at=started,
            finished_at=timezone.now(),
            **fields,
        )


def _queue(*, by, marking: str, **fields) -> PackJob:
    with council_write(by=by):  # a pack job changes no council's records
        job = PackJob.objects.create(marking=marking, requested_by=by, background=True, **fields)
        transaction.on_commit(lambda: enqueue(job))
    return job


def enqueue(job: PackJob) -> None:
    from .tasks import generate_pack

    result = generate_pack.enqueue(str(job.pk))
    PackJob.objects.filter(pk=job.pk).update(task_id=str(result.id))


def run_job(job_id: str) -> PackJob | None:
    """Claim a queued job, make its pack and store it. What the worker's task calls."""
    with transaction.atomic():
        claimed = PackJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
        )
    if not claimed:
        logger.info("Pack job %s is not queued any more; nothing to do", job_id)
        return None
    job = PackJob.objects.select_related(
        "plan", "plan__council", "council", "council__region", "region", "requested_by"
    ).get(pk=job_id)
    try:
        pdf = build(job)
    except Exception as error:
        logger.exception("Pack job %s failed", job_id)
        PackJob.objects.filter(pk=job_id).update(
            state=JobState.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    now = timezone.now()
    if job.file:
        job.file.delete(save=False)  # an earlier attempt's file
    job.file.save(job.filename, ContentFile(pdf), save=False)
    job.state, job.finished_at, job.expires_at, job.error = JobState.DONE, now, _keep_until(now), ""
    job.save(update_fields=["file", "state", "finished_at", "expires_at", "error"])
    return job


def build(job: PackJob) -> bytes:
    if job.kind == PackKind.PLAN and job.plan is not None:
        return render_plan_pack(job.plan, marking=job.marking, as_at=job.started_at)
    # Council and region packs show what the person who asked may see, as at the start.
    if job.kind == PackKind.COUNCIL and job.council is not None:
        if not can_export_pack(job.requested_by, job.council):
            raise DomainError("The person who asked for this pack may no longer export it.")
        return render_council_pack(
            job.requested_by, job.council, marking=job.marking, as_at=job.started_at
        )
    if job.kind == PackKind.REGION and job.region is not None:
        if not has_permission(job.requested_by, "export_region_pack", job.region):
            raise DomainError("The person who asked for this pack may no longer export it.")
        return render_region_pack(
            job.requested_by, job.region, marking=job.marking, as_at=job.started_at
        )
    raise DomainError(f"This {job.get_kind_display().lower()} has nothing to be made from.")


def recover_stale_jobs(
    *, older_than: datetime.datetime | None = None, max_attempts: int | None = None
) -> dict[str, int]:
    """Requeue jobs whose worker died mid-job, or fail them after `max_attempts`.

    django_tasks_db leaves a SIGKILLed worker's task RUNNING for ever, so the job's own
    state and start time decide; its old task result is marked failed to match.
    """
    from django_tasks_db.models import DBTaskResult

    older_than = older_than or timezone.now() - datetime.timedelta(
        minutes=settings.PACK_STALE_MINUTES
    )
    max_attempts = max_attempts or settings.PACK_MAX_ATTEMPTS
    counts = {"requeued": 0, "failed": 0}
    for job in PackJob.objects.stale(older_than=older_than):
        with transaction.atomic():
            if job.task_id:
                DBTaskResult.objects.filter(pk=job.task_id, status="RUNNING").update(
                    status="FAILED", finished_at=timezone.now()
                )
            if job.attempts >= max_attempts:
                updated = PackJob.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                    state=JobState.FAILED,
                    finished_at=timezone.now(),
                    error=f"The worker stopped during each of {job.attempts} attempts.",
                )
                counts["failed"] += updated
            else:
                updated = PackJob.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                    state=JobState.QUEUED
                )
                if updated:
                    transaction.on_commit(lambda job=job: enqueue(job))
                counts["requeued"] += updated
        logger.warning("Pack job %s was left running by a dead worker", job.pk)
    return counts


def prune_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of packs past their time; the job record stays for the audit trail."""
    removed = 0
    for job in PackJob.objects.expired(now=now):
        if job.file:
            job.file.delete(save=False)
        PackJob.objects.filter(pk=job.pk).update(state=JobState.EXPIRED, file="")
        removed += 1
    return removed
