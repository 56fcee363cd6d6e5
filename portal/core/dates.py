"""Dates written the way the province writes them: "Thứ Sáu, 21/07/2017 - 15:07".

Django's own Vietnamese locale says "Thứ 6"; the Sở's pages spell the weekday out."""

import datetime

from django.utils import timezone
from django.utils.translation import pgettext


# Monday first, as date.weekday() counts.
def weekday_name(day: datetime.date) -> str:
    names = (
        pgettext("weekday", "Monday"),
        pgettext("weekday", "Tuesday"),
        pgettext("weekday", "Wednesday"),
        pgettext("weekday", "Thursday"),
        pgettext("weekday", "Friday"),
        pgettext("weekday", "Saturday"),
        pgettext("weekday", "Sunday"),
    )
    return names[day.weekday()]


def format_date(day: datetime.date | datetime.datetime | None) -> str:
    """'Thứ Sáu, 14/07/2017'. An aware datetime is shown in the site's time zone."""
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day) if timezone.is_aware(day) else day
        day = day.date()
    return f"{weekday_name(day)}, {day:%d/%m/%Y}"


def format_datetime(moment: datetime.datetime | None) -> str:
    """'Thứ Sáu, 21/07/2017 - 15:07' in the site's time zone."""
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{format_date(moment.date())} - {moment:%H:%M}"
