"""The audit trail, kept with django-auditlog.

Every audited model is registered here (`register`), each write made by a service
runs inside `acting_as(user)` so the entry names who did it, and a record page shows
`history_for(record)`. Entries are append-only: the guards below refuse changes and
deletions through the ORM, the admin shows them read-only, and database triggers
refuse changes (PostgreSQL and SQLite, migrations core 0003 and 0004) and deletions
(PostgreSQL) in the database too.
"""

import contextlib
import re
from contextvars import ContextVar

from auditlog.context import auditlog_value, set_actor
from auditlog.diff import model_instance_diff
from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from sendtracker.core.backends import client_ip_address


class AuditEntryImmutable(Exception):
    pass


# The pk of the user AuditMiddleware is attributing the current request's entries to.
_request_actor: ContextVar[int | None] = ContextVar("sendtracker_request_actor", default=None)


def register(model, **options) -> None:
    """Record every create, update and delete of `model` in the audit trail.

    Only the model's own columns are recorded (not its id, nor its reverse relations
    and many-to-many managers, which auditlog would write as "app.Model.None") unless
    `include_fields` says otherwise."""
    options.setdefault(
        "include_fields", [f.name for f in model._meta.concrete_fields if not f.primary_key]
    )
    auditlog.register(model, **options)


def register_app(app_config, *, exclude=()) -> None:
    """Record every model of an app in the audit trail, but those in `exclude`."""
    for model in app_config.get_models():
        if model not in exclude:
            register(model)


@contextlib.contextmanager
def acting_as(user):
    """Attribute audit entries written inside the block to `user`.

    Within a request the middleware has already set the actor; services set it again
    so that management commands, imports and tests are attributed too.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        yield
        return
    if user.pk == _request_actor.get():
        yield  # the request's own context names them already, with their address
        return
    # auditlog's set_actor replaces the request's context (from AuditlogMiddleware) and
    # never puts it back: later writes in the request would lose their actor and the
    # middleware's signal receiver would stay connected for ever. So keep the request's
    # address and restore its context afterwards.
    outer = auditlog_value.get(None)
    remote = {key: outer.get(key) for key in ("remote_addr", "remote_port")} if outer else {}
    token = auditlog_value.set(outer)
    try:
        with set_actor(user, **remote):
            yield
    finally:
        auditlog_value.reset(token)


def save_if_version(instance, *, old, expected_version: int) -> bool:
    """Write `instance` only if its row is still at `expected_version`; audit the change.

    An optimistic lock in one statement (UPDATE ... WHERE version = expected), where a
    locked read, a save and auditlog's own re-read of the row would take three. `old` is
    the instance as read at `expected_version`: every write raises the version, so a
    row still at that version still holds `old`'s values, and the audit entry's
    differences (auditlog's own diff, its excluded fields respected) are exact. Returns
    False, writing nothing, when someone else has saved since. Call it inside
    `transaction.atomic()` with whatever else the change writes.
    """
    model = type(instance)
    changed = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and getattr(instance, field.attname) != getattr(old, field.attname)
    ]  # the version always among them
    written = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        **{field.attname: getattr(instance, field.attname) for field in changed}
    )
    if not written:
        return False
    changes = model_instance_diff(old, instance, fields_to_check=[f.name for f in changed])
    if changes:
        LogEntry.objects.log_create(instance, action=LogEntry.Action.UPDATE, changes=changes)
    return True


def log_created(instances, *, by=None) -> None:
    """Audit entries for records saved with bulk_create (which sends no signals), as
    auditlog would have written one by one: one INSERT for all of them. Records of
    models not registered for audit are skipped, as auditlog would.

    The actor is `by` (a service's user); the client's address is the request's when
    the request is theirs."""
    from auditlog.cid import get_cid
    from django.contrib.contenttypes.models import ContentType
    from django.utils.encoding import smart_str

    actor = by if getattr(by, "is_authenticated", False) else None
    context = auditlog_value.get(None) or {}
    if actor is None or getattr(context.get("actor"), "pk", None) != actor.pk:
        context = {}  # the address is the request's only when the request is theirs
    cid = get_cid()
    entries = []
    for instance in instances:
        if not auditlog.contains(type(instance)):
            continue  # not an audited model (register)
        changes = model_instance_diff(
            None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
        )
        entries.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(instance),
                object_pk=str(instance.pk),
                object_id=instance.pk,
                object_repr=smart_str(instance),
                serialized_data=LogEntry.objects._get_serialized_data_or_none(instance),
                action=LogEntry.Action.CREATE,
                changes=changes,
                actor=actor,
                actor_email=getattr(actor, "email", None),
                remote_addr=context.get("remote_addr"),
                remote_port=context.get("remote_port"),
                cid=cid,
            )
        )
    LogEntry.objects.bulk_create(entries)


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, with the client's address found as sign-in lock-out finds it.

    auditlog itself records the first X-Forwarded-For entry, which any client can write.
    """

    def __call__(self, request):
        token = _request_actor.set(None)
        try:
            return super().__call__(request)
        finally:
            _request_actor.reset(token)

    def get_extra_data(self, request):
        data = super().get_extra_data(request)
        # Services call acting_as(request.user): nothing to do while this context holds.
        _request_actor.set(data["actor"].pk if data["actor"] is not None else None)
        return data

    @staticmethod
    def _get_actor(request):
        # Without a session cookie nobody is signed in: say so without reading the
        # session, which would make every response vary by cookie (public pages are
        # cached for everyone: core.public).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return AuditlogMiddleware._get_actor(request)

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_ip_address(request)


# What auditlog once wrote for a reverse relation or a many-to-many manager:
# "inspections.ActionMilestone.None". It names no record, so it is never shown.
_MANAGER_REPR = re.compile(r"^[a-z_]+\.[A-Za-z]+\.None$")


def named_changes(entry) -> list[tuple[str, tuple]]:
    """An entry's (field, (before, after)) pairs as people read them, leaving out any
    that name no record (a related manager's repr)."""
    return [
        (field, change)
        for field, change in entry.changes_display_dict.items()
        if not any(isinstance(v, str) and _MANAGER_REPR.match(v) for v in change)
    ]


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
