"""Reads of published plans. The public ones need no user: what is public is decided by
the rows (current, not withdrawn), and nothing else is ever shown."""

import datetime
import functools

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from .models import Publication


def public_publications() -> QuerySet:
    """Every plan's current version that is not withdrawn."""
    return Publication.objects.filter(current=True, withdrawn_at__isnull=True)


def published_plans(search: str = "") -> list[dict]:
    """The index: each public plan's council, title, version and dates, by council name,
    narrowed to councils whose name contains `search` (any case). One plain statement,
    as `public_page`, for every visitor reads it."""
    search = search.strip()
    params = [True]
    if search:
        escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    with connection.cursor() as cursor:
        cursor.execute(_published_plans_sql(searching=bool(search)), params)
        rows = cursor.fetchall()
    return [
        {
            "council_name": name,
            "title": title,
            "version": version,
            # SQLite gives the stored UTC time without its zone; PostgreSQL with it.
            "published_at": published_at
            if timezone.is_aware(published_at)
            else published_at.replace(tzinfo=datetime.UTC),
            "next_update_due": next_update_due,
            "url": reverse("publications:plan", args=[slug, number]),
        }
        for name, slug, number, title, version, published_at, next_update_due in rows
    ]


@functools.cache
def _published_plans_sql(*, searching: bool) -> str:
    meta, quote = Publication._meta, connection.ops.quote_name
    name, slug, number, title, version, published_at, next_update, current, withdrawn = (
        quote(meta.get_field(field).column)
        for field in (
            "council_name",
            "council_slug",
            "plan_number",
            "title",
            "version",
            "published_at",
            "next_update_due",
            "current",
            "withdrawn_at",
        )
    )
    # Names from the model, quoted; values only as parameters.
    where = f"{current} = %s AND {withdrawn} IS NULL"
    if searching:
        where += f" AND UPPER({name}) LIKE UPPER(%s) ESCAPE '\\'"
    return (
        f"SELECT {name}, {slug}, {number}, {title}, {version}, {published_at}, {next_update} "  # noqa: S608  # nosec B608
        f"FROM {quote(meta.db_table)} WHERE {where} ORDER BY {name}, {quote(meta.pk.column)}"
    )


def public_plan(council_slug: str, number: int) -> Publication | None:
    """The plan's public version, or None (unknown, never published or withdrawn): one
    query, with its council."""
    return (
        public_publications()
        .filter(council_slug=council_slug, plan_number=number)
        .select_related("council")
        .first()
    )


def public_page(council_slug: str, number: int) -> tuple[str, str, str] | None:
    """The public version's title, council name and page content, or None.

    Every visitor's read, so it is one plain parameterised statement (names taken from
    the model), as `core.access` reads roles: building it with the ORM cost more than
    the rest of the page (benchmarks/bench_public.py). It selects what
    `public_publications()` does.
    """
    with connection.cursor() as cursor:
        cursor.execute(_public_page_sql(), [council_slug, number, True])
        return cursor.fetchone()


@functools.cache
def _public_page_sql() -> str:
    meta, quote = Publication._meta, connection.ops.quote_name
    title, council, html, slug, number, current, withdrawn = (
        quote(meta.get_field(name).column)
        for name in (
            "title",
            "council_name",
            "html",
            "council_slug",
            "plan_number",
            "current",
            "withdrawn_at",
        )
    )
    # Names from the model, quoted; values only as parameters.
    where = f"{slug} = %s AND {number} = %s AND {current} = %s AND {withdrawn} IS NULL"
    return f"SELECT {title}, {council}, {html} FROM {quote(meta.db_table)} WHERE {where}"  # noqa: S608  # nosec B608


def publications_of(plan) -> list[Publication]:
    """The plan's versions, newest first, with who published and withdrew them."""
    return list(
        Publication.objects.filter(plan=plan)
        .select_related("published_by", "withdrawn_by")
        .defer("snapshot")
        .order_by("-version")
    )
