"""Cached reads that stay correct: every cached result is keyed by a data version that any
write to the portal's records bumps.

Writes through the ORM bump it by signal (portal.core.apps); bulk writes that bypass signals
(bulk_create, bulk_update, QuerySet.update) call `data_changed()` themselves. Coarse on purpose:
records change a few times a day, pages are read all day, and a stale statistic is worse
than a recomputed one."""

import hashlib

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "portal:data-version"
# Apps whose rows public pages show; a write to any of their models invalidates cached reads.
RECORD_APPS = frozenset({"clusters", "meetings", "awards", "nominations", "scoring", "news"})


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY) or 1
    return version


def data_changed(**_signal_kwargs) -> None:
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
