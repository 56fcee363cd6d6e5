"""The public meeting pages: only published records, the province's dates, constant queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters.models import ClusterYear
from meetings import demo
from meetings.models import (
    Attendance,
    AttendanceRole,
    MeetingDocument,
    MeetingKind,
    MeetingPhoto,
    PartOfDay,
    Ranking,
    RecordState,
    Resolution,
    ResolutionKind,
)
from meetings.selectors import meetings_for_home, public_meetings, upcoming_public_meetings

pytestmark = pytest.mark.django_db

HIDDEN_STATES = [RecordState.DRAFT, RecordState.SUBMITTED, RecordState.RETURNED, RecordState.APPROVED]


@pytest.fixture
def seed_meeting(border, settings):
    return demo.load_mid_year_review(border.year2017)


def test_demo_meeting_page_shows_chair_with_titles_delegates_venue_and_resolutions(client, seed_meeting):
    response = client.get(seed_meeting.get_absolute_url())
    assert response.status_code == 200
    body = re.sub(r"\s+", " ", response.content.decode())
    assert "Chủ trì" in body
    assert ("Nguyễn Đình Trường</a>, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch Hội đồng TĐKT huyện Văn Lãng"
            in body) or ("Nguyễn Đình Trường, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện" in body)
    assert "Nguyễn Thu Hoài" in body
    assert "Phó trưởng ban, Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn" in body
    assert "thay mặt Hội đồng TĐKT tỉnh, Ban TĐKT, Sở Nội vụ" in body
    assert "Trần Văn Ba" in body and "chuyên viên Ban Thi đua - Khen thưởng" in body
    assert ("Các đồng chí lãnh đạo Ủy ban nhân dân huyện, lãnh đạo và chuyên viên Phòng Nội vụ của 05 huyện biên giới"
            in body)
    assert "Các thành viên Hội đồng TĐKT huyện Văn Lãng" in body
    assert "trụ sở UBND huyện Văn Lãng" in body
    assert "Thứ Sáu, 14/07/2017" in body
    assert ("thống nhất, biểu quyết thông qua các nhiệm vụ trọng tâm, các giải pháp cần thực hiện trong 6 tháng "
            "cuối năm 2017") in body
    assert "Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn" in body
    assert "khu lưu niệm đồng chí Hoàng Văn Thụ" in body
    assert "Trưởng cụm" in body and "huyện Lộc Bình" in body  # the year's leader
    for caption, alt_text in demo.PHOTO_CAPTIONS:
        assert caption in body
        assert f'alt="{alt_text}"' in body
    assert "Dữ liệu mẫu" in body  # the photos are placeholders


def test_demo_is_idempotent(border, seed_meeting):
    demo.load_mid_year_review(border.year2017)
    assert seed_meeting.attendances.count() == 5
    assert seed_meeting.photos.count() == 4
    assert seed_meeting.resolutions.count() == 2
    assert Attendance.objects.filter(meeting__slug=demo.MID_YEAR_SLUG, role=AttendanceRole.CHAIR).count() == 1


def test_demo_year_end_review_elects_2018_roles_through_the_service(border):
    from io import StringIO

    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    meeting = public_meetings().get(slug=demo.YEAR_END_SLUG)
    election = meeting.resolutions.get(kind=ResolutionKind.ELECTION)
    assert [m.unit.slug for m in election.created_roles.order_by("role")] == ["huyen-trang-dinh", "huyen-van-lang"]
    assert meeting.is_sample


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_unpublished_meetings_are_never_public(client, make_meeting, state):
    today = timezone.localdate()
    hidden = make_meeting(record_state=state, title="Hội nghị bí mật", date=today + datetime.timedelta(days=3))
    shown = make_meeting(title="Hội nghị công khai", date=today + datetime.timedelta(days=3))

    listing = client.get(reverse("meetings:list")).content.decode()
    assert "Hội nghị công khai" in listing and "Hội nghị bí mật" not in listing
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(shown.get_absolute_url()).status_code == 200
    feed = client.get(reverse("meetings:ical")).content.decode()
    assert "Hội nghị công khai" in feed and "Hội nghị bí mật" not in feed
    assert hidden not in meetings_for_home(10)
    assert hidden not in upcoming_public_meetings()
    assert not public_meetings().filter(pk=hidden.pk).exists()


def test_meeting_date_is_written_the_provinces_way(make_meeting):
    meeting = make_meeting(date=datetime.date(2017, 7, 14))
    assert meeting.when_display == "Thứ Sáu, 14/07/2017"
    meeting.part_of_day = PartOfDay.MORNING
    assert meeting.when_display == "sáng Thứ Sáu, 14/07/2017"
    meeting.time = datetime.time(8, 0)
    assert meeting.when_display == "08:00, Thứ Sáu, 14/07/2017"


def test_default_title_follows_kind_period_and_cluster(make_meeting):
    meeting = make_meeting(title="")
    assert str(meeting) == "Hội nghị sơ kết 6 tháng đầu năm 2017 – Cụm thi đua các huyện biên giới"
    assert meeting.slug == "hoi-nghi-so-ket-6-thang-dau-nam-2017-cum-thi-dua-cac-huyen-bien-gioi"
    assert "cum thi dua cac huyen bien gioi" in meeting.search_text
    assert "cum thi dua 5 huyen bien gioi" in meeting.search_text  # an alias of the cluster


def test_list_filters_by_cluster_year_and_kind(client, border, make_meeting):
    make_meeting(title="Sơ kết A")
    make_meeting(title="Tổng kết B", kind=MeetingKind.YEAR_END_REVIEW)
    body = client.get(reverse("meetings:list"), {"kind": "year_end_review"}).content.decode()
    assert "Tổng kết B" in body and "Sơ kết A" not in body
    body = client.get(reverse("meetings:list"), {"cluster": border.cluster.slug, "year": 2017}).content.decode()
    assert "Tổng kết B" in body and "Sơ kết A" in body
    year2018 = ClusterYear.objects.create(cluster=border.cluster, year=2018)
    make_meeting(title="Ký kết C", kind=MeetingKind.PACT_SIGNING, cluster_year=year2018,
                 date=datetime.date(2018, 3, 15))
    body = client.get(reverse("meetings:list"), {"year": 2018}).content.decode()
    assert "Ký kết C" in body and "Sơ kết A" not in body


def test_only_public_documents_are_listed(client, make_meeting):
    from django.core.files.base import ContentFile

    meeting = make_meeting()
    MeetingDocument.objects.create(meeting=meeting, title="Báo cáo công khai", is_public=True,
                                   file=ContentFile(b"%PDF-1.4\n", name="a.pdf"))
    MeetingDocument.objects.create(meeting=meeting, title="Biên bản nội bộ", is_public=False,
                                   file=ContentFile(b"%PDF-1.4\n", name="b.pdf"))
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "Báo cáo công khai" in body and "Biên bản nội bộ" not in body


# --- query budgets ------------------------------------------------------------------------

# With a cold site-context cache (3 queries: profile, link lists, links), as in each test.
LIST_QUERIES = 7  # + count, page, cluster choices, year choices
# + the meeting's id (all a page whose parts are stored needs), meeting, attendance, agenda,
#   resolutions, their roles, rankings, photos, documents, roles,
#   the name histories of the ranked and role-holding units, and the news about the meeting
#   (added by portal.news through the page slot)
DETAIL_QUERIES = 16


def fill_meeting(meeting, border, n):
    units = list(border.units.values())
    for i in range(n):
        Attendance.objects.create(meeting=meeting, person_id=None, organisation=f"Nhóm {i}", order=i)
        Resolution.objects.create(meeting=meeting, kind=ResolutionKind.OTHER, text=f"Nội dung {i}", order=i)
        MeetingPhoto.objects.create(meeting=meeting, image=f"x/{i}.jpg", thumbnail=f"x/{i}-t.jpg",
                                    alt_text=f"Ảnh {i}", order=i)
        MeetingDocument.objects.create(meeting=meeting, title=f"Tài liệu {i}", file=f"x/{i}.pdf", is_public=True)
    for rank, unit in enumerate(units[: min(n, len(units))], start=1):
        Ranking.objects.create(meeting=meeting, unit=unit, rank=rank)


def test_list_query_count_is_constant(client, make_meeting, django_assert_max_num_queries, site_profile):
    for _ in range(3):
        make_meeting()
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(reverse("meetings:list")).status_code == 200
    for _ in range(40):
        make_meeting()
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(reverse("meetings:list"), {"page": 2}).status_code == 200


def test_detail_query_count_is_constant(client, border, make_meeting, django_assert_max_num_queries,
                                        site_profile):
    small, large = make_meeting(), make_meeting()
    fill_meeting(small, border, 1)
    fill_meeting(large, border, 25)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(small.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(large.get_absolute_url()).status_code == 200


def test_calendar_query_count_is_constant(client, make_meeting, django_assert_max_num_queries):
    future = timezone.localdate() + datetime.timedelta(days=10)
    for _ in range(30):
        make_meeting(date=future)
    with django_assert_max_num_queries(1):
        client.get(reverse("meetings:ical"))


# --- the calendar feed --------------------------------------------------------------------

def test_calendar_is_valid_icalendar(client, make_meeting):
    future = timezone.localdate() + datetime.timedelta(days=5)
    make_meeting(date=future, title="Hội nghị; sơ kết, năm\\mới " + "rất dài " * 20,
                 summary="Dòng một\nDòng hai", venue="Trụ sở UBND huyện Văn Lãng")
    make_meeting(date=future, time=datetime.time(8, 0), title="Hội nghị có giờ")
    make_meeting(date=timezone.localdate() - datetime.timedelta(days=1), title="Hội nghị đã qua")
    response = client.get(reverse("meetings:ical"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    unfolded = raw.decode().replace("\r\n ", "")
    assert unfolded.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert unfolded.count("BEGIN:VEVENT") == 2 == unfolded.count("END:VEVENT")
    assert "Hội nghị đã qua" not in unfolded
    assert "SUMMARY:Hội nghị\\; sơ kết\\, năm\\\\mới" in unfolded
    assert "DESCRIPTION:Dòng một\\nDòng hai" in unfolded
    assert f"DTSTART;VALUE=DATE:{future:%Y%m%d}" in unfolded
    assert f"DTSTART:{future:%Y%m%d}T010000Z" in unfolded  # 08:00 in Hà Nội is 01:00 UTC
    for line in unfolded.split("\r\n"):
        if line.startswith(("UID:", "DTSTAMP:")):
            assert line.split(":", 1)[1]
    assert unfolded.count("UID:") == 2 and unfolded.count("DTSTAMP:") == 2
    # folding never splits a multi-byte character
    for line in lines:
        line.decode("utf-8")


def test_staff_may_preview_an_unpublished_meeting_which_is_never_cached(client, staff_user, make_meeting):
    meeting = make_meeting(record_state=RecordState.DRAFT, title="Hội nghị chưa công bố")
    assert client.get(meeting.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "không công khai" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    listing = client.get(reverse("meetings:list")).content.decode()
    assert "Hội nghị chưa công bố" not in listing  # the list stays public-only, even for staff


def test_demo_on_top_of_the_cluster_demo_reaches_the_seed_meeting_from_the_list(client, db, site_profile):
    from io import StringIO

    from clusters import demo as cluster_demo

    for _ in range(2):  # idempotent
        cluster_demo.load(stdout=StringIO())
        demo.load(stdout=StringIO())
    listing = client.get(reverse("meetings:list")).content.decode()
    url = reverse("meetings:detail", kwargs={"year": 2017, "slug": demo.MID_YEAR_SLUG})
    assert f'href="{url}"' in listing
    body = re.sub(r"\s+", " ", client.get(url).content.decode())
    assert "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch Hội đồng TĐKT huyện Văn Lãng" in body
    assert "Trưởng cụm năm 2017" in body
    year_end = public_meetings().get(slug=demo.YEAR_END_SLUG)
    assert year_end.resolutions.get(kind=ResolutionKind.ELECTION).created_roles.count() == 2
