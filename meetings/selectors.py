"""Reads of the meetings register shared by pages, the calendar feed, the home page and search.

Only published meetings are ever public: every public read starts from public_meetings()."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from clusters.models import ClusterMember, Role
from clusters.selectors import name_history_prefetch
from portal.core.cache import cached

from .models import Attendance, Meeting, MeetingDocument, Ranking, Resolution


def public_meetings() -> QuerySet[Meeting]:
    """Published meetings with what a list line shows (cluster, host), newest first."""
    return Meeting.objects.published().select_related("cluster_year__cluster", "host").order_by(
        "-sort_date", "-sort_time", "-id"
    )


def meetings_for_home(limit: int = 5) -> list[Meeting]:
    """The latest published meetings for the home page (one query)."""
    return list(public_meetings()[:limit])


def upcoming_public_meetings(*, today=None, limit: int = 200) -> list[Meeting]:
    """Published meetings from today on, soonest first, for the calendar feed (one query)."""
    today = today or timezone.localdate()
    # A calendar places only meetings whose day is known.
    return list(public_meetings().with_day().upcoming(today).order_by("date", "time", "id")[:limit])


def public_meeting_id(*, year: int, slug: str) -> int | None:
    """The id of a published meeting, or None: what its page needs when its parts are stored;
    read once per data version."""
    return cached("meeting-id", (year, slug), lambda: Meeting.objects.published().filter(url_year=year, slug=slug)
                  .values_list("pk", flat=True).first())


def public_meeting_detail(*, year: int, slug: str, preview: bool = False) -> Meeting:
    """One published meeting with everything its page shows, in a fixed number of queries.
    With `preview` (staff only), an unpublished record is found too."""
    roles = (
        ClusterMember.objects.filter(role__in=[Role.LEADER, Role.DEPUTY]).select_related("unit")
        .prefetch_related(name_history_prefetch("unit__names")).order_by("role")
    )
    base = Meeting.objects.select_related("cluster_year__cluster", "host") if preview else public_meetings()
    queryset = base.select_related("basis_document").prefetch_related(
        Prefetch("attendances", queryset=Attendance.objects.select_related("person", "unit")),
        "agenda_items",
        Prefetch(
            "resolutions",
            queryset=Resolution.objects.prefetch_related(
                Prefetch("created_roles", queryset=ClusterMember.objects.select_related("unit", "cluster_year"))
            ),
        ),
        Prefetch("rankings", queryset=Ranking.objects.select_related("unit").prefetch_related(
            name_history_prefetch("unit__names"))),
        "photos",
        Prefetch("documents", queryset=MeetingDocument.objects.filter(is_public=True), to_attr="public_documents"),
        Prefetch("cluster_year__members", queryset=roles, to_attr="role_holders"),
    )
    return get_object_or_404(queryset, url_year=year, slug=slug)
