"""Background tasks, run by `manage.py db_worker` (django_tasks_db)."""

from django.tasks import task

from . import services


@task(queue_name="packs")
def generate_pack(job_id: str) -> int | None:
    """Make one queued pack; returns its size in bytes (None if nothing was to do)."""
    job = services.run_job(job_id)
    return job.file.size if job else None
