"""Previews kept in the session: what the confirm step will save, and nothing else.

A small import keeps its rows in the session (`save`); a big one keeps its file in the
database (`save_file`, core.models.ImportUpload) and only the file's id and digest in
the session, and reads the file again to show and to save it (`file_of`).
"""

import datetime
import hashlib
import json
import secrets
import time

from django.core.files.base import ContentFile

SESSION_KEY = "sendtracker_import_previews"
MAX_AGE_SECONDS = 30 * 60
KEEP = 3


class PreviewError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def digest(rows) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()


class PreviewStore:
    """Previews of one kind of import (`kind`) for one target (e.g. a determination).

    `fingerprint` is the caller's summary of the target's current state: if it changed
    between preview and confirm, the preview is stale and refused.
    """

    def __init__(self, session, *, kind: str, target: str):
        self.session = session
        self.kind, self.target = kind, target
        self.scope = f"{kind}:{target}"

    def _all(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def save(
        self, *, rows: list, fingerprint: str, filename: str, options=None, columns=None
    ) -> str:
        """Keep `rows` (and the upload form's `options`, JSON; which heading became which
        column, to show) under a new token."""
        previews = self._fresh()
        token = secrets.token_urlsafe(24)
        previews[token] = {
            "scope": self.scope,
            "rows": rows,
            "options": options or {},
            "columns": columns or {},
            "digest": digest([rows, options]) if options else digest(rows),
            "fingerprint": fingerprint,
            "filename": filename,
            "created": time.time(),
        }
        return self._keep(token, previews)

    def save_file(
        self, *, data: bytes, fingerprint: str, filename: str, options=None, columns=None, user=None
    ) -> str:
        """Keep the file `data` (in the database) and, in the session, its id and digest
        under a new token: for imports whose rows are read again from the file."""
        from sendtracker.core.models import ImportUpload

        previews = self._fresh()
        ImportUpload.objects.filter(created__lt=self._expired_before()).delete()
        file_digest = hashlib.sha256(data).hexdigest()
        upload = ImportUpload.objects.create(
            kind=self.kind,
            target=self.target,
            user=user if getattr(user, "pk", None) else None,
            filename=filename[:255],
            data=data,
            digest=file_digest,
            options=options or {},
        )
        token = secrets.token_urlsafe(24)
        previews[token] = {
            "scope": self.scope,
            "upload": upload.pk,
            "file_digest": file_digest,
            "options": options or {},
            "columns": columns or {},
            "digest": digest([file_digest, options or {}]),
            "fingerprint": fingerprint,
            "filename": filename,
            "created": time.time(),
        }
        return self._keep(token, previews)

    def file_of(self, preview: dict) -> ContentFile:
        """The file a `save_file` preview keeps, named as uploaded; PreviewError if it
        has gone (expired and cleaned up) or is not the file previewed."""
        from sendtracker.core.models import ImportUpload

        upload = ImportUpload.objects.filter(
            pk=preview.get("upload"), kind=self.kind, target=self.target
        ).first()
        data = bytes(upload.data) if upload else b""
        if upload is None or hashlib.sha256(data).hexdigest() != preview.get("file_digest"):
            raise PreviewError(
                "This preview has expired or has already been used. Nothing has been saved. "
                "Upload the file again"
            )
        return ContentFile(data, name=preview["filename"])

    def _fresh(self) -> dict:
        return {
            token: preview
            for token, preview in self._all().items()
            if time.time() - preview["created"] < MAX_AGE_SECONDS
        }

    @staticmethod
    def _expired_before() -> datetime.datetime:
        from django.utils import timezone

        return timezone.now() - datetime.timedelta(seconds=MAX_AGE_SECONDS)

    def _keep(self, token: str, previews: dict) -> str:
        # Keep the newest few: a user may have more than one tab open.
        newest = sorted(previews.items(), key=lambda item: item[1]["created"])[-KEEP:]
        dropped = [p["upload"] for t, p in self._all().items() if "upload" in p]
        kept = dict(newest)
        dropped = [pk for pk in dropped if pk not in {p.get("upload") for p in kept.values()}]
        if dropped:
            from sendtracker.core.models import ImportUpload

            ImportUpload.objects.filter(pk__in=dropped).delete()
        self.session[SESSION_KEY] = kept
        return token

    def get(self, token: str, *, fingerprint: str) -> dict:
        """The preview for `token`, or PreviewError saying why it cannot be used."""
        preview = self._all().get(token)
        if preview is None or preview["scope"] != self.scope:
            raise PreviewError(
                "This preview has expired or has already been used. Nothing has been saved. "
                "Upload the file again"
            )
        if time.time() - preview["created"] >= MAX_AGE_SECONDS:
            self.discard(token)
            raise PreviewError(
                "This preview has expired. Nothing has been saved. Upload the file again"
            )
        if preview["fingerprint"] != fingerprint:
            raise PreviewError(
                "The records changed after you previewed this file. Nothing has been saved. "
                "Upload the file again to see a new preview"
            )
        return preview

    def options_of(self, token: str) -> dict:
        """The options a preview was made with (to compute its fingerprint), or {}."""
        return (self._all().get(token) or {}).get("options") or {}

    def check_digest(self, preview: dict, submitted: str) -> None:
        if not secrets.compare_digest(preview["digest"], submitted or ""):
            raise PreviewError(
                "This confirmation does not match the preview. Nothing has been saved. "
                "Upload the file again"
            )

    def discard(self, token: str) -> None:
        previews = self._all()
        if token in previews:
            removed = previews.pop(token)
            self.session[SESSION_KEY] = previews
            if "upload" in removed:
                from sendtracker.core.models import ImportUpload

                ImportUpload.objects.filter(pk=removed["upload"]).delete()
