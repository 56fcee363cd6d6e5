"""The meetings admin opens, pre-fills from a cluster-year, and shows errors as form errors."""

import datetime

import pytest
from django.urls import reverse

from clusters.models import ClusterYear, Role
from meetings.models import Meeting, MeetingKind, MeetingPhoto, MeetingTransition, RecordState, ResolutionKind

from .conftest import image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def inline_management(prefix_counts):
    data = {}
    for prefix in prefix_counts:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return data


PREFIXES = ["attendances", "agenda_items", "resolutions", "rankings", "photos", "documents"]


def meeting_post(border, **extra):
    data = {
        "cluster_year": border.year2017.pk, "kind": MeetingKind.MID_YEAR_REVIEW, "period": "first_half",
        "title": "", "date": "14/07/2017", "time": "", "part_of_day": "", "venue": "trụ sở UBND huyện Văn Lãng",
        "host": border.ubnd_van_lang.pk, "event_status": "held", "basis": "", "summary": "",
        "record_state": RecordState.PUBLISHED, "filing_unit": "", "state_reason": "",
        **inline_management(PREFIXES),
    }
    data.update(extra)
    return data


def test_changelist_change_and_add_pages_open(admin_client, make_meeting):
    meeting = make_meeting()
    assert admin_client.get(reverse("admin:meetings_meeting_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:meetings_meeting_changelist"), {"q": "van lang"}).status_code == 200
    assert admin_client.get(reverse("admin:meetings_meeting_changelist"),
                            {"cluster_year__year": 2017, "kind": "mid_year_review"}).status_code == 200
    assert admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).status_code == 200
    assert admin_client.get(reverse("admin:meetings_meeting_add")).status_code == 200
    assert admin_client.get(reverse("admin:meetings_meetingtransition_changelist")).status_code == 200


def test_admin_search_ignores_accents(admin_client, make_meeting):
    make_meeting(title="Hội nghị tại Văn Lãng")
    response = admin_client.get(reverse("admin:meetings_meeting_changelist"), {"q": "van lang"})
    assert "Hội nghị tại Văn Lãng" in response.content.decode()


def test_add_form_is_prefilled_from_the_cluster_year(admin_client, border):
    response = admin_client.get(reverse("admin:meetings_meeting_add"), {"cluster_year": border.year2017.pk})
    assert response.status_code == 200
    field = response.context["adminform"].form.fields["cluster_year"]
    assert field.disabled
    assert response.context["adminform"].form.initial["cluster_year"] == border.year2017.pk


def test_staff_may_publish_a_new_meeting_at_once_and_the_state_is_logged(admin_client, border, staff_user):
    response = admin_client.post(reverse("admin:meetings_meeting_add"), meeting_post(border))
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get()
    assert meeting.record_state == RecordState.PUBLISHED
    assert meeting.published_at is not None
    assert meeting.created_by == staff_user
    assert meeting.slug == "hoi-nghi-so-ket-6-thang-dau-nam-2017-cum-thi-dua-cac-huyen-bien-gioi"
    assert list(meeting.transitions.values_list("to_state", flat=True)) == [RecordState.PUBLISHED]


def test_returning_a_record_needs_a_reason_and_is_logged(admin_client, border, make_meeting):
    meeting = make_meeting(record_state=RecordState.SUBMITTED)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    response = admin_client.post(url, meeting_post(border, record_state=RecordState.RETURNED))
    assert response.status_code == 200
    assert "lý do" in response.content.decode()
    response = admin_client.post(url, meeting_post(border, record_state=RecordState.RETURNED,
                                                   state_reason="Thiếu danh sách đại biểu"))
    assert response.status_code == 302
    log = MeetingTransition.objects.get(meeting=meeting)
    assert (log.from_state, log.to_state, log.reason) == ("submitted", "returned", "Thiếu danh sách đại biểu")


