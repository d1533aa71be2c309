from sendtracker.core.access import access_for


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
