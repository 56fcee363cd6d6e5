"""One state machine for meeting records (issue 13): meetings.services.meeting_transition. From
published a record goes back as returned, with a reason; only holders of the review permission
publish; the first publication date is kept; staff correct a state only through the explicit
correction path, which needs a reason and is logged. The meetings app owns its permission."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from backoffice.models import AuditEntry
from clusters.models import UnitOfficer
from meetings import services, workflow
from meetings.models import Meeting, MeetingTransition, RecordState

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(border, django_user_model):
    unit = border.units["huyen-van-lang"]
    officer = django_user_model.objects.create_user(username="vanlang", password="x-Secret-123")
    UnitOfficer.objects.create(user=officer, unit=unit)
    reviewer = django_user_model.objects.create_user(username="so.noivu", password="x-Secret-123", is_staff=True)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_meeting",
                                                         content_type__app_label="meetings"))
    plain_staff = django_user_model.objects.create_user(username="bien.tap", password="x-Secret-123", is_staff=True)
    return unit, officer, reviewer, plain_staff


@pytest.fixture
def filed(people, make_meeting):
    unit, officer, reviewer, _staff = people
    meeting = make_meeting(record_state=RecordState.DRAFT, filing_unit=unit)
    return meeting


def _walk_to_published(meeting, officer, reviewer):
    services.meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=officer)
    services.meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=reviewer)
    services.meeting_transition(meeting=meeting, to_state=RecordState.PUBLISHED, user=reviewer)


def test_there_is_one_meeting_transition():
    assert not hasattr(workflow, "meeting_transition")
    assert workflow.REVIEW_PERMISSION == "meetings.review_meeting"


def test_the_meetings_app_owns_its_review_permission():
    assert [codename for codename, _name in Meeting._meta.permissions] == ["review_meeting"]
    assert not AuditEntry._meta.permissions
    assert not Permission.objects.filter(codename="review_meeting", content_type__app_label="backoffice").exists()


def test_from_published_a_record_goes_back_as_returned_with_a_reason(filed, people):
    _unit, officer, reviewer, _staff = people
    _walk_to_published(filed, officer, reviewer)
    with pytest.raises(ValidationError):
        services.meeting_transition(meeting=filed, to_state=RecordState.DRAFT, user=reviewer)
    with pytest.raises(ValidationError):
        services.meeting_transition(meeting=filed, to_state=RecordState.RETURNED, user=reviewer, reason=" ")
    services.meeting_transition(meeting=filed, to_state=RecordState.RETURNED, user=reviewer,
                                reason="Sai danh sách đại biểu")
    filed.refresh_from_db()
    assert filed.record_state == RecordState.RETURNED


def test_only_holders_of_the_review_permission_publish(filed, people):
    _unit, officer, reviewer, plain_staff = people
    services.meeting_transition(meeting=filed, to_state=RecordState.SUBMITTED, user=officer)
    services.meeting_transition(meeting=filed, to_state=RecordState.APPROVED, user=reviewer)
    with pytest.raises(PermissionDenied):  # staff, but not a reviewer
        services.meeting_transition(meeting=filed, to_state=RecordState.PUBLISHED, user=plain_staff)
    with pytest.raises(PermissionDenied):
        services.meeting_transition(meeting=filed, to_state=RecordState.PUBLISHED, user=plain_staff,
                                    correction=True, reason="Đăng ngay")
    with pytest.raises(ValidationError):
        services.meeting_create(cluster_year=filed.cluster_year, kind="year_end_review",
                                date=datetime.date(2017, 12, 20), user=plain_staff,
                                record_state=RecordState.PUBLISHED)
    services.meeting_transition(meeting=filed, to_state=RecordState.PUBLISHED, user=reviewer)
    filed.refresh_from_db()
    assert filed.is_public


def test_publishing_again_keeps_the_first_publication_date(filed, people):
    _unit, officer, reviewer, _staff = people
    _walk_to_published(filed, officer, reviewer)
    filed.refresh_from_db()
    first = filed.published_at
    services.meeting_transition(meeting=filed, to_state=RecordState.RETURNED, user=reviewer, reason="Bổ sung ảnh")
    _walk_to_published(filed, officer, reviewer)
    filed.refresh_from_db()
    assert filed.published_at == first


def test_staff_correct_a_state_only_explicitly_with_a_reason_and_it_is_logged(filed, people):
    _unit, _officer, reviewer, _staff = people
    with pytest.raises(ValidationError):  # not a step of the workflow
        services.meeting_transition(meeting=filed, to_state=RecordState.PUBLISHED, user=reviewer)
    with pytest.raises(ValidationError):  # a correction needs a reason
        services.meeting_transition(meeting=filed, to_state=RecordState.PUBLISHED, user=reviewer, correction=True)
    step = services.meeting_transition(meeting=filed, to_state=RecordState.PUBLISHED, user=reviewer,
                                       correction=True, reason="Hồ sơ giấy đã được duyệt ngày 21/7/2017")
    filed.refresh_from_db()
    assert filed.is_public and filed.published_at is not None
    assert (step.from_state, step.to_state, step.by, step.reason) == (
        RecordState.DRAFT, RecordState.PUBLISHED, reviewer, "Hồ sơ giấy đã được duyệt ngày 21/7/2017")
    assert workflow.is_correction(step)
    assert not workflow.is_correction(MeetingTransition(from_state=RecordState.DRAFT, to_state=RecordState.SUBMITTED))
    assert not workflow.is_correction(MeetingTransition(from_state="", to_state=RecordState.PUBLISHED))  # created


def test_officers_cannot_correct(filed, people):
    _unit, officer, _reviewer, _staff = people
    with pytest.raises(PermissionDenied):
        services.meeting_transition(meeting=filed, to_state=RecordState.APPROVED, user=officer, correction=True,
                                    reason="Tự duyệt")


def test_a_state_changed_in_the_admin_outside_the_workflow_is_a_logged_correction(filed, people, client):
    from django.urls import reverse

    _unit, _officer, reviewer, plain_staff = people
    reviewer.user_permissions.add(*Permission.objects.filter(content_type__app_label="meetings"))
    client.force_login(reviewer)
    url = reverse("admin:meetings_meeting_change", args=[filed.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data = {k: v for k, v in data.items() if k not in ("date", "time")} | {
        "date": "14/07/2017", "date_precision": "day", "record_state": "published"}
    for prefix in ("attendances", "agenda_items", "resolutions", "rankings", "photos", "documents"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 200 and "lý do" in response.content.decode()
    filed.refresh_from_db()
    assert filed.record_state == RecordState.DRAFT
    response = client.post(url, data | {"state_reason": "Biên bản giấy đã duyệt"})
    assert response.status_code == 302, response.content.decode()[:3000]
    filed.refresh_from_db()
    assert filed.record_state == RecordState.PUBLISHED
    last = filed.transitions.order_by("at", "id").last()
    assert (last.by, last.reason) == (reviewer, "Biên bản giấy đã duyệt") and workflow.is_correction(last)
