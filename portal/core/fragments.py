"""Rendered parts of public pages, cached and never stale.

The full-page cache (portal.core.pagecache) serves only visitors without a session; an officer or a
staff member reading the public site has one, and so does every first render after a write. The
parts of a page that are the same for everyone (an article's body and gallery, a meeting's record,
the menu and footer) are therefore kept as rendered HTML under the same data version the page cache
uses: any write to a record makes every stored part unreachable, and a part expires no later than
the next moment a page changes by itself (`pagecache.next_change`). What a part shows must not
depend on who asks: no user, no message, no CSRF token inside `{% fragment %}`.

A view hands the template lazy values (querysets, `lazy_value`), so that on a hit the queries
behind a part are never run."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .cache import data_version
from .pagecache import next_change

KEY = "portal:part:{version}:{name}:{digest}"


def lazy_value(compute):
    """compute() on first use, never if the template part that uses it is served from the cache."""
    return SimpleLazyObject(compute)


def lazy_context(compute, names) -> dict:
    """{name: lazy value} for a template, each read from the dict compute() returns; compute() runs
    at most once, and never when every part that uses the names is stored."""
    record = SimpleLazyObject(compute)
    return {name: SimpleLazyObject(lambda name=name: record[name]) for name in names}


def _state(request) -> tuple[int, int, str] | None:
    """(data version, seconds a part may live, what every key of this request shares), read once;
    None when parts are not cached (turned off, or the next self-change is less than a second away)."""
    state = getattr(request, "_portal_fragments", False)
    if state is not False:
        return state
    seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    state = None
    if seconds > 0:
        now = timezone.now()
        timeout = min(seconds, int((next_change(now) - now).total_seconds()))
        if timeout >= 1:
            state = (data_version(), timeout, f"{get_language()}|{request.scheme}|{request.get_host()}")
    request._portal_fragments = state
    return state


def render(context, name: str, parts, render_part) -> str:
    """The stored HTML of part `name` for `parts`, or render_part() stored for next time. Rendered
    live where there is no request (e-mail), on a staff preview, or when parts are not cached."""
    request = context.get("request")
    if request is None or context.get("preview"):
        return render_part()
    return stored(request, name, parts, render_part)


def stored(request, name: str, parts, compute):
    """compute() kept under the same rules as a rendered part: for something a view builds the same
    for everyone (a feed's document), keyed by `parts`, the language and the host."""
    state = _state(request)
    if state is None:
        return compute()
    version, timeout, shared = state
    raw = "|".join([shared, *(str(part) for part in parts)])
    key = KEY.format(version=version, name=name, digest=hashlib.sha256(raw.encode()).hexdigest()[:32])
    cache = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
