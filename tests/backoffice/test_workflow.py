import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from meetings.models import MeetingTransition, RecordState
from meetings.services import meeting_transition


def detail(meeting):
    return reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk})


def test_officer_submits_own_draft_and_the_step_is_logged(world):
    meeting_transition(meeting=world.draft_b, to_state=RecordState.SUBMITTED, user=world.officer_b)
    world.draft_b.refresh_from_db()
    assert world.draft_b.record_state == RecordState.SUBMITTED
    last = MeetingTransition.objects.filter(meeting=world.draft_b).latest("at", "id")
    assert (last.from_state, last.to_state, last.by) == (RecordState.DRAFT, RecordState.SUBMITTED, world.officer_b)


def test_officer_cannot_move_another_units_record(world):
    with pytest.raises(PermissionDenied):
        meeting_transition(meeting=world.draft_b, to_state=RecordState.SUBMITTED, user=world.officer_a)


@pytest.mark.parametrize("to_state", [RecordState.APPROVED, RecordState.PUBLISHED, RecordState.RETURNED])
def test_officer_cannot_review_or_publish_own_record(world, to_state):
    with pytest.raises(ValidationError):
        meeting_transition(meeting=world.submitted_b, to_state=to_state, user=world.officer_b, reason="x")
    world.submitted_b.refresh_from_db()
    assert world.submitted_b.record_state == RecordState.SUBMITTED


def test_officer_cannot_publish_an_approved_record(world):
    with pytest.raises(ValidationError):
        meeting_transition(meeting=world.approved_b, to_state=RecordState.PUBLISHED, user=world.officer_b)


def test_returning_needs_a_reason(world):
    with pytest.raises(ValidationError, match="Say why|Nêu lý do|lý do"):
        meeting_transition(meeting=world.submitted_b, to_state=RecordState.RETURNED, user=world.reviewer,
                           reason="  ")


def test_reviewer_cannot_skip_approval(world):
    with pytest.raises(ValidationError):
        meeting_transition(meeting=world.submitted_b, to_state=RecordState.PUBLISHED, user=world.reviewer)
    with pytest.raises(ValidationError):
        meeting_transition(meeting=world.draft_b, to_state=RecordState.APPROVED, user=world.reviewer)


def test_full_round_is_logged_with_who_when_from_to_and_why(world, reviewer_client, django_user_model):
    meeting = world.draft_b
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=world.officer_b)
    meeting_transition(meeting=meeting, to_state=RecordState.RETURNED, user=world.reviewer,
                       reason="Thiếu danh sách đại biểu")
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=world.officer_b)
    meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=world.reviewer)
    meeting_transition(meeting=meeting, to_state=RecordState.PUBLISHED, user=world.reviewer)
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.PUBLISHED and meeting.published_at is not None
    steps = list(meeting.transitions.values_list("from_state", "to_state"))
    assert steps[1:] == [("draft", "submitted"), ("submitted", "returned"), ("returned", "submitted"),
                         ("submitted", "approved"), ("approved", "published")]
    body = reviewer_client.get(detail(meeting)).content.decode()
    assert "Thiếu danh sách đại biểu" in body and "so.noivu" in body


def test_submission_mails_reviewers_and_return_and_approval_mail_the_officer(world, client, mailoutbox):
    client.force_login(world.officer_b)
    response = client.post(reverse("backoffice:meeting-submit", kwargs={"meeting_id": world.draft_b.pk}))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[world.reviewer.email]]
    assert world.draft_b.display_title in mail.outbox[0].subject
    assert detail(world.draft_b) in mail.outbox[0].body

    client.force_login(world.reviewer)
    url = reverse("backoffice:meeting-review", kwargs={"meeting_id": world.draft_b.pk})
    client.post(url, {"action": "return", "reason": "Bổ sung ảnh hội nghị"})
    assert mail.outbox[-1].to == [world.officer_b.email]
    assert "Bổ sung ảnh hội nghị" in mail.outbox[-1].body

    client.force_login(world.officer_b)
    client.post(reverse("backoffice:meeting-submit", kwargs={"meeting_id": world.draft_b.pk}))
    client.force_login(world.reviewer)
    client.post(url, {"action": "approve", "confirmed": "yes"})
    assert mail.outbox[-1].to == [world.officer_b.email]
    world.draft_b.refresh_from_db()
    assert world.draft_b.record_state == RecordState.APPROVED
    assert len(mail.outbox) == 4


def test_return_without_reason_keeps_the_state_and_says_why(world, reviewer_client):
    url = reverse("backoffice:meeting-review", kwargs={"meeting_id": world.submitted_b.pk})
    response = reviewer_client.post(url, {"action": "return", "reason": ""})
    assert response.status_code == 400
    assert "lý do" in response.content.decode()
    world.submitted_b.refresh_from_db()
    assert world.submitted_b.record_state == RecordState.SUBMITTED


def test_officer_cannot_publish_through_the_review_url(world, client_b):
    url = reverse("backoffice:meeting-review", kwargs={"meeting_id": world.approved_b.pk})
    assert client_b.post(url, {"action": "publish", "confirmed": "yes"}).status_code == 403
    world.approved_b.refresh_from_db()
    assert world.approved_b.record_state == RecordState.APPROVED


def test_review_queue_lists_submitted_records_of_every_unit_with_counts(world, reviewer_client):
    response = reviewer_client.get(reverse("backoffice:review-queue"))
    assert response.status_code == 200
    assert world.submitted_b.display_title in response.content.decode()
    assert world.draft_a.display_title not in response.content.decode()
    counts = {value: count for value, _label, count in response.context["counts"]}
    assert counts["draft"] == 2 and counts["submitted"] == 1
