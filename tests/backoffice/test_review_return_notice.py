"""A returned record shows why, who returned it and when (dd/mm/yyyy HH:MM, Hanoi time) at the top
of its page and on its card in the lists."""

import datetime

from django.urls import reverse

from meetings.models import MeetingTransition, RecordState
from meetings.services import meeting_transition

REASON = "Bổ sung danh sách đại biểu và ảnh hội nghị"


def returned(world):
    meeting = world.submitted_b
    step = meeting_transition(meeting=meeting, to_state=RecordState.RETURNED, user=world.reviewer, reason=REASON)
    moment = datetime.datetime(2025, 3, 4, 1, 5, tzinfo=datetime.UTC)  # 08:05 in Hanoi
    MeetingTransition.objects.filter(pk=step.pk).update(at=moment)
    return meeting


def test_the_reason_is_at_the_top_of_the_record_with_who_and_when(client_b, world):
    meeting = returned(world)
    body = client_b.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk})).content.decode()
    top = body.index('class="return-notice')
    assert top < body.index('class="record-facts"')  # above the record's facts
    notice = body[top:body.index("</div>", top)]
    assert REASON in notice and "so.noivu" in notice and "04/03/2025 08:05" in notice


def test_the_reason_is_on_the_dashboard_card(client_b, world):
    returned(world)
    body = client_b.get(reverse("backoffice:dashboard")).content.decode()
    assert REASON in body and "04/03/2025 08:05" in body


def test_only_the_last_return_is_shown_and_only_while_returned(client_b, world):
    meeting = returned(world)
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=world.officer_b)
    body = client_b.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert 'class="return-notice' not in body
    assert REASON in body  # still in the state history below
