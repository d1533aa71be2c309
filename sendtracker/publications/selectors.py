"""Reads of published plans. The public ones need no user: what is public is decided by
the rows (current, not withdrawn), and nothing else is ever shown."""

from django.db.models import QuerySet

from .models import Publication


def public_publications() -> QuerySet:
    """Every plan's current version that is not withdrawn."""
    return Publication.objects.filter(current=True, withdrawn_at__isnull=True)


def published_plans(search: str = "") -> list[dict]:
    """The index: each public plan's council, title, kind, version and dates, by council
    name, narrowed to councils whose name contains `search`. One query."""
    rows = public_publications().select_related("council").order_by("council__name", "pk")
    if search.strip():
        rows = rows.filter(council__name__icontains=search.strip())
    return [
        {
            "council": row.council.name,
            "title": row.snapshot["title"],
            "kind": row.snapshot["kind"],
            "version": row.version,
            "published_at": row.published_at,
            "next_update_due": row.next_update_due,
            "url": row.get_absolute_url(),
        }
        for row in rows
    ]


def public_plan(council_slug: str, number: int) -> Publication | None:
    """The plan's public version, or None (unknown, never published or withdrawn)."""
    return (
        public_publications()
        .filter(council__slug=council_slug, plan_number=number)
        .select_related("council")
        .first()
    )


def change_log(publication: Publication) -> list[dict]:
    """Every version of the plan up to this one, newest first: when, and what changed."""
    return list(
        Publication.objects.filter(
            council_id=publication.council_id,
            plan_number=publication.plan_number,
            version__lte=publication.version,
        )
        .order_by("-version")
        .values("version", "published_at", "changes", "note")
    )


def publications_of(plan) -> list[Publication]:
    """The plan's versions, newest first, with who published and withdrew them."""
    return list(
        Publication.objects.filter(plan=plan)
        .select_related("published_by", "withdrawn_by")
        .defer("snapshot")
        .order_by("-version")
    )
