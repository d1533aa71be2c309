"""What every grants view shares: scoped loading, one named permission, service errors."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grants import selectors
from grants.models import GrantDetermination
from sendtracker.core.errors import DomainError
from sendtracker.core.permissions import has_permission
from sendtracker.core.views.mixins import ServiceFormMixin

logger = logging.getLogger("sendtracker.access")


class GrantsPermissionMixin:
    """Loads the URL's record among those the user may see (404 otherwise), then checks
    the view's named permission on it (403), before anything else runs."""

    permission = "administer_grants"

    def load(self, **kwargs) -> None:
        """Set the view's records from the URL; raise Http404 for what the user may not see."""

    def permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        self.load(**kwargs)
        if not has_permission(request.user, self.permission, self.permission_object()):
            logger.warning(
                "Refused %s on %s to user %s", self.permission, request.path, request.user.pk
            )
            raise PermissionDenied(f"You cannot {self.permission.replace('_', ' ')} here.")
        return super().dispatch(request, *args, **kwargs)


class DeterminationMixin(GrantsPermissionMixin):
    def load(self, **kwargs):
        super().load(**kwargs)
        try:
            self.determination = GrantDetermination.objects.visible_to(self.request.user).get(
                pk=kwargs["pk"]
            )
        except GrantDetermination.DoesNotExist:
            raise Http404("No such determination") from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(determination=self.determination, **kwargs)

    def get_success_url(self):
        return self.determination.get_absolute_url()


class AllocationMixin(GrantsPermissionMixin):
    """The URL's allocation, only if the user may see it: another council's id is a 404."""

    def load(self, **kwargs):
        super().load(**kwargs)
        try:
            self.allocation = selectors.allocation_detail(self.request.user, kwargs["pk"])
        except selectors.Allocation.DoesNotExist:
            raise Http404("No such allocation") from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(allocation=self.allocation, **kwargs)

    def get_success_url(self):
        return self.allocation.get_absolute_url()


class GrantServiceFormMixin(ServiceFormMixin):
    """ServiceFormMixin for forms that may not have the field a DomainError names."""

    template_name = "grants/form.html"
    success_message = "Saved."
    heading = ""

    def run(self, form):
        raise NotImplementedError

    def perform(self, form):
        try:
            return self.run(form)
        except DomainError as error:
            if error.field not in form.fields:
                error.field = None
            raise

    def form_valid(self, form):
        response = super().form_valid(form)
        if not form.errors:
            messages.success(self.request, self.success_message)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)
