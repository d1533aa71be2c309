from django.conf import settings
from django.urls import reverse

from sendtracker.core.public import is_public

NAVIGATION = [
    ("home", "Home", "home"),
    ("councils", "Councils", "council-list"),
    ("inspections", "Improvement plans", "inspections:home"),
    ("programmes", "Programmes", "programmes:home"),
    ("grants", "Grants", "grants:home"),
    ("dashboards", "Dashboards", "dashboards:home"),
]


def service(request):
    """The service name, phase and navigation, with the current section marked."""
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
            items.append(("people", "People", "people-list"))
        navigation = [
            {"text": text, "href": reverse(url_name), "active": key == section}
            for key, text, url_name in items
        ]
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "service_navigation": navigation,
    }
