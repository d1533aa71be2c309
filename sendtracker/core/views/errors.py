"""GOV.UK-styled error pages. Each logs one line (Django's request logger for 4xx)."""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger("sendtracker.security")


@login_not_required
def csrf_failure(request, reason=""):
    logger.warning("CSRF check failed on %s %s: %s", request.method, request.path, reason)
    return render(request, "errors/csrf.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@login_not_required
def server_error(request):
    # Rendered without the request, as Django's own handler does: what broke is often
    # the database, and the request's context (the signed-in user) would need it.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # The database cannot be reached (restarted, failed over): the GOV.UK "service
        # unavailable" page, 503, which clients and proxies may retry; nothing was saved
        # (a request's writes are one transaction).
        response = HttpResponse(loader.render_to_string("errors/503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.render_to_string("errors/500.html"))
