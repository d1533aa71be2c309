"""What grants views share: the URL's record, found within what the user may see."""

from django.http import Http404

from grants import selectors
from grants.models import GrantDetermination
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import PermissionMixin


class GrantsPermissionMixin(PermissionMixin):
    """Grants pages are for grant administrators unless a page names another permission."""

    permission = "administer_grants"


class GrantFormView(GrantsPermissionMixin, ServiceFormView):
    template_name = "grants/form.html"


class DeterminationMixin(GrantsPermissionMixin):
    def load(self):
        super().load()
        try:
            self.determination = GrantDetermination.objects.visible_to(self.request.user).get(
                pk=self.kwargs["pk"]
            )
        except GrantDetermination.DoesNotExist:
            raise Http404("No such determination") from None

    def service_kwargs(self):
        return {"determination": self.determination}

    def get_context_data(self, **kwargs):
        return super().get_context_data(determination=self.determination, **kwargs)

    def get_success_url(self):
        return self.determination.get_absolute_url()


class AllocationMixin(GrantsPermissionMixin):
    """The URL's allocation, only if the user may see it: another council's id is a 404."""

    def load(self):
        super().load()
        try:
            self.allocation = selectors.allocation_detail(self.request.user, self.kwargs["pk"])
        except selectors.Allocation.DoesNotExist:
            raise Http404("No such allocation") from None

    def service_kwargs(self):
        return {"allocation": self.allocation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(allocation=self.allocation, **kwargs)

    def get_success_url(self):
        return self.allocation.get_absolute_url()
