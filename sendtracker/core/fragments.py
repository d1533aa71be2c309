"""Big page fragments rendered once per state of their data, then served from the cache.

A fragment's key is built from a stamp that changes with every write to what it shows
(e.g. inspections.selectors.plan_stamp, programmes.selectors.programme_stamp) and from
whatever else it depends on (the user's right to change, the query string), so nothing
is ever deleted from the cache and a stale fragment cannot be served.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

TIMEOUT_SECONDS = 60 * 60 * 24


def cached_fragment(namespace: str, key_parts: tuple, render: Callable[[], str]) -> SafeString:
    """`render()`'s HTML, from the cache when the same key was rendered before."""
    digest = hashlib.sha256(repr(key_parts).encode()).hexdigest()
    key = f"fragment:{namespace}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, timeout=TIMEOUT_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own templates, which escape)
