"""What grants views share: the URL's record, found within what the user may see."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from grants import selectors
from grants.models import GrantDetermination
from sendtracker.core.views.forms import ServiceFormView
from sendtracker.core.views.mixins import PermissionMixin


def one_or_404(what: str, read, *args, **kwargs):
    """`read(*args, **kwargs)`, or a 404 "No such <what>" when it finds nothing.

    Reads are scoped to the user, so another council's record is a 404 too.
    """
    try:
        return read(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404(f"No such {what}") from None


class GrantsPermissionMixin(PermissionMixin):
    """Grants pages are for grant administrators unless a page names another permission."""

    permission = "administer_grants"


class GrantFormView(GrantsPermissionMixin, ServiceFormView):
    template_name = "grants/form.html"


class GrantRecordMixin(GrantsPermissionMixin):
    """The URL's record, read by `read(user, pk)`, kept as the view's attribute `name`.

    Another council's record is a 404. The page shows the record as `name`, its form
    acts on it (the service's `name` argument), and a save returns to its page.
    """

    name = ""

    def read(self, user, pk):
        raise NotImplementedError

    def load(self):
        super().load()
        record = one_or_404(self.name, self.read, self.request.user, self.kwargs["pk"])
        setattr(self, self.name, record)

    def get_record(self):
        return getattr(self, self.name)

    def service_kwargs(self):
        return {self.name: self.get_record()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{self.name: self.get_record()}, **kwargs)

    def get_success_url(self):
        return self.get_record().get_absolute_url()


class DeterminationMixin(GrantRecordMixin):
    name = "determination"

    def read(self, user, pk):
        return GrantDetermination.objects.visible_to(user).get(pk=pk)


class AllocationMixin(GrantRecordMixin):
    name = "allocation"

    def read(self, user, pk):
        return selectors.allocation_detail(user, pk)
