"""Requests per client address, counted in the project's cache (django-ratelimit).

`rate_limited(group=...)` decorates a view: past `settings.PUBLIC_RATE_LIMIT` requests
(e.g. "120/m") from one address to views of one group, it answers 429 with the GOV.UK
"too many requests" page instead of running the view. The address is the one sign-in
lock-out and the audit trail use (`core.backends.client_ip_address`, which knows how
many proxies to trust). Counts live in the default cache: Redis when REDIS_URL is set,
shared by every web process; per process otherwise, where the limit holds per process.
"""

import functools

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import is_ratelimited

from sendtracker.core.backends import client_ip_address


def client_key(group, request) -> str:
    return client_ip_address(request) or ""


def too_many_requests(request) -> HttpResponse:
    """The GOV.UK page for 429, which no cache should keep."""
    response = HttpResponse(render_to_string("errors/429.html", request=request), status=429)
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(*, group: str, rate: str | None = None):
    """Decorate a view: 429 once a client address passes `rate` (default
    settings.PUBLIC_RATE_LIMIT) requests to the views of `group`."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if is_ratelimited(
                request,
                group=group,
                key=client_key,
                rate=rate or settings.PUBLIC_RATE_LIMIT,
                increment=True,
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
