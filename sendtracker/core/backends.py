from django.conf import settings

from sendtracker.core.access import access_for


def lockout_username(request, credentials=None):
    """The sign-in email as django-axes counts failures: lower-cased.

    Sign-in ignores the case of the email, so lock-out must too; otherwise each new
    spelling (Pat@, PAT@, pAt@...) would get a fresh set of attempts.
    """
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = getattr(request, "data", request.POST).get(settings.AXES_USERNAME_FORM_FIELD)
    return username.strip().lower() if username else username


def client_ip_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the one the outermost of PROXY_COUNT proxies saw.

    Each proxy appends the address it was reached from to X-Forwarded-For, so the
    entries before the last PROXY_COUNT were written by the client and prove nothing.
    """
    if settings.PROXY_COUNT:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= settings.PROXY_COUNT:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


class RoleBackend:
    """Gives site administrators Django admin's model permissions.

    Roles, not Django's permission tables, decide access; this backend lets the admin
    site (used by site administrators to manage users and roles) follow them.
    Audit entries stay read-only: no change or delete permission on them for anyone.
    """

    READ_ONLY_APPS = {"auditlog", "axes"}

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if not access_for(user_obj).site_administrator:
            return False
        app_label, _, codename = perm.partition(".")
        if app_label in self.READ_ONLY_APPS:
            return codename.startswith("view_")
        return True

    def has_module_perms(self, user_obj, app_label):
        return access_for(user_obj).site_administrator
