"""One-time form tokens: a form sent twice (a double click, a reloaded POST) saves once.

Every form drawn with the shared helper (`core.forms.GDSFormMixin.build_helper`)
carries a hidden `form_token`, a random value issued when the form is shown; a form
shown again with its errors keeps the token it was sent with. When a service form
(`core.views.forms.ServiceFormView`) saves, it first claims the token: `cache.add`,
which succeeds for one request only, in the default cache (Redis shared by every app
server when REDIS_URL is set, so two servers cannot both claim it). Once saved, the
token remembers where the save went; a second request with the same token saves
nothing and is sent there. A save the service refuses gives its token back, so the
corrected form can be sent.

A request without a token (a form drawn before tokens existed, a script, a test
client) is saved as before, unprotected: tokens never lose anyone's work. If the cache
cannot be reached, forms are saved unprotected too, and the failure is logged.
Tokens are kept per user, for FORM_TOKEN_SECONDS after their form was saved.

Never draw a form inside a cached fragment (core.fragments): everyone shown the
fragment would send the same token, and every save after the first would be taken for
a second send. Lists render no forms (core.views.inplace), so none is.
"""

import logging
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache

FIELD = "form_token"
_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
_PENDING = "…"  # claimed, not yet saved: no URL can be this

logger = logging.getLogger("sendtracker.security")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_for(data) -> str:
    """The token a form shows: the one it was sent with, if any, else a new one."""
    sent = data.get(FIELD, "") if data else ""
    return sent if isinstance(sent, str) and _PATTERN.fullmatch(sent) else new_token()


class OneTimeToken:
    """The token a POST was sent with, claimed (at most once) in the shared cache."""

    def __init__(self, key: str):
        self.key = key

    @classmethod
    def sent_with(cls, request) -> "OneTimeToken | None":
        """The request's token, or None for a request sent without a (well-formed) one."""
        value = request.POST.get(FIELD, "")
        if not _PATTERN.fullmatch(value):
            return None
        user = getattr(request, "user", None)
        owner = user.pk if user is not None and user.is_authenticated else "anonymous"
        return cls(f"form-token:{owner}:{value}")

    def claim(self) -> bool:
        """True for the one request that may save with this token."""
        try:
            added = cache.add(self.key, _PENDING, timeout=settings.FORM_TOKEN_SECONDS)
        except Exception:  # the cache (Redis) is down: save, unprotected, rather than fail
            logger.exception("Form token not checked: the cache could not be reached")
            return True
        if added is None:  # django-redis with IGNORE_EXCEPTIONS: Redis is down
            logger.error("Form token not checked: the cache could not be reached")
            return True
        return added

    def release(self) -> None:
        """Give the token back: nothing was saved (the form is shown again)."""
        try:
            cache.delete(self.key)
        except Exception:
            logger.exception("Form token not released: the cache could not be reached")

    def saved(self, url: str) -> None:
        """Remember where the save went, for a second request with the same token."""
        try:
            cache.set(self.key, url, timeout=settings.FORM_TOKEN_SECONDS)
        except Exception:
            logger.exception("Form token not kept: the cache could not be reached")

    def wait(self) -> str | None:
        """Where the save with this token went, once it is saved (waiting up to
        FORM_TOKEN_WAIT_SECONDS for a save still under way, as on a double click);
        "" if it is still under way then; None if the token was given back."""
        deadline = time.monotonic() + settings.FORM_TOKEN_WAIT_SECONDS
        while True:
            try:
                value = cache.get(self.key)
            except Exception:
                logger.exception("Form token not read: the cache could not be reached")
                return ""
            if value != _PENDING:
                return value
            if time.monotonic() >= deadline:
                return ""
            time.sleep(0.05)
