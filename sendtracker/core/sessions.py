"""Idle sessions: renewed by use, written at most once a minute.

A session ends SESSION_COOKIE_AGE seconds after it was last renewed (its database
row's expiry). Renewing it on every request (SESSION_SAVE_EVERY_REQUEST) wrote that
row on every page view, a write per read; renewing it once a minute at most keeps the
idle timeout to within a minute and leaves reads as reads. A session that changed
(sign-in, a banner added or shown) is saved anyway, by Django's SessionMiddleware.
"""

import time

from django.utils.cache import patch_cache_control

from sendtracker.core.public import is_public

RENEW_AFTER_SECONDS = 60
RENEWED_KEY = "_renewed_at"


def renewed_at_sign_in(sender, request, user, **kwargs) -> None:
    """Signing in saves the session with a fresh expiry: count that as its renewal."""
    request.session[RENEWED_KEY] = int(time.time())


class SessionRenewalMiddleware:
    """Marks the session changed when it was last renewed a minute ago or more, so that
    SessionMiddleware (before this in MIDDLEWARE) saves it with a new expiry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A public page (core.public) may be cached for everyone: it never sets a cookie.
        if session is not None and not is_public(request) and not session.is_empty():
            now = int(time.time())
            if now - session.get(RENEWED_KEY, 0) >= RENEW_AFTER_SECONDS:
                session[RENEWED_KEY] = now
        return response


class PrivateResponsesMiddleware:
    """Every response to a signed-in user (pages, htmx rows, CSV/XLSX/JSON downloads,
    PDF packs) is `Cache-Control: private, no-store`, unless its view said otherwise: a
    shared cache or a back button must not show one user's records to the next. Reads
    only whether the request carries a session, never the session itself, so public
    pages keep their own caching and no `Vary: Cookie`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and not session.is_empty()
            and not response.has_header("Cache-Control")
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
