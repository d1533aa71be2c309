import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from sendtracker.core.errors import DomainError
from sendtracker.core.models import Council
from sendtracker.core.permissions import has_permission

logger = logging.getLogger("sendtracker.access")


class CouncilScopedMixin:
    """Finds the URL's council among those the user may see, then checks a permission.

    A council the user may not see answers 404, exactly as one that does not exist,
    so that nobody learns which records exist elsewhere. A council they may see but
    not act on (an adviser on an edit page) answers 403.
    """

    permission = "view_council"

    def dispatch(self, request, *args, **kwargs):
        self.council = self.get_council()
        if not has_permission(request.user, self.permission, self.council):
            logger.warning(
                "Refused %s on %s to user %s", self.permission, self.council.slug, request.user.pk
            )
            raise PermissionDenied(f"You cannot {self.permission.replace('_', ' ')} here.")
        return super().dispatch(request, *args, **kwargs)

    def get_council(self) -> Council:
        """The URL's council, if the user may see it; 404 otherwise.

        A page about one record may find the record and its council in one query
        instead, then ask `council_visible` whether the user may see that council.
        """
        return get_object_or_404(
            Council.objects.visible_to(self.request.user).select_related("region"),
            slug=self.kwargs["council_slug"],
        )

    def council_visible(self, council: Council) -> Council:
        """`council`, if `visible_to` would have found it for the user; 404 otherwise."""
        if not has_permission(self.request.user, "view_council", council):
            raise Http404("No council found matching the query")
        return council

    def get_context_data(self, **kwargs):
        return super().get_context_data(council=self.council, **kwargs)


class ServiceFormMixin:
    """Runs `perform(form)` (a service call) and turns its DomainError into form errors."""

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except DomainError as error:
            form.add_error(error.field, error.message)
            self.on_domain_error(form, error)
            return self.form_invalid(form)
        return super().form_valid(form)

    def on_domain_error(self, form, error):
        """Hook for views that show more than the message (a stale edit's changes)."""

    def perform(self, form):
        raise NotImplementedError


class PermissionRequiredMixin:
    """For pages not about one council: checks a named permission, 403 otherwise."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not has_permission(request.user, self.permission):
            logger.warning("Refused %s to user %s", self.permission, request.user.pk)
            raise PermissionDenied(f"You cannot {self.permission.replace('_', ' ')}.")
        return super().dispatch(request, *args, **kwargs)
