"""A meeting's ranking may be held by an app above meetings: the cluster scoring builds the
year-end ranking from its totals, records the vote on it and publishes and files proposals from
it, so a hand edit of those rows afterwards would contradict what was published and filed.
Those apps register a holder here; meetings never imports them."""

from collections.abc import Callable

# holder(meeting_id) -> the reason the ranking is held, or None
_holders: list[Callable[[int], str | None]] = []


def register(holder: Callable[[int], str | None]) -> None:
    if holder not in _holders:
        _holders.append(holder)


def held_because(meeting) -> str | None:
    """Why this meeting's ranking rows may no longer be edited by hand, or None."""
    if meeting is None or meeting.pk is None:
        return None
    for holder in _holders:
        reason = holder(meeting.pk)
        if reason:
            return str(reason)
    return None
