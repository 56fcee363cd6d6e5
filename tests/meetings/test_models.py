"""Rules the database holds for meetings, and the record-state service."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Attendance, MeetingPhoto, Ranking, RecordState
from meetings.services import meeting_create, meeting_transition, photo_add

from .conftest import image_file

pytestmark = pytest.mark.django_db


def test_an_attendance_row_must_name_a_person_or_an_organisation(make_meeting):
    meeting = make_meeting()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, title_as_written="Phó trưởng ban")
    Attendance.objects.create(meeting=meeting, organisation="các thành viên Hội đồng TĐKT huyện Văn Lãng")


def test_an_attendance_row_keeps_the_persons_name_as_written(border, make_meeting):
    from clusters.models import Person

    person = Person.objects.get(slug="nguyen-dinh-truong")
    row = Attendance.objects.create(meeting=make_meeting(), person=person)
    person.full_name = "Tên đã đổi"
    person.save()
    row.refresh_from_db()
    assert row.name_as_written == "Nguyễn Đình Trường"


def test_a_unit_is_ranked_once_per_meeting_and_units_may_tie(border, make_meeting):
    meeting = make_meeting()
    Ranking.objects.create(meeting=meeting, unit=border.units["huyen-van-lang"], rank=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ranking.objects.create(meeting=meeting, unit=border.units["huyen-van-lang"], rank=2)
    Ranking.objects.create(meeting=meeting, unit=border.units["huyen-cao-loc"], rank=1)  # "đồng hạng"
    assert meeting.rankings.filter(rank=1).count() == 2


def test_a_photo_needs_alt_text(make_meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingPhoto.objects.create(meeting=make_meeting(), image="x.jpg", alt_text="")


def test_photo_add_makes_renditions(make_meeting):
    photo = photo_add(meeting=make_meeting(), image=image_file(size=(2400, 1600)), alt_text="Hội trường")
    assert (photo.thumb_width, photo.thumb_height) == (320, 213)
    assert (photo.display_width, photo.display_height) == (1200, 800)
    assert photo.thumbnail.name.endswith(".jpg") and photo.display.name.endswith(".jpg")


def test_photo_add_refuses_a_file_that_is_not_an_image(make_meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        photo_add(meeting=make_meeting(), image=SimpleUploadedFile("a.jpg", b"text"), alt_text="x")
    assert not MeetingPhoto.objects.exists()


def test_only_reviewers_create_a_meeting_straight_as_published(border, staff_user, django_user_model):
    officer = django_user_model.objects.create_user(username="officer", password="x-Secret-123")
    fields = {"cluster_year": border.year2017, "kind": "mid_year_review", "date": "2017-07-14"}
    with pytest.raises(ValidationError):
        meeting_create(user=officer, record_state=RecordState.PUBLISHED, **fields)
    meeting = meeting_create(user=staff_user, record_state=RecordState.PUBLISHED, **fields)  # a superuser
    assert meeting.is_public and meeting.published_at
    draft = meeting_create(user=officer, **fields)
    assert draft.record_state == RecordState.DRAFT


def test_record_transitions_follow_the_workflow_and_are_logged(border, staff_user, django_user_model, make_meeting):
    from clusters.models import UnitOfficer

    officer = django_user_model.objects.create_user(username="officer", password="x-Secret-123")
    unit = border.units["huyen-van-lang"]
    UnitOfficer.objects.create(user=officer, unit=unit)
    meeting = make_meeting(record_state=RecordState.DRAFT, filing_unit=unit)
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=officer)
    with pytest.raises(ValidationError):
        meeting_transition(meeting=meeting, to_state=RecordState.PUBLISHED, user=officer)
    with pytest.raises(ValidationError):
        meeting_transition(meeting=meeting, to_state=RecordState.RETURNED, user=staff_user, reason="")
    meeting_transition(meeting=meeting, to_state=RecordState.RETURNED, user=staff_user, reason="Thiếu ảnh")
    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=officer)
    meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=staff_user)
    meeting_transition(meeting=meeting, to_state=RecordState.PUBLISHED, user=staff_user)
    states = list(meeting.transitions.values_list("from_state", "to_state", "by__username"))
    assert states == [
        ("draft", "submitted", "officer"), ("submitted", "returned", "staff"),
        ("returned", "submitted", "officer"), ("submitted", "approved", "staff"),
        ("approved", "published", "staff"),
    ]
    assert meeting.published_at is not None


def test_meeting_update_saves_facts_and_leaves_the_state_to_the_workflow(border, staff_user, make_meeting):
    from meetings.services import meeting_update

    meeting = make_meeting(record_state=RecordState.DRAFT)
    meeting_update(meeting=meeting, user=staff_user, venue="Hội trường UBND huyện Lộc Bình")
    meeting.refresh_from_db()
    assert meeting.venue == "Hội trường UBND huyện Lộc Bình"
    assert "hoi truong ubnd huyen loc binh" in meeting.search_text
    assert meeting.updated_by == staff_user
    with pytest.raises(TypeError):  # the state moves through meeting_transition only
        meeting_update(meeting=meeting, user=staff_user, record_state=RecordState.PUBLISHED)
    meeting.refresh_from_db()
    assert meeting.record_state == RecordState.DRAFT and not meeting.transitions.exists()


def test_home_selector_costs_one_query(make_meeting, django_assert_num_queries):
    from meetings.selectors import meetings_for_home

    for _ in range(8):
        make_meeting()
    with django_assert_num_queries(1):
        meetings = meetings_for_home(5)
        assert [m.display_title for m in meetings] and all(m.cluster_year.cluster.name for m in meetings)


def test_a_meeting_about_a_year_is_held_that_year_or_early_the_next(border, make_meeting):
    import datetime

    meeting = make_meeting(date=datetime.date(2018, 1, 10))
    meeting.full_clean()  # a year-end review in January is fine
    meeting.date = datetime.date(2019, 7, 14)
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert "date" in caught.value.message_dict


def test_only_the_clusters_members_are_ranked(border, make_meeting):
    meeting = make_meeting()
    Ranking(meeting=meeting, unit=border.units["huyen-van-lang"], rank=1).full_clean()
    with pytest.raises(ValidationError) as caught:
        Ranking(meeting=meeting, unit=border.city, rank=2).full_clean()
    assert "unit" in caught.value.message_dict
