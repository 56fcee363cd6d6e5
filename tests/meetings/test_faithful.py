"""A meeting record holds what its source says: a date known to the day, month or year, or not
at all; ties, ballots and vote counts; elections by consensus; co-chairs known only by name and
title; a khối's own words. Entered through the admin forms, shown on the public pages as such."""

import datetime

import pytest
from django.urls import reverse

from clusters.models import ClusterKind, ClusterMember, Person, Role
from meetings.forms import parse_approximate_date
from meetings.models import Attendance, DatePrecision, Meeting, MeetingKind, Ranking, RecordState

from .test_admin import meeting_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def add_through_admin(admin_client, border, **extra):
    before = set(Meeting.objects.values_list("pk", flat=True))
    response = admin_client.post(reverse("admin:meetings_meeting_add"), meeting_post(border, **extra))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Meeting.objects.exclude(pk__in=before).get()


@pytest.mark.parametrize("text, day, precision", [
    ("14/07/2017", datetime.date(2017, 7, 14), "day"),
    ("2017-07-14", datetime.date(2017, 7, 14), "day"),
    ("01/2024", datetime.date(2024, 1, 1), "month"),
    ("2024", datetime.date(2024, 1, 1), "year"),
    ("", None, "unknown"),
])
def test_a_date_is_read_as_far_as_the_source_gives_it(text, day, precision):
    assert parse_approximate_date(text) == (day, precision)


def test_a_meeting_without_a_stated_date_shows_chua_ro_with_the_report_date(admin_client, border, client,
                                                                            site_profile):
    meeting = add_through_admin(admin_client, border, kind=MeetingKind.YEAR_END_REVIEW, period="year", date="",
                                reported_on="26/01/2018", title="Hội nghị tổng kết năm 2017")
    assert meeting.date is None and meeting.date_precision == DatePrecision.UNKNOWN
    assert meeting.url_year == 2017  # the cluster-year's: the address never guesses a date
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "chưa rõ ngày (đưa tin ngày 26/01/2018)" in body
    assert "<time" not in body.split('class="meta meeting-when"')[1].split("</p>")[0]
    listing = client.get(reverse("meetings:list")).content.decode()
    assert "chưa rõ ngày (đưa tin ngày 26/01/2018)" in listing


def test_a_meeting_known_to_the_month_shows_the_month(admin_client, border, client, site_profile):
    meeting = add_through_admin(admin_client, border, date="07/2017", title="Hội nghị tháng 7")
    assert (meeting.date, meeting.date_precision) == (datetime.date(2017, 7, 1), "month")
    assert "tháng 07/2017" in client.get(meeting.get_absolute_url()).content.decode()
    # the admin shows it back as it was typed
    form = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).context["adminform"].form
    assert form.initial["date"] == "07/2017"


