"""The public pages: no sign-in, no cookies, cacheable (core.public). A plan's page is
its published version's content, rendered when it was published from its snapshot."""

import functools

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from sendtracker.core.public import public_page, public_response
from sendtracker.packs.render import html_to_pdf

from .. import render, selectors


@public_page
def index(request):
    search = request.GET.get("council", "")[:100]
    content = render_to_string(
        "publications/_index.html",
        {"plans": selectors.published_plans(search), "search": search},
    )
    return public_response(title="Published improvement plans", content=content)


def _not_found():
    """The same 404 as any unknown page, whether the plan exists, was never published or
    was withdrawn."""
    return Http404("No published plan")


@functools.cache
def breadcrumbs() -> str:
    return (
        '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">'
        '<ol class="govuk-breadcrumbs__list"><li class="govuk-breadcrumbs__list-item">'
        f'<a class="govuk-breadcrumbs__link" href="{reverse("publications:index")}">'
        "Published plans</a></li></ol></nav>"
    )


@public_page
def plan(request, council_slug: str, number: int):
    found = selectors.public_page(council_slug, number)
    if found is None:
        raise _not_found()
    title, council, html = found
    return public_response(title=f"{title} – {council}", before=breadcrumbs(), content=html)


@public_page
def plan_pdf(request, council_slug: str, number: int):
    """The same content as a tagged PDF. A version never changes, so its PDF is made once
    and kept in the cache under the version's id."""
    publication = selectors.public_plan(council_slug, number)
    if publication is None:
        raise _not_found()
    key = f"publication-pdf:{publication.pk}"
    pdf = cache.get(key)
    if pdf is None:
        context = render.context(publication)
        pdf = html_to_pdf(render_to_string("publications/plan_pdf.html", context))
        cache.set(key, pdf, timeout=None)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{publication.council_slug}-plan-{publication.plan_number}-v{publication.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
