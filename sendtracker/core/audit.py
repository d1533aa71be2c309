"""The audit trail, kept with django-auditlog.

Every audited model is registered here (`register`), each write made by a service
runs inside `acting_as(user)` so the entry names who did it, and a record page shows
`history_for(record)`. Entries are append-only: the guards below refuse changes and
deletions through the ORM, the admin shows them read-only, and on PostgreSQL a
trigger (migration core 0003) refuses them in the database too.
"""

import contextlib

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver


class AuditEntryImmutable(Exception):
    pass


def register(model, **options) -> None:
    """Record every create, update and delete of `model` in the audit trail."""
    auditlog.register(model, **options)


@contextlib.contextmanager
def acting_as(user):
    """Attribute audit entries written inside the block to `user`.

    Within a request the middleware has already set the actor; services set it again
    so that management commands, imports and tests are attributed too.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        yield
        return
    with set_actor(user):
        yield


def history_for(record):
    """The record's audit entries, newest first, with who made each."""
    return (
        LogEntry.objects.get_for_object(record)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


@receiver(pre_save, sender=LogEntry)
def _refuse_changes(sender, instance, **kwargs):
    if instance.pk is not None and not instance._state.adding:
        raise AuditEntryImmutable("Audit entries cannot be changed.")


@receiver(pre_delete, sender=LogEntry)
def _refuse_deletion(sender, instance, **kwargs):
    raise AuditEntryImmutable("Audit entries cannot be deleted.")
