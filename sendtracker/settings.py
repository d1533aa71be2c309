"""Settings for SEND tracker, configured from the environment only.

Every variable is listed in .env.example. With no environment at all the app runs
locally on SQLite with DEBUG on; production sets DEBUG=false, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)

_INSECURE_DEV_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or (_INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "sendtracker.core",
    "grants",
    "programmes",
    "inspections",
    "sendtracker.dashboards",
    "sendtracker.packs",
    "sendtracker.reminders",
    "sendtracker.official",
    "sendtracker.publications",
    "sendtracker.admin.SendTrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "auditlog",
    "axes",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "django_htmx",
    "django_tables2",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sendtracker.core.sessions.SessionRenewalMiddleware",
    "sendtracker.core.sessions.PrivateResponsesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sendtracker.core.audit.AuditMiddleware",
    # Last, so that it sees the final response of the sign-in view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sendtracker.urls"
WSGI_APPLICATION = "sendtracker.wsgi.application"
ASGI_APPLICATION = "sendtracker.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sendtracker.core.context_processors.service",
            ],
        },
    },
]

# Database: SQLite in the project by default; PostgreSQL (production, CI) by DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite; WAL lets readers work during a write.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# People and sign-in
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "sendtracker.core.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Sessions end after SESSION_IDLE_MINUTES without a request: requests renew them, at
# most once a minute (sendtracker.core.sessions), so that reading a page writes nothing.
SESSION_COOKIE_AGE = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "sendtracker.core.views.errors.csrf_failure"
# Banners ("Action status updated.") ride in a signed cookie (Django's default storage,
# falling back to the session for a long one), so that a save and the page it
# redirects to write nothing to the sessions table.

# Lock-out after repeated failed sign-ins (django-axes), per email address and IP
# address together so that nobody can lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "sendtracker.core.backends.lockout_username"
# Proxies in front of the app, each appending to X-Forwarded-For (0: clients connect
# directly). Lock-out and the audit trail take the client's address from it.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "sendtracker.core.backends.client_ip_address"
AXES_VERBOSE = False

# Security headers. HTTPS settings follow DEBUG so that local runs work over HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Email: printed to the console locally; SMTP in production (EMAIL_HOST and friends).
_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_EMAIL_OPTIONS = {}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _EMAIL_OPTIONS = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", default=True),
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "SEND tracker <noreply@sendtracker.example>"
)


# Cache: rendered fragments of big pages (BRAG on a page, plan rows), keyed by what
# changes on every write, so nothing needs deleting. In-process by default; Redis
# (REDIS_URL) shares it, and the rate-limit counts, between app servers in production.
# Redis is a cache, not a store: if it stops, every cache read misses and every write is
# dropped (logged by django_redis), so pages still serve, slower. Sessions stay in the
# database, so that nobody is signed out when Redis restarts.
def caches(redis_url: str) -> dict:
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 20000},
            }
        }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # On the same network: a Redis that takes longer is as good as down.
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


CACHES = caches(os.environ.get("REDIS_URL", ""))
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Public pages (sendtracker.core.public: published plans, the accessibility statement):
# how long a cache or CDN may keep them, and how many requests one client address may
# make to each in a window (django-ratelimit's "count/period", counted in the cache).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))
PUBLIC_RATE_LIMIT = os.environ.get("PUBLIC_RATE_LIMIT", "120/m")

# Internationalisation
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: vendored GOV.UK Frontend and our own, served by WhiteNoise.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Generated packs and uploaded letters: in PostgreSQL, where every app server reads
    # them (see the README's "Deployment").
    "default": {"BACKEND": "sendtracker.core.storage.DatabaseStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "sendtracker.core.storage.ModuleAwareManifestStaticFilesStorage"
        )
    },
}
# Files are stored in the database; MEDIA_ROOT is only where files kept on disk before
# are copied from (manage.py copy_media_to_database).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Packs and letters are served only through their own views (never at MEDIA_URL).
MEDIA_URL = "/media/"

# Background tasks (Django's tasks framework), run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "packs"],
    }
}
# PDF packs: plans with more actions than this are made in the background; files are
# kept for PACK_KEEP_HOURS; a job running for longer than PACK_STALE_MINUTES is taken
# to have lost its worker and is retried up to PACK_MAX_ATTEMPTS times in all.
PACK_DIRECT_MAX_ACTIONS = int(os.environ.get("PACK_DIRECT_MAX_ACTIONS", "150"))
# A council pack's length follows its rows (actions, milestones, measure observations):
# about 300 make 25 pages, a few seconds to render; more go to the worker.
PACK_DIRECT_MAX_ROWS = int(os.environ.get("PACK_DIRECT_MAX_ROWS", "300"))
PACK_KEEP_HOURS = int(os.environ.get("PACK_KEEP_HOURS", "24"))
PACK_STALE_MINUTES = int(os.environ.get("PACK_STALE_MINUTES", "15"))
PACK_MAX_ATTEMPTS = int(os.environ.get("PACK_MAX_ATTEMPTS", "3"))

# Forms and tables
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
DJANGO_TABLES2_TEMPLATE = "components/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "govuk-table"}

# Audit trail (django-auditlog): who did it, from which address.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

SERVICE_NAME = "SEND tracker"
# Where Django's admin is (for site administrators only; 404 to anyone else): set
# ADMIN_PATH to a path of your own in production, ending in "/".
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
SERVICE_PHASE = os.environ.get("SERVICE_PHASE", "Beta")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        # Failed sign-ins and lock-outs are warnings; successes are not worth a line each.
        "axes": {"level": "WARNING"},
    },
}

# The inspection frameworks' clocks, every window in this one place (inspections/clocks.py
# reads nothing else), because Ofsted, CQC and DfE change them. Working days leave out
# weekends and England and Wales bank holidays (sendtracker/core/workdays.py).
# SEND_FRAMEWORK_WINDOWS in the environment (JSON) replaces any of them, e.g.
# SEND_FRAMEWORK_WINDOWS='{"priority_action_plan_working_days": 35}'.
FRAMEWORK_WINDOW_DEFAULTS = {
    # 2016 local area SEND framework
    # The written statement of action: due this many working days after the report.
    "wsoa_working_days": 70,
    # A revisit: usually within about this many months of the WSOA's acceptance.
    "revisit_months": 18,
    # An accelerated progress plan: its progress review this many months after it was
    # accepted, with documentary evidence to DfE this many days before the review.
    "app_review_months": 6,
    "app_evidence_days_before_review": 14,
    # 2023 area SEND framework (updated 6 June 2025)
    # The priority action plan: due this many working days after the report. Neither the
    # domain notes nor the seed documents give Ofsted's number: 30 is our default, to be
    # checked against the handbook in force and set here (see docs/clocks.md).
    "priority_action_plan_working_days": 30,
    # A monitoring inspection: about this many months after a report of widespread
    # and/or systemic failings.
    "monitoring_inspection_months": 18,
    # The next full inspection: about this many years after the report, for the lower
    # two outcomes and for the top one.
    "next_inspection_years_lower_outcomes": 3,
    "next_inspection_years_top_outcome": 5,
}


def framework_windows(environ) -> dict[str, int]:
    """The defaults with the environment's replacements: known names, whole numbers of
    1 or more (0 only for the evidence's days before a review)."""
    import json

    windows = dict(FRAMEWORK_WINDOW_DEFAULTS)
    # Kept from before the windows were gathered here.
    if "MONITORING_INSPECTION_AFTER_MONTHS" in environ:
        windows["monitoring_inspection_months"] = int(environ["MONITORING_INSPECTION_AFTER_MONTHS"])
    raw = environ.get("SEND_FRAMEWORK_WINDOWS", "").strip()
    if raw:
        try:
            given = json.loads(raw)
        except ValueError as error:
            raise ImproperlyConfigured(f"SEND_FRAMEWORK_WINDOWS is not JSON: {error}") from None
        if not isinstance(given, dict):
            raise ImproperlyConfigured("SEND_FRAMEWORK_WINDOWS must be a JSON object")
        unknown = set(given) - set(windows)
        if unknown:
            raise ImproperlyConfigured(
                f"SEND_FRAMEWORK_WINDOWS names unknown windows: {', '.join(sorted(unknown))}"
            )
        windows.update(given)
    for name, value in windows.items():
        least = 0 if name == "app_evidence_days_before_review" else 1
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ImproperlyConfigured(f"SEND_FRAMEWORK_WINDOWS: {name} must be a whole number")
    return windows


SEND_FRAMEWORK_WINDOWS = framework_windows(os.environ)


# Email reminders (manage.py send_reminders, every few minutes from cron or `make run`).
# REMINDER_BACKEND: "notify" (GOV.UK Notify, production), "console" (prints them, the
# default) or "outbox" (kept in memory, for tests). Each kind of reminder has its own
# Notify template, given the personalisation fields name, about, why, body and link.
REMINDER_BACKEND = os.environ.get("REMINDER_BACKEND", "console")
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_IDS = {
    kind: os.environ.get(f"NOTIFY_TEMPLATE_{kind.upper()}", "")
    for kind in ("action_due", "action_overdue", "meeting_updates", "meeting_pack", "grant_report")
}
# How far ahead each reminder looks, in days, every number in this one place.
REMINDER_WINDOWS = {
    # a week before an action milestone, impact milestone or recovery date
    "days_before_action_date": int(os.environ.get("REMINDER_DAYS_BEFORE", "7")),
    # then every this many days while the action is overdue
    "overdue_every_days": int(os.environ.get("REMINDER_OVERDUE_EVERY_DAYS", "7")),
    # before a board meeting, to officers, health partners and board members
    "days_before_meeting": int(os.environ.get("REMINDER_MEETING_DAYS_BEFORE", "5")),
    # before a grant's usage report is due (the end of the grant period)
    "days_before_grant_report": int(os.environ.get("REMINDER_GRANT_DAYS_BEFORE", "28")),
    # "since the last meeting" when a board has had none before: this many days
    "first_meeting_lookback_days": 28,
}
# The address links in emails start with (emails leave the site, so they need it).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
