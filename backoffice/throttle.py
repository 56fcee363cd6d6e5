"""Login throttling that cannot be turned against people.

* A (user name, address) pair is locked after LOGIN_FAILURES_PER_USER wrong passwords, for a
  delay that doubles with every further failure (LOGIN_LOCK_BASE, capped at LOGIN_LOCK_MAX):
  a guesser elsewhere cannot lock the reviewer out of her own office.
* An address is limited only for spraying: LOGIN_DISTINCT_NAMES_PER_ADDRESS different user
  names failing from it within LOGIN_FAILURE_WINDOW. It then refuses user names that have not
  signed in successfully from that address before, so an office behind one public address keeps
  working for the people who use it.
* A right password never counts as a failure; it clears the pair's failures.

Counters are rows of LoginAttempt in the database, which every worker and host shares (never
per-process memory), and which staff can list and clear (the "locked sign-ins" page). One
write per failed login is cheap; see the commit for why this is not django-axes."""

import datetime
import secrets

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from portal.core.clients import client_address  # noqa: F401 - the sign-in form counts by it
from portal.core.text import fold

# Successful sign-ins remembered per (name, address), so the address limit spares the office.
KNOWN_FOR = datetime.timedelta(days=90)
# Failures of a pair are forgotten after this long without a new one.
PAIR_MEMORY = datetime.timedelta(days=1)


def _setting(name, default):
    return getattr(settings, name, default)


def per_pair():
    return _setting("LOGIN_FAILURES_PER_USER", 5)


def per_address():
    return _setting("LOGIN_DISTINCT_NAMES_PER_ADDRESS", _setting("LOGIN_FAILURES_PER_ADDRESS", 20))


def window():
    return datetime.timedelta(seconds=_setting("LOGIN_FAILURE_WINDOW", 15 * 60))


def delay_after(failures: int) -> datetime.timedelta:
    """The lock after this many failures of a pair: none below the limit, then base, doubling."""
    limit = per_pair()
    if failures < limit:
        return datetime.timedelta(0)
    base = _setting("LOGIN_LOCK_BASE", 60)
    cap = _setting("LOGIN_LOCK_MAX", 60 * 60)
    return datetime.timedelta(seconds=min(base * 2 ** min(failures - limit, 30), cap))


def normalise(username: str) -> str:
    return fold((username or "").strip())[:150]


def _attempts():
    from .models import LoginAttempt

    return LoginAttempt.objects


def pair_locked_until(username: str, address: str):
    name = normalise(username)
    since = timezone.now() - PAIR_MEMORY
    stats = _attempts().filter(username=name, address=address, succeeded=False, at__gte=since).aggregate(
        failures=Count("id"), last=Max("at"))
    if not stats["failures"] or stats["failures"] < per_pair():
        return None
    return stats["last"] + delay_after(stats["failures"])


def address_locked_until(address: str):
    if not address:
        return None
    since = timezone.now() - window()
    failing = _attempts().filter(address=address, succeeded=False, at__gte=since)
    names = failing.values("username").distinct().count()
    if names < per_address():
        return None
    return failing.aggregate(last=Max("at"))["last"] + window()


def is_known(username: str, address: str) -> bool:
    return _attempts().filter(username=normalise(username), address=address, succeeded=True,
                              at__gte=timezone.now() - KNOWN_FOR).exists()


def blocked_for(username: str, address: str) -> int:
    """Minutes left before this name may try again from this address (0: allowed now)."""
    now = timezone.now()
    until = [pair_locked_until(username, address)]
    if not is_known(username, address):
        until.append(address_locked_until(address))
    seconds = max([(moment - now).total_seconds() for moment in until if moment] + [0])
    return -(-int(seconds) // 60) if seconds > 0 else 0


def record_failure(username: str, address: str) -> None:
    _attempts().create(username=normalise(username), address=address, succeeded=False, at=timezone.now())
    if secrets.randbelow(100) == 0:  # now and then, forget what no longer matters
        purge_old()


def record_success(username: str, address: str) -> None:
    name = normalise(username)
    _attempts().filter(username=name, address=address).delete()
    _attempts().create(username=name, address=address, succeeded=True, at=timezone.now())


def clear_user(username: str) -> None:
    """Every lock of this user name, from every address (a password reset, staff unlocking)."""
    _attempts().filter(username=normalise(username), succeeded=False).delete()


def clear_address(address: str) -> None:
    _attempts().filter(address=address, succeeded=False).delete()


def clear_pair(username: str, address: str) -> None:
    _attempts().filter(username=normalise(username), address=address, succeeded=False).delete()


def current_locks():
    """What is locked now: [{"kind", "username", "address", "failures", "until"}], soonest last."""
    now = timezone.now()
    locks = []
    pairs = (_attempts().filter(succeeded=False, at__gte=now - PAIR_MEMORY).values("username", "address")
             .annotate(failures=Count("id"), last=Max("at")).filter(failures__gte=per_pair()))
    for row in pairs:
        until = row["last"] + delay_after(row["failures"])
        if until > now:
            locks.append({"kind": "pair", "username": row["username"], "address": row["address"],
                          "failures": row["failures"], "until": until})
    addresses = (_attempts().filter(succeeded=False, at__gte=now - window()).values("address")
                 .annotate(names=Count("username", distinct=True), failures=Count("id"), last=Max("at"))
                 .filter(names__gte=per_address()))
    for row in addresses:
        until = row["last"] + window()
        if until > now:
            locks.append({"kind": "address", "username": "", "address": row["address"],
                          "failures": row["failures"], "until": until})
    return sorted(locks, key=lambda lock: lock["until"], reverse=True)


def purge_old() -> int:
    """Drop rows that no longer matter (called now and then by record_failure)."""
    now = timezone.now()
    deleted, _ = _attempts().filter(succeeded=False, at__lt=now - max(PAIR_MEMORY, window())).delete()
    deleted_known, _ = _attempts().filter(succeeded=True, at__lt=now - KNOWN_FOR).delete()
    return deleted + deleted_known
