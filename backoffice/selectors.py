"""Reads of the back office. Every meeting read starts from roles.visible_meetings(user)."""

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery

from meetings.models import Attendance, MeetingDocument, MeetingTransition, Ranking, RecordState

from .roles import visible_meetings

# What waits for a reviewer: records to approve or return, and approved records to publish.
WAITING_STATES = (RecordState.SUBMITTED, RecordState.APPROVED)


def _last_returns():
    """The step that returned each record, newest first (its reason, who and when): the record
    page and the lists show it at the top."""
    return Prefetch(
        "transitions",
        queryset=MeetingTransition.objects.filter(to_state=RecordState.RETURNED).select_related("by")
        .order_by("-at", "-id"),
        to_attr="returns",
    )


def meetings_for(user, state: str | None = None):
    meetings = visible_meetings(user).select_related("cluster_year__cluster", "filing_unit").order_by(
        "-updated_at", "-id"
    ).prefetch_related(_last_returns())
    if state in RecordState.values:
        meetings = meetings.filter(record_state=state)
    return meetings


def waiting_for_review(user, state: str | None = None):
    """Records waiting for a reviewer (or those of one state), the longest-waiting first, each
    with `submitted_at`: when it was last submitted."""
    last_submission = (
        MeetingTransition.objects.filter(meeting=OuterRef("pk"), to_state=RecordState.SUBMITTED)
        .order_by("-at", "-id").values("at")[:1]
    )
    meetings = visible_meetings(user).select_related("cluster_year__cluster", "filing_unit").annotate(
        submitted_at=Subquery(last_submission)
    ).prefetch_related(_last_returns())
    if state in RecordState.values:
        meetings = meetings.filter(record_state=state)
    else:
        meetings = meetings.filter(record_state__in=WAITING_STATES)
    return meetings.order_by(F("submitted_at").asc(nulls_last=True), "id")


def waiting_count(user) -> int:
    return visible_meetings(user).filter(record_state__in=WAITING_STATES).count()


def state_counts(meetings) -> list[tuple[str, str, int]]:
    """[(state, label, count)] in workflow order, zeros included, in one query."""
    counts = dict(meetings.order_by().values_list("record_state").annotate(n=Count("id")))
    return [(state.value, state.label, counts.get(state.value, 0)) for state in RecordState]


def meeting_record(user, meeting_id: int):
    """One record the user may see, with everything its page shows."""
    return (
        visible_meetings(user)
        .select_related("cluster_year__cluster", "filing_unit", "host", "created_by", "updated_by")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.select_related("person", "unit")),
            "agenda_items", "resolutions", "photos", "documents",
            Prefetch("rankings", queryset=Ranking.objects.select_related("unit")),
            Prefetch("transitions", queryset=MeetingTransition.objects.select_related("by")),
            _last_returns(),
        )
        .get(pk=meeting_id)
    )


def document_for(user, document_id: int) -> MeetingDocument:
    """A document the user may download: any document of a record they may see, or a public
    document of a published meeting (what the public meeting page lists)."""
    return MeetingDocument.objects.select_related("meeting").get(
        Q(meeting__in=visible_meetings(user).values("pk"))
        | Q(is_public=True, meeting__record_state=RecordState.PUBLISHED),
        pk=document_id,
    )
