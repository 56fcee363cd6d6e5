"""Login throttling: after too many failed attempts for a user name, or from an address, within
a window, the login is refused with a clear message until the window has passed. Counters live
in the cache, so several app hosts share them when REDIS_URL points at Redis."""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from portal.core.text import fold


def _limits():
    return (
        getattr(settings, "LOGIN_FAILURES_PER_USER", 5),
        getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 20),
        getattr(settings, "LOGIN_FAILURE_WINDOW", 15 * 60),
    )


def _key(kind: str, value: str) -> str:
    # Hashed: user names and addresses stay out of cache key listings.
    return f"login-failures:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def client_address(request) -> str:
    if request is None:
        return ""
    if getattr(settings, "LOGIN_THROTTLE_TRUST_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The last hop is the one our own proxy added; earlier ones are the client's word.
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _keys(username: str, address: str):
    keys = []
    if username:
        keys.append(("user", _key("user", fold(username.strip()))))
    if address:
        keys.append(("address", _key("address", address)))
    return keys


def blocked_for(username: str, address: str) -> int:
    """Minutes left before another attempt is allowed (0: allowed now)."""
    per_user, per_address, window = _limits()
    now = timezone.now().timestamp()
    keys = _keys(username, address)
    values = cache.get_many([key for _kind, key in keys] + [f"{key}:start" for _kind, key in keys])
    wait = 0.0
    for kind, key in keys:
        limit = per_user if kind == "user" else per_address
        if (values.get(key) or 0) >= limit:
            wait = max(wait, values.get(f"{key}:start", now) + window - now, 60)
    return math.ceil(wait / 60) if wait > 0 else 0


def record_failure(username: str, address: str) -> None:
    _per_user, _per_address, window = _limits()
    now = timezone.now().timestamp()
    for _kind, key in _keys(username, address):
        # add + incr are atomic in Redis and in the local cache: parallel guesses all count.
        # The window runs from the first failure, so waiting it out always works.
        cache.add(f"{key}:start", now, timeout=window)
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def clear_user(username: str) -> None:
    key = _key("user", fold(username.strip()))
    cache.delete_many([key, f"{key}:start"])
