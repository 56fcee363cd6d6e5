"""Four eyes: an account that submitted a record, or edited it as an officer of its filing unit,
cannot approve or publish it, on any path (the back office, the service the admin calls, a staff
correction), and is not offered the buttons."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from backoffice.audit import acting_as
from meetings import workflow
from meetings.models import RecordState
from meetings.services import meeting_transition, meeting_update

from .conftest import make_user


@pytest.fixture
def reviewer_officer(world, django_user_model):
    """Provincial staff who is also an officer of Lộc Bình (say, seconded there)."""
    from backoffice.roles import STAFF_GROUP

    user = make_user(django_user_model, "kiemnhiem", STAFF_GROUP, is_staff=True, units=[world.unit_b])
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get(name="Cán bộ đơn vị"))
    return user


def review_url(meeting):
    return reverse("backoffice:meeting-review", kwargs={"meeting_id": meeting.pk})


def test_the_reviewer_who_submitted_a_record_cannot_approve_it(world, reviewer_officer):
    meeting = world.draft_b
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=reviewer_officer)
    with pytest.raises(ValidationError) as refused:
        meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=reviewer_officer)
    assert refused.value.code == "four_eyes"
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.SUBMITTED
    # another reviewer may
    meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=world.reviewer)
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.APPROVED


def test_the_reviewer_who_edited_a_record_for_its_unit_cannot_publish_it(world, reviewer_officer):
    meeting = world.returned_b
    with acting_as(reviewer_officer, "backoffice"):
        meeting_update(meeting=meeting, user=reviewer_officer, venue="Hội trường đã sửa")
    # someone else submits and approves it, and updates it afterwards: the edit is still known
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=world.officer_b)
    meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=world.reviewer)
    meeting.updated_by = world.reviewer
    meeting.save()
    assert workflow.is_own_work(meeting, reviewer_officer)
    with pytest.raises(ValidationError, match="cán bộ duyệt khác|another reviewer"):
        meeting_transition(meeting=meeting, to_state=RecordState.PUBLISHED, user=reviewer_officer)
    assert RecordState.PUBLISHED not in workflow.allowed_steps(meeting, reviewer_officer)
    assert RecordState.RETURNED in workflow.allowed_steps(meeting, reviewer_officer)  # returning stays open


def test_a_correction_is_no_way_around_the_rule(world, reviewer_officer):
    meeting = world.draft_b
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=reviewer_officer)
    with pytest.raises(ValidationError) as refused:
        meeting_transition(meeting=meeting, to_state=RecordState.PUBLISHED, user=reviewer_officer,
                           reason="sửa trạng thái", correction=True)
    assert refused.value.code == "four_eyes"
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.SUBMITTED


def test_a_reviewers_own_steps_are_not_edits(world):
    """Returning a record (a workflow step) does not make the reviewer its author."""
    meeting = world.submitted_b
    with acting_as(world.reviewer, "backoffice"):
        meeting_transition(meeting=meeting, to_state=RecordState.RETURNED, user=world.reviewer, reason="Thiếu ảnh")
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=world.officer_b)
    assert not workflow.is_own_work(meeting, world.reviewer)
    meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=world.reviewer)


def test_the_back_office_neither_offers_nor_performs_self_approval(client, world, reviewer_officer):
    meeting = world.draft_b
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=reviewer_officer)
    client.force_login(reviewer_officer)
    page = client.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk}))
    body = page.content.decode()
    assert "?action=approve" not in body
    assert "cán bộ duyệt khác" in body  # says why
    assert 'value="return"' in body  # returning is still offered
    confirm = client.get(review_url(meeting), {"action": "approve"}, follow=True)
    assert "cán bộ duyệt khác" in confirm.content.decode()
    client.post(review_url(meeting), {"action": "approve", "confirmed": "yes"})
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.SUBMITTED


def test_the_admin_form_refuses_the_reviewers_own_record_as_a_form_error_not_a_500(world, reviewer_officer):
    """Even as a "correction" with a reason, the admin's state field cannot approve one's own record."""
    from django.forms.models import model_to_dict

    from meetings.admin import MeetingAdminForm

    meeting = world.draft_b
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=reviewer_officer)
    meeting.refresh_from_db()
    data = {k: v for k, v in model_to_dict(meeting).items() if v is not None}
    data.update(record_state=RecordState.APPROVED, state_reason="Sửa trạng thái", date="14/07/2017")
    form_class = type("Form", (MeetingAdminForm,), {"request_user": reviewer_officer})
    form = form_class(data=data, instance=meeting)
    assert not form.is_valid()
    assert list(form.errors) == ["record_state"]
    assert "một cán bộ duyệt khác" in form.errors["record_state"][0]
