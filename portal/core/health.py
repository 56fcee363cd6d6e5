"""/healthz for the load balancer: can this host reach the database, the cache and the file
storages? 200 when all answer, 503 when one does not, as JSON that names the failing part and
nothing more (the reason goes to the log, not to whoever asks)."""

import json
import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connections
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/healthz"
# A name no upload ever gets (uploads are random names in folders): looking it up is a stat on
# disk, one HEAD request on object storage, whatever the storage holds.
STORAGE_PROBE = "healthz-probe"


def check_database() -> None:
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache() -> None:
    token = secrets.token_hex(8)
    for alias in settings.CACHES:
        cache = caches[alias]
        key = f"healthz:{token}"
        cache.set(key, token, 10)
        if cache.get(key) != token:
            raise RuntimeError(f"cache {alias!r} did not keep a value")
        cache.delete(key)


def check_storage() -> None:
    # Static files are built with the code and served by WhiteNoise or the proxy: not data.
    for alias in settings.STORAGES:
        if alias != "staticfiles":
            storages[alias].exists(STORAGE_PROBE)


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def health_response(method: str) -> HttpResponse:
    if method not in ("GET", "HEAD"):
        response = HttpResponse(status=405)
        response["Allow"] = "GET, HEAD"
        return response
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("health check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    body = json.dumps({"status": "ok" if healthy else "error", "checks": results})
    response = HttpResponse(body, status=200 if healthy else 503, content_type="application/json")
    response["X-Content-Type-Options"] = "nosniff"
    # Every probe must reach this host: nothing may answer it from a cache.
    add_never_cache_headers(response)
    return response
