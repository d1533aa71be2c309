"""Pages anyone may read without signing in, which a cache or a CDN may hold.

`public_page` makes a view one: no sign-in, rate-limited per client address
(`core.ratelimit`), `Cache-Control: public, max-age=...` on a successful answer, and
marked so that nothing on the way reads the session (the `service` context processor
skips the navigation; templates extend `public/base.html`, which leaves out the account
bar, the CSRF token and the CSP nonce). So a public page sets no cookie and does not
vary by cookie.
"""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.utils.cache import patch_cache_control

from sendtracker.core.ratelimit import rate_limited

_PUBLIC_ATTR = "_sendtracker_public"


def is_public(request) -> bool:
    return getattr(request, _PUBLIC_ATTR, False)


def public_page(view=None, *, max_age: int | None = None, group: str | None = None):
    """Decorate a view function as a public page (see the module's docstring)."""

    def decorate(view):
        @login_not_required
        @functools.wraps(view)
        @rate_limited(group=group or f"public:{view.__module__}.{view.__qualname__}")
        def wrapped(request, *args, **kwargs):
            setattr(request, _PUBLIC_ATTR, True)
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                seconds = settings.PUBLIC_CACHE_SECONDS if max_age is None else max_age
                patch_cache_control(response, public=True, max_age=seconds)
            return response

        return wrapped

    return decorate(view) if view is not None else decorate
