"""Reads the public consultation pages share: which consultations the public may see, what of a
nominee it sees, and when a consultation opens or closes by itself (the full-page cache expires
by then)."""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, IntegerField, Min, Prefetch, Q, Value, When
from django.utils import timezone

from .models import Consultation, NomineeLine


def published_consultations(today: datetime.date | None = None):
    """Consultations whose publication day has come; a future one stays unseen until its day."""
    today = today or timezone.localdate()
    return Consultation.objects.filter(published_on__isnull=False, published_on__lte=today)


def consultation_list(today: datetime.date | None = None):
    """Open consultations first (the public came to comment), then the closed ones, newest first;
    each with its number of nominees (one query a page)."""
    today = today or timezone.localdate()
    return (published_consultations(today)
            .annotate(open_now=Case(When(ends_on__gte=today, then=Value(1)), default=Value(0),
                                    output_field=IntegerField()),
                      nominee_count=Count("lines"))
            .order_by("-open_now", "-published_on", "-id"))


def public_lines():
    """What the public page reads of a nominee: never the report file, the dossier or the office's
    notes, which are not even loaded."""
    return (NomineeLine.objects.select_related("award", "award_class")
            .only("name_text", "title_text", "unit_text", "subject_type", "posthumous", "achievement_summary",
                  "order", "dossier_id", "award__name", "award__order", "award_class__name")
            .order_by("award__order", "award__name", "dossier_id", "order", "id"))


def consultation_detail(slug: str, today: datetime.date | None = None) -> Consultation:
    """A published consultation with its nominees (two queries, whatever their number)."""
    return (published_consultations(today)
            .prefetch_related(Prefetch("lines", queryset=public_lines(), to_attr="public_lines"))
            .get(slug=slug))


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def consultation_next_change(now: datetime.datetime) -> datetime.datetime | None:
    """The next local midnight at which a consultation appears (its publication day) or closes
    (the day after its end date): cached pages must not outlive it (portal.core.pagecache)."""
    today = timezone.localdate(now)
    found = Consultation.objects.aggregate(
        opens=Min("published_on", filter=Q(published_on__gt=today)),
        last_open=Min("ends_on", filter=Q(ends_on__gte=today)),
    )
    moments = []
    if found["opens"]:
        moments.append(_midnight(found["opens"]))
    if found["last_open"]:
        moments.append(_midnight(found["last_open"] + datetime.timedelta(days=1)))
    return min(moments) if moments else None
