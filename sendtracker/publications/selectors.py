"""Reads of published plans. The public ones need no user: what is public is decided by
the rows (current, not withdrawn), and nothing else is ever shown."""

from django.db.models import F, QuerySet
from django.urls import reverse

from .models import Publication


def public_publications() -> QuerySet:
    """Every plan's current version that is not withdrawn."""
    return Publication.objects.filter(current=True, withdrawn_at__isnull=True)


def published_plans(search: str = "") -> list[dict]:
    """The index: each public plan's council, title, version and dates, by council name,
    narrowed to councils whose name contains `search`. One query."""
    rows = public_publications().order_by("council_name", "pk")
    if search.strip():
        rows = rows.filter(council_name__icontains=search.strip())
    return [
        {**row, "url": reverse("publications:plan", args=[row["council_slug"], row["number"]])}
        for row in rows.values(
            "council_name",
            "council_slug",
            "title",
            "version",
            "published_at",
            "next_update_due",
            number=F("plan_number"),
        )
    ]


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
    """The public version's title, council name and page content, or None: one plain
    query, no model instance (this is every visitor's read)."""
    return (
        public_publications()
        .filter(council_slug=council_slug, plan_number=number)
        .values_list("title", "council_name", "html")
        .first()
    )


def publications_of(plan) -> list[Publication]:
    """The plan's versions, newest first, with who published and withdrew them."""
    return list(
        Publication.objects.filter(plan=plan)
        .select_related("published_by", "withdrawn_by")
        .defer("snapshot")
        .order_by("-version")
    )