def test_a_text_file_uploaded_as_a_photo_is_a_form_error_not_a_500(admin_client, border, make_meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = make_meeting()
    data = meeting_post(border, **{"photos-TOTAL_FORMS": "1", "photos-0-caption": "x", "photos-0-alt_text": "x",
                                   "photos-0-order": "1",
                                   "photos-0-image": SimpleUploadedFile("anh.jpg", b"not an image")})
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "không phải là ảnh" in response.content.decode()
    assert not MeetingPhoto.objects.exists()


def test_a_photo_added_in_the_admin_gets_its_renditions(admin_client, border, make_meeting):
    meeting = make_meeting()
    data = meeting_post(border, **{"photos-TOTAL_FORMS": "1", "photos-0-caption": "Ảnh", "photos-0-alt_text": "Ảnh",
                                   "photos-0-order": "1", "photos-0-image": image_file(size=(1600, 900))})
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302
    photo = MeetingPhoto.objects.get()
    assert photo.thumbnail and photo.display
    assert (photo.thumb_width, photo.display_width) == (320, 1200)
    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert photo.thumbnail.url in response.content.decode()


def test_election_page_records_the_roles(admin_client, border, year_end_meeting):
    url = reverse("admin:meetings_meeting_election", args=[year_end_meeting.pk])
    assert admin_client.get(url).status_code == 200
    change = admin_client.get(reverse("admin:meetings_meeting_change", args=[year_end_meeting.pk]))
    assert url in change.content.decode()
    response = admin_client.post(url, {"leader": border.units["huyen-van-lang"].pk,
                                       "deputy": border.units["huyen-cao-loc"].pk, "method": "ballot"})
    assert response.status_code == 302
    year2018 = ClusterYear.objects.get(cluster=border.cluster, year=2018)
    assert year2018.members.get(role=Role.LEADER).unit == border.units["huyen-van-lang"]
    assert year_end_meeting.resolutions.get(kind=ResolutionKind.ELECTION).created_roles.count() == 2


def test_election_page_shows_the_services_error_and_keeps_the_input(admin_client, border, year_end_meeting):
    url = reverse("admin:meetings_meeting_election", args=[year_end_meeting.pk])
    unit = border.units["huyen-van-lang"]
    response = admin_client.post(url, {"leader": unit.pk, "deputy": unit.pk, "method": "vote"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors()
    assert form["leader"].value() == str(unit.pk)
    assert not ClusterYear.objects.filter(cluster=border.cluster, year=2018).exists()


def test_replacing_roles_in_the_admin_needs_the_checkbox(admin_client, border, year_end_meeting):
    url = reverse("admin:meetings_meeting_election", args=[year_end_meeting.pk])
    admin_client.post(url, {"leader": border.units["huyen-van-lang"].pk, "method": "vote"})
    response = admin_client.post(url, {"leader": border.units["huyen-cao-loc"].pk, "method": "vote"})
    assert response.status_code == 200
    assert "đã được xác định" in response.content.decode()
    response = admin_client.post(url, {"leader": border.units["huyen-cao-loc"].pk, "method": "vote", "replace": "on"})
    assert response.status_code == 302
    year2018 = ClusterYear.objects.get(cluster=border.cluster, year=2018)
    assert year2018.members.get(role=Role.LEADER).unit == border.units["huyen-cao-loc"]


def test_election_at_a_mid_year_review_is_a_form_error(admin_client, border, make_meeting):
    meeting = make_meeting(date=datetime.date(2017, 7, 14))
    url = reverse("admin:meetings_meeting_election", args=[meeting.pk])
    response = admin_client.post(url, {"leader": border.units["huyen-van-lang"].pk, "method": "vote"})
    assert response.status_code == 200
    assert "tổng kết năm" in response.content.decode()


def test_the_same_unit_ranked_twice_is_a_form_error_not_a_500(admin_client, border, make_meeting):
    meeting = make_meeting()
    data = meeting_post(border, **{
        "rankings-TOTAL_FORMS": "2",
        "rankings-0-rank": "1", "rankings-0-unit": border.units["huyen-van-lang"].pk, "rankings-0-basis": "score",
        "rankings-1-rank": "2", "rankings-1-unit": border.units["huyen-van-lang"].pk, "rankings-1-basis": "score",
    })
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert not meeting.rankings.exists()
    body = response.content.decode()
    # in Vietnamese, naming the field as its label does, never by its code
    assert "Please correct" not in body and "for unit" not in body and "đơn vị" in body


def test_an_attendance_row_naming_no_one_is_a_form_error(admin_client, border, make_meeting):
    meeting = make_meeting()
    data = meeting_post(border, **{
        "attendances-TOTAL_FORMS": "1", "attendances-0-order": "1", "attendances-0-role": "delegate",
        "attendances-0-title_as_written": "Phó trưởng ban",
    })
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "Hãy ghi họ tên như văn bản, chọn một cá nhân, hoặc ghi thành phần" in response.content.decode()


def test_an_html_page_renamed_pdf_is_refused_in_the_admin(admin_client, border, make_meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = make_meeting()
    data = meeting_post(border, **{
        "documents-TOTAL_FORMS": "1", "documents-0-order": "1", "documents-0-kind": "report",
        "documents-0-title": "Báo cáo", "documents-0-file": SimpleUploadedFile("bao-cao.pdf", b"<html></html>"),
    })
    response = admin_client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "Nội dung tệp không thuộc định dạng được chấp nhận" in response.content.decode()
    assert not meeting.documents.exists()


def test_a_meeting_added_from_a_cluster_year_keeps_that_year(admin_client, border):
    data = meeting_post(border)
    del data["cluster_year"]
    url = reverse("admin:meetings_meeting_add") + f"?cluster_year={border.year2017.pk}"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Meeting.objects.get().cluster_year == border.year2017
