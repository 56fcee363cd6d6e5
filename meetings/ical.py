"""An iCalendar (RFC 5545) feed of meetings, written by hand: the format is small and a
dependency for it is not worth its weight. Lines end in CRLF, text is escaped (backslash,
semicolon, comma, newline) and folded at 75 octets without splitting a UTF-8 character."""

import datetime

from django.utils import timezone

PRODID = "-//So Noi vu tinh Lang Son//Cong thong tin thi dua khen thuong//VI"


def escape_text(value: str) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Split a content line into 75-octet pieces, continuation lines starting with a space."""
    pieces, current, size = [], [], 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [" "], 1
            limit = 75
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_event_lines(meeting, *, url: str, host: str, stamp: datetime.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(stamp)}",
    ]
    if meeting.time:
        start = timezone.make_aware(datetime.datetime.combine(meeting.date, meeting.time))
        lines.append(f"DTSTART:{_utc(start)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{meeting.date + datetime.timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{escape_text(meeting.display_title)}")
    if meeting.venue:
        lines.append(f"LOCATION:{escape_text(meeting.venue)}")
    if meeting.summary:
        lines.append(f"DESCRIPTION:{escape_text(meeting.summary)}")
    lines.append(f"URL:{url}")
    status = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}.get(meeting.event_status, "CONFIRMED")
    lines.append(f"STATUS:{status}")
    if meeting.updated_at:
        lines.append(f"LAST-MODIFIED:{_utc(meeting.updated_at)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings, *, name: str, host: str, absolute_url) -> str:
    """The whole VCALENDAR as text; `absolute_url(meeting)` gives each event's link."""
    stamp = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for meeting in meetings:
        lines.extend(meeting_event_lines(meeting, url=absolute_url(meeting), host=host, stamp=stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
