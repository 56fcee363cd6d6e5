"""Cached reads that stay correct: every cached result is keyed by a data version that any
write to the portal's records bumps.

Writes through the ORM bump it by signal (portal.core.apps); bulk writes that bypass signals
(bulk_create, bulk_update, QuerySet.update) call `data_changed()` themselves. Coarse on purpose:
records change a few times a day, pages are read all day, and a stale statistic is worse
than a recomputed one."""

import hashlib
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "portal:data-version"
# Apps whose rows public pages show; a write to any of their models invalidates cached reads.
RECORD_APPS = frozenset({"clusters", "meetings", "awards", "nominations", "scoring", "news"})


def _version_file() -> Path | None:
    """Where the version lives when the cache is each process's own memory (no REDIS_URL): a
    write in one gunicorn worker must reach the pages the other workers keep. A file's
    modification time is read with one stat() per request and shared by every process of the host;
    several hosts share Redis instead (README, scaling)."""
    path = getattr(settings, "DATA_VERSION_FILE", None)
    return Path(path) if path else None


def _touch(path: Path) -> None:
    try:
        previous = path.stat().st_mtime_ns
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        previous = 0
    # strictly later than the last version, even if the clock is coarse or went back
    moment = max(time.time_ns(), previous + 1_000)
    os.utime(path, ns=(moment, moment))


def data_version() -> int:
    path = _version_file()
    if path is not None:
        try:
            return path.stat().st_mtime_ns
        except FileNotFoundError:
            _touch(path)
            return path.stat().st_mtime_ns
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY) or 1
    return version


def data_changed(**_signal_kwargs) -> None:
    path = _version_file()
    if path is not None:
        _touch(path)
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (fresh or evicted cache): any new value invalidates
        cache.add(VERSION_KEY, 2, None)


def records_written() -> None:
    """Call after a write the signals do not see (bulk_create, bulk_update, QuerySet.update).

    Bumps now, and again once the transaction commits: a page computed by another request
    between the two, from data not yet committed, is never served under the final version."""
    data_changed()
    transaction.on_commit(data_changed)


def on_record_write(sender, **kwargs) -> None:
    if sender._meta.app_label in RECORD_APPS:
        records_written()


def cached(name: str, parts, compute, *, timeout: int = 60 * 60):
    """compute() once per data version and `parts` (anything with a stable repr)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"portal:cached:{name}:{data_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
