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


# Sign-in limits besides django-axes' lock-out (which counts failures per email and
# address together, so that nobody can lock a colleague out from elsewhere). Axes has
# one failure limit for all its parameter lists, so the two wider limits, each higher,
# are counted here with django-ratelimit, in the shared cache (Redis in production:
# every app server counts the same failures):
#   - failures from one address, whatever the emails (SIGN_IN_ADDRESS_RATE), which stops
#     one address trying many accounts;
#   - failures on one account, whatever the addresses (SIGN_IN_ACCOUNT_RATE), which
#     stops an account being tried again at once from another address.
# Only failures count (the `user_login_failed` signal); a refused attempt is not tried,
# so it neither counts nor prolongs the wait.
SIGN_IN_ADDRESS = "sign-in-address"
SIGN_IN_ACCOUNT = "sign-in-account"


def _account_key(email: str):
    from sendtracker.core.ratelimit import hashed

    return lambda group, request: f"account:{hashed(email)}"


def _sign_in_limits(request, email: str | None):
    """(group, rate setting, key) of each wider sign-in limit that applies."""
    from sendtracker.core.ratelimit import address

    limits = [(SIGN_IN_ADDRESS, settings.SIGN_IN_ADDRESS_RATE, address)]
    if email:
        limits.append((SIGN_IN_ACCOUNT, settings.SIGN_IN_ACCOUNT_RATE, _account_key(email)))
    return limits


def count_sign_in_failure(sender, credentials, request=None, **kwargs):
    """Count a failed sign-in against its address and its account (a signal receiver)."""
    if request is None:
        return
    from sendtracker.core.ratelimit import usage

    email = lockout_username(request, credentials)
    for group, rate, key in _sign_in_limits(request, email):
        usage(request, group=group, rate=rate, key=key, increment=True)


def sign_in_refusal(request):
    """The 429 page if this sign-in's address or account has reached its limit of
    failures, with a log line naming the limit and the address or a digest of the
    email; None otherwise."""
    from sendtracker.core import ratelimit

    email = lockout_username(request)
    for group, rate, key in _sign_in_limits(request, email):
        counted = ratelimit.usage(request, group=group, rate=rate, key=key, increment=False)
        if counted is not None and counted["count"] >= counted["limit"]:
            ratelimit.log_refusal(request, group=group, who=key(group, request))
            return ratelimit.too_many_requests(
                request, wording=ratelimit.SIGN_IN, retry_after=counted["time_left"]
            )
    return None


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lock-out (per email and address) as every other refusal: the
    "Too many attempts to sign in" page (429) with Retry-After, and a security log line
    naming the address (never the email)."""
    from sendtracker.core import ratelimit

    ratelimit.log_refusal(
        request, group="sign-in-lockout", who=f"address:{client_ip_address(request) or ''}"
    )
    return ratelimit.too_many_requests(
        request,
        wording=ratelimit.SIGN_IN,
        retry_after=int(settings.AXES_COOLOFF_TIME * 60 * 60),
        template=settings.AXES_LOCKOUT_TEMPLATE,
    )
