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
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.html import escape

from sendtracker.core.ratelimit import rate_limited

_PUBLIC_ATTR = "_sendtracker_public"


def is_public(request) -> bool:
    return getattr(request, _PUBLIC_ATTR, False)


def public_page(view=None, *, max_age: int | None = None, group: str | None = None):
    """Decorate a view function as a public page (see the module's docstring)."""

    def decorate(view):
        limited = rate_limited(group=group or f"public:{view.__module__}.{view.__qualname__}")(view)

        @login_not_required
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            # Marked first, so that the "too many requests" page reads no session either.
            setattr(request, _PUBLIC_ATTR, True)
            response = limited(request, *args, **kwargs)
            if response.status_code == 200:
                seconds = settings.PUBLIC_CACHE_SECONDS if max_age is None else max_age
                patch_cache_control(response, public=True, max_age=seconds)
            return response

        return wrapped

    return decorate(view) if view is not None else decorate


# The layout of public pages, rendered once per process (it depends on settings only:
# no user, no token, no nonce) and cut where each page's title, breadcrumbs and content
# go. A public page then costs its own content, not the layout's dozens of template
# nodes: the published plan page must answer within 5x /healthz/ from an empty cache
# (benchmarks/bench_public.py), and the layout alone took about that.
_MARKS = ("\x00title\x00", "\x00before\x00", "\x00content\x00")
_shells: dict[tuple, list[str]] = {}


def _shell() -> list[str]:
    key = (settings.SERVICE_NAME, settings.SERVICE_PHASE, settings.STATIC_URL)
    parts = None if settings.DEBUG else _shells.get(key)
    if parts is None:
        from django.template.loader import render_to_string

        html = render_to_string(
            "public/shell.html",
            {
                "service_name": settings.SERVICE_NAME,
                "service_phase": settings.SERVICE_PHASE,
                "service_navigation": [],
                "public_title": _MARKS[0],
                "public_before": _MARKS[1],
                "public_content": _MARKS[2],
            },
        )
        parts = []
        for mark in _MARKS:
            before, html = html.split(mark, 1)
            parts.append(before)
        parts.append(html)
        _shells[key] = parts
    return parts


def public_response(*, title: str, content: str, before: str = "") -> HttpResponse:
    """A public page: `content` (safe HTML) in the public layout, titled `title` (text)."""
    head, middle, main, tail = _shell()
    return HttpResponse(f"{head}{escape(title)}{middle}{before}{main}{content}{tail}")
