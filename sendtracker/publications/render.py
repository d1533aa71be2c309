"""A published version's page content, rendered once when it is published.

The page shows the version's snapshot and the change log of every version up to it;
neither ever changes, so the content is rendered with the publication and kept on it
(`Publication.html`). After a change to the templates, `manage.py render_publications`
renders every version again from its snapshot.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from .models import Publication


def change_log(publication: Publication) -> list[dict]:
    """Every version of the plan up to `publication` (which may be unsaved), newest first."""
    earlier = (
        Publication.objects.filter(
            council_id=publication.council_id,
            plan_number=publication.plan_number,
            version__lt=publication.version,
        )
        .order_by("-version")
        .values("version", "published_at", "changes", "note")
    )
    this = {
        "version": publication.version,
        "published_at": publication.published_at,
        "changes": publication.changes,
        "note": publication.note,
    }
    return [this, *earlier]


def context(publication: Publication) -> dict:
    return {
        "publication": publication,
        "plan": publication.snapshot,
        "changes": change_log(publication),
        "pdf_url": reverse(
            "publications:plan-pdf",
            kwargs={"council_slug": publication.council_slug, "number": publication.plan_number},
        ),
    }


def page_content(publication: Publication) -> str:
    return render_to_string("publications/_plan_page.html", context(publication))
