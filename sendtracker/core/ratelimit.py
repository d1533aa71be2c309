"""Limits on how often one client may do something, counted in the shared cache.

Counts are django-ratelimit's, kept in the default cache: Redis when REDIS_URL is set,
so that every app server counts the same requests and a client cannot escape a limit
by landing on another server; per process otherwise (a single server, or tests).

A limit is a group (what is counted: "exports", "packs", ...), a rate read from the
settings at each request ("60/m", "10/10m": from the environment, so that a load test
can raise them) and a key (whom it counts): the signed-in user's id where the user is
known, the client's address otherwise (`core.backends.client_ip_address`, which knows
how many proxies to trust). `refusal(...)` counts a request and answers 429 past the
limit; `rate_limited(...)` decorates a view with it. Every refusal is the GOV.UK "too
many requests" page, with `Retry-After`, and one line on the security log naming the
group, the user id or address, and the path (never a password or an email).

If the cache cannot be reached (Redis down), requests are let through and logged:
pages keep serving, without the limits, rather than answer 500.
"""

import functools
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import get_usage

from sendtracker.core.backends import client_ip_address

logger = logging.getLogger("sendtracker.security")


@dataclass(frozen=True)
class Wording:
    """What the 429 page says: its heading and why."""

    heading: str
    reason: str
    reset_link: bool = False  # offer to reset the password (sign-in)


REQUESTS = Wording(
    "Sorry, there have been too many requests",
    "There have been too many requests for pages from your connection in a short time.",
)
EXPORTS = Wording(
    "Sorry, there have been too many downloads",
    "You have downloaded this service's tables many times in a short time.",
)
IMPORTS = Wording(
    "Sorry, there have been too many uploads",
    "You have uploaded many files to import in a short time.",
)
PACKS = Wording(
    "Sorry, there have been too many pack requests",
    "You have asked for many PDF packs in a short time. Packs you have already asked "
    "for are still being made.",
)
PASSWORD_RESET = Wording(
    "Too many requests to reset a password",
    "There have been too many requests to reset a password from your connection or for "
    "this email address. For your security, no more reset emails can be sent for now.",
)
SIGN_IN = Wording(
    "Too many attempts to sign in",
    "There have been too many attempts to sign in, from your connection or to this "
    "account. For your security, you cannot sign in for now.",
    reset_link=True,
)


def user_or_address(group, request) -> str:
    """The signed-in user's id, or the client's address for someone not signed in."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{client_ip_address(request) or ''}"


def address(group, request) -> str:
    return f"address:{client_ip_address(request) or ''}"


def reset_email(group, request) -> str:
    """The email a password reset asks for, as a digest (never kept in clear)."""
    return f"email:{hashed(request.POST.get('email', '').strip().lower())}"


def client_key(group, request) -> str:
    """The client's address (the public pages' key, kept for them)."""
    return client_ip_address(request) or ""


def hashed(value: str) -> str:
    """A value (an email) as it may appear in a key or a log line: a short digest."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def _wait_words(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    if minutes == 1:
        return "a minute"
    if minutes < 90:
        return f"{minutes} minutes"
    hours = -(-minutes // 60)
    return f"{hours} hours"


def too_many_requests(
    request, *, wording: Wording = REQUESTS, retry_after: int = 60, template="errors/429.html"
) -> HttpResponse:
    """The GOV.UK page for 429, which no cache should keep."""
    retry_after = max(1, int(retry_after))
    # Signed in, the service's own layout (with their account bar); else the public one.
    # Only a user already read for this request counts: LoginRequiredMiddleware reads it
    # for every page that needs signing in, and reading it here for a public page would
    # touch the session and make the refusal vary on the cookie (auth's get_user keeps
    # the user it read as request._cached_user).
    user = getattr(request, "_cached_user", None)
    signed_in = user is not None and user.is_authenticated
    context = {
        "wording": wording,
        "wait": _wait_words(retry_after),
        "layout": "base.html" if signed_in else "public/base.html",
    }
    response = HttpResponse(render_to_string(template, context, request=request), status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def log_refusal(request, *, group: str, who: str) -> None:
    logger.warning("Rate limit %s refused %s on %s %s", group, who, request.method, request.path)


def usage(request, *, group: str, rate: str, key, increment: bool) -> dict | None:
    """django-ratelimit's count for this request, or None if the cache failed."""
    try:
        found = get_usage(request, group=group, key=key, rate=rate, increment=increment)
    except Exception:  # the cache (Redis) is down: serve rather than fail
        logger.exception("Rate limit %s not checked: the cache could not be reached", group)
        return None
    if found is None:  # django-redis answered None (RATELIMIT_FAIL_OPEN): Redis is down
        logger.error("Rate limit %s not checked: the cache could not be reached", group)
    return found


def refusal(
    request,
    *,
    group: str,
    rate: str,
    key=user_or_address,
    wording: Wording = REQUESTS,
    increment: bool = True,
) -> HttpResponse | None:
    """Count this request in `group` (unless `increment` is False); the 429 page if it
    is past `rate` (django-ratelimit's "count/period"), None otherwise."""
    counted = usage(request, group=group, rate=rate, key=key, increment=increment)
    if counted is None or not counted["should_limit"]:
        return None
    who = key(group, request) if callable(key) else key
    log_refusal(request, group=group, who=who)
    return too_many_requests(request, wording=wording, retry_after=counted["time_left"])


def password_reset_limited(view):
    """A password reset form whose sending is limited per address and per email asked
    for (so nobody can flood one inbox, or try many from one connection)."""
    for name, key in (("email", reset_email), ("address", address)):
        view = rate_limited(
            group=f"password-reset-{name}",
            setting=f"PASSWORD_RESET_{name.upper()}_RATE",
            key=key,
            wording=PASSWORD_RESET,
            methods=("POST",),
        )(view)
    return view  # per address outside, per email inside, as before


def rate_limited(
    *,
    group: str,
    rate: str | None = None,
    setting: str = "PUBLIC_RATE_LIMIT",
    key=client_key,
    wording: Wording = REQUESTS,
    methods: tuple[str, ...] = (),
):
    """Decorate a view: 429 once a client passes `rate` (default: the setting named
    `setting`) requests to the views of `group`. `methods`: count only these (e.g.
    ("POST",)); all by default."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not methods or request.method in methods:
                refused = refusal(
                    request,
                    group=group,
                    rate=rate or getattr(settings, setting),
                    key=key,
                    wording=wording,
                )
                if refused is not None:
                    return refused
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
