import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from sendtracker.core.models import Council, Region
from sendtracker.core.permissions import has_permission

logger = logging.getLogger("sendtracker.access")


class PermissionMixin:
    """Finds the URL's records, then checks one named permission on one of them.

    `load()` finds what the URL names (404 for what the user may not see, so nobody
    learns which records exist elsewhere); `permission` names what the user must be
    allowed to do, and `permission_object()` what it applies to (None: the whole site).
    A refusal answers 403 and is logged, here only.

    A page that names no permission asks for "change_council" if it writes (a
    ServiceFormView) and "view_council" otherwise. The default is decided in
    `get_permission`, not by a class attribute, so the order of a view's bases cannot
    lend it a mixin's weaker permission; and a view listing this mixin after its view
    class, whose dispatch would never reach the check, is refused when it is defined.
    """

    permission: str | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if View in cls.__mro__ and cls.__mro__.index(View) < cls.__mro__.index(PermissionMixin):
            raise TypeError(
                f"{cls.__qualname__} lists {PermissionMixin.__name__} after its view class, "
                "so its permission would never be checked"
            )

    def load(self) -> None:
        """Set the view's records from the URL; raise Http404 for what the user may not see."""

    def permission_object(self):
        return None

    def get_permission(self) -> str:
        if self.permission:
            return self.permission
        return "change_council" if getattr(self, "writes", False) else "view_council"

    def dispatch(self, request, *args, **kwargs):
        self.load()
        permission, obj = self.get_permission(), self.permission_object()
        if not has_permission(request.user, permission, obj):
            on = (
                "the site"
                if obj is None
                else f"{obj._meta.model_name} {getattr(obj, 'slug', obj.pk)}"
            )
            logger.warning(
                "Refused %s on %s at %s to user %s", permission, on, request.path, request.user.pk
            )
            where = "" if obj is None else " here"
            raise PermissionDenied(f"You cannot {permission.replace('_', ' ')}{where}.")
        return super().dispatch(request, *args, **kwargs)


class CouncilScopedMixin(PermissionMixin):
    """Finds the URL's council among those the user may see, then checks a permission on it.

    A council the user may not see answers 404, exactly as one that does not exist. A
    council they may see but not act on (an adviser on an edit page) answers 403.
    """

    def load(self) -> None:
        super().load()
        self.council = self.get_council()

    def permission_object(self):
        return self.council

    def service_kwargs(self):
        """A form page under a council writes to that council (ServiceFormView)."""
        return {"council": self.council}

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


class CouncilRecordMixin(CouncilScopedMixin):
    """A page about one record of the URL's council (a plan: `plan_id`), found with its
    council in one query by `find_record(council slug, record id)` (a selector that
    answers the record, with its council, or None) and kept as `self.<record_name>`;
    then the council's scope. Any part of the URL that does not match, or a council the
    user may not see, is a 404: nobody learns which records exist elsewhere."""

    find_record = None  # staticmethod(selector)
    record_kwarg = "plan_id"
    record_name = "plan"

    def get_council(self):
        record = self.find_record(self.kwargs["council_slug"], self.kwargs[self.record_kwarg])
        if record is None:
            raise Http404(f"No {self.record_name} found matching the query")
        setattr(self, self.record_name, record)
        return self.council_visible(record.council)


class NationalScopeMixin:
    """A page over every council in England: for users with national scope only. To
    anyone else it does not exist (404)."""

    def dispatch(self, request, *args, **kwargs):
        from sendtracker.core.access import access_for

        if not access_for(request.user).national:
            raise Http404("National view")
        return super().dispatch(request, *args, **kwargs)


class RegionScopedMixin(PermissionMixin):
    """Finds the URL's region (`region_slug`) if the user reads it by region, else 404;
    then checks the view's permission on it (403)."""

    def load(self) -> None:
        super().load()
        self.region = get_object_or_404(Region, slug=self.kwargs["region_slug"])
        if not has_permission(self.request.user, "view_region", self.region):
            raise Http404("No such region")

    def permission_object(self):
        return self.region

    def get_context_data(self, **kwargs):
        return super().get_context_data(region=self.region, **kwargs)
