"""Approving and publishing take a second step that works without JavaScript: a page (GET) that
says what will happen, whose form (POST, with the confirmation field) does it. Returning keeps
its own form and reason box, apart from them."""

from django.urls import reverse

from meetings.models import RecordState


def review_url(meeting):
    return reverse("backoffice:meeting-review", kwargs={"meeting_id": meeting.pk})


def detail_url(meeting):
    return reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk})


def test_approve_is_a_link_to_a_confirmation_page_apart_from_return(reviewer_client, world):
    body = reviewer_client.get(detail_url(world.submitted_b)).content.decode()
    approve = body.index(f'{review_url(world.submitted_b)}?action=approve')
    give_back = body.index('value="return"')
    assert 'class="button button-go"' in body and 'class="button button-danger"' in body
    assert approve < give_back  # in its own block, before the return form
    assert 'class="action-return' in body and "Trả lại đơn vị với lý do này" in body


def test_the_confirmation_page_says_what_will_happen_and_changes_nothing(reviewer_client, world):
    response = reviewer_client.get(review_url(world.submitted_b), {"action": "approve"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Duyệt hồ sơ này?" in body and world.submitted_b.display_title in body
    assert 'name="confirmed" value="yes"' in body and "Đồng ý, duyệt hồ sơ" in body
    world.submitted_b.refresh_from_db()
    assert world.submitted_b.record_state == RecordState.SUBMITTED


def test_a_post_without_the_confirmation_does_not_act(reviewer_client, world):
    response = reviewer_client.post(review_url(world.submitted_b), {"action": "approve"})
    assert response.status_code == 200 and "Duyệt hồ sơ này?" in response.content.decode()
    world.submitted_b.refresh_from_db()
    assert world.submitted_b.record_state == RecordState.SUBMITTED
    reviewer_client.post(review_url(world.approved_b), {"action": "publish", "confirmed": "no"})
    world.approved_b.refresh_from_db()
    assert world.approved_b.record_state == RecordState.APPROVED


def test_the_confirmed_post_approves_then_publishes(reviewer_client, world):
    response = reviewer_client.post(review_url(world.submitted_b), {"action": "approve", "confirmed": "yes"})
    assert response.status_code == 302
    world.submitted_b.refresh_from_db()
    assert world.submitted_b.record_state == RecordState.APPROVED
    page = reviewer_client.get(review_url(world.submitted_b), {"action": "publish"})
    assert "Công bố hội nghị này?" in page.content.decode()
    reviewer_client.post(review_url(world.submitted_b), {"action": "publish", "confirmed": "yes"})
    world.submitted_b.refresh_from_db()
    assert world.submitted_b.record_state == RecordState.PUBLISHED


def test_a_confirmation_for_a_step_not_open_goes_back_to_the_record(reviewer_client, world):
    response = reviewer_client.get(review_url(world.draft_b), {"action": "publish"})
    assert response.status_code == 302 and response["Location"] == detail_url(world.draft_b)


def test_returning_needs_no_confirmation_but_its_reason(reviewer_client, world):
    reviewer_client.post(review_url(world.submitted_b), {"action": "return", "reason": "Thiếu ảnh"})
    world.submitted_b.refresh_from_db()
    assert world.submitted_b.record_state == RecordState.RETURNED


def test_officers_get_no_confirmation_page(client_b, world):
    assert client_b.get(review_url(world.approved_b), {"action": "publish"}).status_code == 403
