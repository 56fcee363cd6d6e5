from collections import Counter

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.core.cache import cached
from portal.core.fragments import lazy_context
from portal.core.pagination import CachedCountPaginator, filter_key

from . import ical
from .filters import PublicMeetingFilter
from .selectors import public_meeting_detail, public_meeting_id, public_meetings, upcoming_public_meetings

PAGE_SIZE = 20


@require_safe
def meeting_list(request):
    meeting_filter = PublicMeetingFilter(request.GET or None, queryset=public_meetings())
    # a filter the visitor typed that fits nothing (an unknown cluster) lists nothing, not everything
    meetings = meeting_filter.qs if not meeting_filter.is_bound or meeting_filter.is_valid() else \
        public_meetings().none()
    page = CachedCountPaginator(meetings, PAGE_SIZE, count_key=filter_key(request, "meetings")).get_page(
        request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"filter": meeting_filter, "page": page})


@require_safe
def meeting_detail(request, year, slug):
    meeting_id = public_meeting_id(year=year, slug=slug)
    if meeting_id is None:
        # Staff may preview a record before it is published; the public never sees it, and
        # nothing of a preview is stored (portal.core.fragments).
        if not request.user.is_staff:
            raise Http404
        context = _meeting_context(public_meeting_detail(year=year, slug=slug, preview=True))
        response = render(request, "meetings/meeting_detail.html", {
            **context, "preview": True, "meeting_id": context["meeting"].pk, "head": _meeting_head(context["meeting"])})
        add_never_cache_headers(response)
        return response
    # the record is read only if a part of its page is not stored
    context = lazy_context(lambda: _meeting_context(public_meeting_detail(year=year, slug=slug)), MEETING_PARTS)
    # its <title> and description: one cached read, computed from the record on a miss
    head = cached("meeting-head", (meeting_id, get_language()), lambda: _meeting_head(context["meeting"]))
    return render(request, "meetings/meeting_detail.html", {**context, "meeting_id": meeting_id, "head": head})


def _meeting_head(meeting) -> dict:
    description = f"{meeting.when_display}{', ' + meeting.venue if meeting.venue else ''}. " \
                  f"{Truncator(meeting.summary).words(30, truncate=' …')}"
    return {"title": meeting.display_title, "description": description}


MEETING_PARTS = ("meeting", "chairs", "people", "groups", "agenda", "activities", "leader", "deputy", "leader_name",
                 "deputy_name", "rankings")


def _meeting_context(meeting) -> dict:
    attendances = list(meeting.attendances.all())
    roles = {member.role: member for member in meeting.cluster_year.role_holders}
    day = meeting.date or meeting.reported_on or meeting.sort_date
    rankings = list(meeting.rankings.all())
    per_rank = Counter(row.rank for row in rankings)
    for row in rankings:
        row.is_tied = per_rank[row.rank] > 1  # "đồng hạng"
        row.unit_name = row.unit.name_on(day)
    return {
        "meeting": meeting,
        "chairs": [a for a in attendances if a.role in ("chair", "co_chair")],
        "people": [a for a in attendances if a.role not in ("chair", "co_chair") and not a.is_group],
        "groups": [a for a in attendances if a.role not in ("chair", "co_chair") and a.is_group],
        "agenda": [item for item in meeting.agenda_items.all() if item.kind == "item"],
        "activities": [item for item in meeting.agenda_items.all() if item.kind == "activity"],
        "leader": roles.get("leader"),
        "deputy": roles.get("deputy"),
        # the names the units bore on the meeting's day
        "leader_name": roles["leader"].unit.name_on(day) if "leader" in roles else "",
        "deputy_name": roles["deputy"].unit.name_on(day) if "deputy" in roles else "",
        "rankings": rankings,
    }


@require_safe
def meeting_calendar(request):
    body = ical.calendar(
        upcoming_public_meetings(),
        name=_("Emulation cluster meetings"),
        host=request.get_host().split(":")[0],
        absolute_url=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hoi-nghi.ics"'
    return response
