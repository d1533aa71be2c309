"""Big page fragments rendered once per state of their data, then served from the cache.

A fragment's key is built from the data versions of the councils it shows (each raised
by every write to the council's records: sendtracker.core.writes), the date where the
fragment depends on it, and whatever else it depends on (the user's right to change,
the query string). So nothing is ever deleted from the cache, a stale fragment cannot
be served, and no page names the tables it reads to build its key.
"""

import datetime
import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.utils import timezone
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
    return mark_safe(html)  # noqa: S308 (rendered by our own templates, which escape)  # nosec B308, B703


def data_key(
    councils: Iterable, *, dated: bool = True, today: datetime.date | None = None
) -> tuple:
    """The key part for what these councils' records show, as loaded, on `today`.

    Councils are loaded with their `data_version`, so the key costs no query. Anything
    overdue or derived from dates depends on the day too (`dated`, the default): a
    fragment keyed without it would show yesterday's overdue list after midnight.
    """
    versions = tuple((c.pk, c.data_version) for c in councils)
    return (versions, today or timezone.localdate()) if dated else versions
