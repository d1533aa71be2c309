"""A shared cache that nothing answers, for the tests of what happens when Redis is down."""

# Both Redis backends the service may run on: Django's own, which raises when Redis is
# down, and django-redis with IGNORE_EXCEPTIONS, which answers None.
DEAD_CACHES = ["django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache"]


def dead_cache(backend: str) -> dict:
    """CACHES for `backend` (one of DEAD_CACHES) pointed at a port nothing listens on."""
    from sendtracker.settings import caches

    configured = caches("redis://127.0.0.1:1/0")  # nothing listens there
    configured["default"]["BACKEND"] = backend
    if backend.startswith("django.core"):
        configured["default"].pop("OPTIONS")
    return configured
