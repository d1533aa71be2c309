"""Previews kept in the session: what the confirm step will save, and nothing else."""

import hashlib
import json
import secrets
import time

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
        self.scope = f"{kind}:{target}"

    def _all(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def save(
        self, *, rows: list, fingerprint: str, filename: str, options=None, columns=None
    ) -> str:
        """Keep `rows` (and the upload form's `options`, JSON; which heading became which
        column, to show) under a new token."""
        previews = {
            token: preview
            for token, preview in self._all().items()
            if time.time() - preview["created"] < MAX_AGE_SECONDS
        }
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
        # Keep the newest few: a user may have more than one tab open.
        newest = sorted(previews.items(), key=lambda item: item[1]["created"])[-KEEP:]
        self.session[SESSION_KEY] = dict(newest)
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
            del previews[token]
            self.session[SESSION_KEY] = previews
