"""A full-page cache for anonymous visitors that is never stale.

A page is stored under the portal's data version (portal.core.cache): any write to a record bumps
it, so every page cached before the write is unreachable from that moment (on every app host,
when the cache is Redis). Pages also change by themselves, with no write: a scheduled article
appears, a date-dependent status ("in force", "upcoming") turns at local midnight. Each entry
therefore expires no later than the next such moment, which the apps declare with
`register_next_change`.

Only what is the same for every anonymous visitor is stored: GET or HEAD, no session cookie, no
pending message, a 200 answer that sets no cookie (a page whose form asked for a CSRF token sets
one, so it is never stored) and does not say private/no-store. Everything else passes through
untouched. The middleware sits before the session, CSRF and auth middleware, so a hit costs a
cache read and nothing else."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from .cache import data_version

NEXT_CHANGE_KEY = "portal:page-next-change:{version}"
_PROVIDERS: list[Callable[[datetime.datetime], datetime.datetime | None]] = []
# Headers a stored page is served with again; everything else is recomputed by the middleware
# that runs outside this one (security headers, CSP) or is per response (Date).
KEEP_HEADERS = ("Content-Type", "Content-Language", "Vary", "Cache-Control", "Last-Modified", "ETag",
                "Content-Disposition", "X-Robots-Tag", "Link")


def register_next_change(provider: Callable[[datetime.datetime], datetime.datetime | None]) -> None:
    """`provider(now)` returns the next moment after `now` at which some public page changes
    without a write (or None). Called from an AppConfig.ready()."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def next_local_midnight(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def next_change(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next moment some page changes by itself; computed once per data version and reused
    until that moment has passed."""
    now = now or timezone.now()
    cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
    key = NEXT_CHANGE_KEY.format(version=data_version())
    moment = cache.get(key)
    if moment is None or moment <= now:
        candidates = [next_local_midnight(now)]
        for provider in _PROVIDERS:
            found = provider(now)
            if found is not None and found > now:
                candidates.append(found)
        moment = min(candidates)
        cache.set(key, moment, max(1, int((moment - now).total_seconds())))
    return moment


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if request.headers.get("Authorization"):
        return False
    path = request.path_info
    return not any(path.startswith(prefix) for prefix in getattr(settings, "PAGE_CACHE_SKIP_PREFIXES", ()))


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A page that rendered a CSRF token holds a value tied to this visitor's cookie.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    return not control & {"private", "no-store", "no-cache"}


def _key(request) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if language not in dict(settings.LANGUAGES):  # a made-up value must not make entries of its own
        language = ""
    scheme = "https" if request.is_secure() else "http"
    raw = "|".join((scheme, request.get_host(), request.get_full_path(), language))
    return f"portal:page:{data_version()}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = str(len(content))
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            now = timezone.now()
            timeout = min(seconds, int((next_change(now) - now).total_seconds()))
            if timeout >= 1:
                headers = [(name, response[name]) for name in KEEP_HEADERS if name in response]
                cache.set(key, (response.status_code, headers, response.content), timeout)
                response["X-Page-Cache"] = "miss"
        return response