def test_a_malformed_date_is_a_vietnamese_form_error_and_loses_nothing(admin_client, border):
    response = admin_client.post(reverse("admin:meetings_meeting_add"),
                                 meeting_post(border, date="32/13/2017", summary="Không được mất"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ghi ngày theo dạng dd/mm/yyyy" in body and "Không được mất" in body


def test_calendar_skips_meetings_without_a_day(client, make_meeting):
    future = datetime.date(timezone_year() + 1, 3, 1)
    make_meeting(title="Có ngày", date=future)
    make_meeting(title="Chỉ biết tháng", date=future, date_precision=DatePrecision.MONTH)
    body = client.get(reverse("meetings:ical")).content.decode()
    assert "Có ngày" in body and "Chỉ biết tháng" not in body


def timezone_year():
    from django.utils import timezone

    return timezone.localdate().year


def test_existing_addresses_keep_the_year_of_their_date(make_meeting):
    meeting = make_meeting(date=datetime.date(2018, 1, 10))  # a 2017 year-end review held in January
    assert meeting.get_absolute_url().startswith("/hoi-nghi/2018/")
    meeting.date = datetime.date(2018, 1, 12)
    meeting.save()
    assert meeting.get_absolute_url().startswith("/hoi-nghi/2018/")


def test_a_three_way_tie_by_secret_ballot_with_votes(admin_client, border, client, site_profile):
    units = border.units
    rows = {}
    for i, slug in enumerate(["huyen-loc-binh", "huyen-van-lang", "huyen-cao-loc"]):
        rows.update({f"rankings-{i}-rank": "1", f"rankings-{i}-unit": units[slug].pk,
                     f"rankings-{i}-group_label": "xuất sắc, tiêu biểu", f"rankings-{i}-basis": "secret_ballot",
                     f"rankings-{i}-members_entitled": "5", f"rankings-{i}-members_present": "5",
                     f"rankings-{i}-votes_for": str(5 - i)})
    meeting = add_through_admin(admin_client, border, kind=MeetingKind.YEAR_END_REVIEW, period="year",
                                date="26/12/2017", **{"rankings-TOTAL_FORMS": "3", **rows})
    assert list(meeting.rankings.values_list("rank", flat=True)) == [1, 1, 1]
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert body.count("đồng hạng") == 3 and "phiếu kín" in body and "xuất sắc, tiêu biểu" in body
    assert "tán thành: 4" in body and "có mặt: 5" in body


def test_more_votes_than_members_is_refused(border, make_meeting):
    from django.core.exceptions import ValidationError

    ranking = Ranking(meeting=make_meeting(), unit=border.units["huyen-loc-binh"], rank=1, members_entitled=5,
                      votes_for=6)
    with pytest.raises(ValidationError):
        ranking.full_clean()


def test_old_vote_rankings_read_as_a_vote_of_a_kind_not_stated(border, make_meeting):
    ranking = Ranking.objects.create(meeting=make_meeting(), unit=border.units["huyen-loc-binh"], rank=1,
                                     basis="vote")
    assert str(ranking.get_basis_display()) == "biểu quyết (không rõ hình thức)"


def test_an_election_by_consensus_records_its_method_and_publishes_no_guessed_members(admin_client, border,
                                                                                      client, site_profile):
    meeting = add_through_admin(admin_client, border, kind=MeetingKind.YEAR_END_REVIEW, period="year",
                                date="20/12/2017")
    response = admin_client.post(reverse("admin:meetings_meeting_election", args=[meeting.pk]), {
        "leader": border.units["huyen-van-lang"].pk, "deputy": border.units["huyen-trang-dinh"].pk,
        "method": "consensus", "text": "", "members_entitled": "5", "members_present": "5", "votes_for": "",
    })
    assert response.status_code == 302
    resolution = meeting.resolutions.get()
    assert resolution.method == "consensus" and resolution.members_present == 5
    carried = ClusterMember.objects.filter(cluster_year__year=2018, role=Role.MEMBER)
    assert carried.count() == 3 and all(m.is_provisional for m in carried)
    page = client.get(border.cluster.get_absolute_url() + "?nam=2018").content.decode()
    assert "chưa được xác nhận" in page and "huyện Cao Lộc" not in page.split("members-title")[1].split("</ol>")[0]
    assert "thống nhất suy tôn" in client.get(meeting.get_absolute_url()).content.decode()


def test_two_co_chairs_known_only_by_name_and_title(admin_client, border, client, site_profile):
    rows = {
        "attendances-0-order": "1", "attendances-0-role": "co_chair", "attendances-0-name_as_written": "Hoàng Văn A",
        "attendances-0-title_as_written": "Phó Chủ tịch UBND huyện",
        "attendances-0-unit_as_written": "huyện Tràng Định",
        "attendances-1-order": "2", "attendances-1-role": "co_chair", "attendances-1-name_as_written": "Lý Thị B",
        "attendances-1-title_as_written": "Trưởng phòng Nội vụ", "attendances-1-unit_as_written": "huyện Đình Lập",
    }
    meeting = add_through_admin(admin_client, border, **{"attendances-TOTAL_FORMS": "2", **rows})
    assert meeting.attendances.filter(person__isnull=True).count() == 2
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert body.count("Đồng chủ trì") == 2
    assert "Hoàng Văn A, Phó Chủ tịch UBND huyện, huyện Tràng Định" in body
    assert "Lý Thị B, Trưởng phòng Nội vụ, huyện Đình Lập" in body


def test_staff_see_unlinked_names_and_link_one_in_one_click(admin_client, border, make_meeting):
    meeting = make_meeting()
    attendance = Attendance.objects.create(meeting=meeting, name_as_written="Nguyễn Thu Hoài",
                                           title_as_written="Phó trưởng ban")
    listing = admin_client.get(reverse("admin:meetings_attendance_changelist")).content.decode()
    person = Person.objects.get(slug="nguyen-thu-hoai")
    link = reverse("admin:meetings_attendance_link", args=[attendance.pk, person.pk])
    assert "Nguyễn Thu Hoài" in listing and link in listing
    admin_client.post(link)
    attendance.refresh_from_db()
    assert attendance.person == person and attendance.title_as_written == "Phó trưởng ban"
    assert link not in admin_client.get(reverse("admin:meetings_attendance_changelist")).content.decode()


def test_a_khoi_meeting_speaks_of_truong_khoi(border, make_meeting, client, site_profile):
    border.cluster.kind = ClusterKind.KHOI
    border.cluster.save()
    meeting = make_meeting(record_state=RecordState.PUBLISHED)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "Trưởng khối năm 2017" in body and "Phó trưởng khối năm 2017" in body and "Trưởng cụm" not in body


def test_new_resolution_kinds_are_offered(border, make_meeting):
    from meetings.models import ResolutionKind

    assert {"handover", "report_discussed", "discussion"} <= set(ResolutionKind.values)


def test_demo_holds_a_khoi_meeting_as_a_report_gives_it(client, site_profile, db):
    import io

    from clusters import demo as clusters_demo
    from meetings import demo as meetings_demo

    for _ in range(2):  # idempotent
        clusters_demo.load(stdout=io.StringIO())
        meetings_demo.load(stdout=io.StringIO())
    meeting = Meeting.objects.get(slug=meetings_demo.KHOI_MEETING_SLUG)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert "chưa rõ ngày (đưa tin ngày 10/01/2025)" in body and "Dữ liệu mẫu" in body
    assert body.count(">đồng hạng</span>") == 3 and "Đồng chủ trì" in body and "Nguyễn Văn An, Giám đốc Sở" in body
    assert "thống nhất suy tôn" in body and "Trưởng khối năm 2024" in body and "Trưởng cụm" not in body
    assert meeting.resolutions.get(kind="election").created_roles.count() == 2


def test_the_venue_reads_tai_on_the_meeting_page(client, make_meeting, site_profile):
    body = client.get(make_meeting().get_absolute_url()).content.decode()
    assert "14/07/2017</time>, tại trụ sở UBND huyện Văn Lãng" in body and "thời điểm trụ sở" not in body
