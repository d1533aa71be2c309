"""The public pages: no sign-in, no cookies, cacheable (core.public), drawn only from
the published snapshot."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from sendtracker.core.public import public_page
from sendtracker.packs.render import html_to_pdf

from .. import selectors


@public_page
def index(request):
    search = request.GET.get("council", "")[:100]
    return render(
        request,
        "publications/index.html",
        {"plans": selectors.published_plans(search), "search": search},
    )


def _publication(council_slug: str, number: int):
    """The public version, or 404: the same 404 as any unknown page, whether the plan
    exists, was never published or was withdrawn."""
    publication = selectors.public_plan(council_slug, number)
    if publication is None:
        raise Http404("No published plan")
    return publication


def _context(publication) -> dict:
    return {
        "publication": publication,
        "plan": publication.snapshot,
        "changes": selectors.change_log(publication),
    }


@public_page
def plan(request, council_slug: str, number: int):
    publication = _publication(council_slug, number)
    return render(request, "publications/plan.html", _context(publication))


@public_page
def plan_pdf(request, council_slug: str, number: int):
    """The same content as a tagged PDF. A version never changes, so its PDF is made once
    and kept in the cache under the version's id."""
    publication = _publication(council_slug, number)
    key = f"publication-pdf:{publication.pk}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(render_to_string("publications/plan_pdf.html", _context(publication)))
        cache.set(key, pdf, timeout=None)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{publication.council.slug}-plan-{publication.plan_number}-v{publication.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
