import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from sendtracker.core.public import is_public

NAVIGATION = [
    ("home", "Home", "home"),
    ("councils", "Councils", "council-list"),
    ("inspections", "Improvement plans", "inspections:home"),
    ("programmes", "Programmes", "programmes:home"),
    ("grants", "Grants", "grants:home"),
    ("dashboards", "Dashboards", "dashboards:home"),
]


PEOPLE = ("people", "People", "people-list")


@functools.lru_cache(maxsize=16)
def _hrefs(script_prefix: str, urlconf: str) -> dict[str, str]:
    """Each navigation item's URL, reversed once per process (per prefix and URL conf):
    they take no arguments, and every page drew them."""
    return {url_name: reverse(url_name) for _, _, url_name in [*NAVIGATION, PEOPLE]}


def service(request):
    """The service name, phase and navigation, with the current section marked.

    The navigation is worked out when a template draws it: fragments rendered with
    the request (the plan page's actions) run this too, and never draw it.
    """
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "service_navigation": SimpleLazyObject(lambda: _navigation(request)),
    }


def _navigation(request) -> list[dict]:
    section = getattr(request, "section", None)
    match = getattr(request, "resolver_match", None)
    if section is None and match is not None:
        section = match.namespace or {"council-list": "councils"}.get(match.url_name)
        if section is None and match.url_name and match.url_name.startswith("council"):
            section = "councils"
        if section is None and match.url_name == "home":
            section = "home"
        if section is None and match.url_name and match.url_name.startswith(("people", "person")):
            section = "people"
    navigation = []
    # A public page (core.public) never asks who is signed in: that reads the session,
    # and a response that did would vary by cookie and could not be cached for everyone.
    if not is_public(request) and request.user.is_authenticated:
        from sendtracker.core.permissions import can_manage_users

        items = list(NAVIGATION)
        if can_manage_users(request.user):
            items.append(PEOPLE)
        hrefs = _hrefs(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        navigation = [
            {"text": text, "href": hrefs[url_name], "active": key == section}
            for key, text, url_name in items
        ]
    return navigation
