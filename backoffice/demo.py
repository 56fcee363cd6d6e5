"""Demo accounts and three filed records: a draft of Lộc Bình's officer (only `locbinh` may see
it), a record Văn Lãng's officer has submitted for review, and one of Văn Lãng that so.noivu
returned with a reason and vanlang then corrected (its history and the reason show as `vanlang`).
All invented, so marked sample.

Idempotent: users by user name, meetings by slug, child rows by their order; the returned record's
story is played once, when the record does not exist yet."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from clusters.models import ClusterYear, Unit, UnitOfficer
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceRole,
    EventStatus,
    Meeting,
    MeetingKind,
    MeetingTransition,
    Period,
    RecordState,
    Resolution,
    ResolutionKind,
)
from portal.core.demo import DEMO_PASSWORD, MINIMAL_PDF

from . import nomination_demo, scoring_demo
from .audit import acting_as
from .roles import OFFICER_GROUP, STAFF_GROUP

CLUSTER_SLUG = "cum-thi-dua-cac-huyen-bien-gioi"
DRAFT_SLUG = "ban-nhap-tong-ket-nam-2017-huyen-loc-binh"
SUBMITTED_SLUG = "giao-ban-quy-iii-2017-huyen-van-lang"
RETURNED_TITLE = "Hội nghị sơ kết 6 tháng đầu năm 2017 của Cụm thi đua các huyện biên giới (hồ sơ của huyện Văn Lãng)"
RETURNED_SLUG = "so-ket-6-thang-dau-nam-2017-huyen-van-lang"
RETURN_REASON = (
    "Đề nghị bổ sung thành phần đại biểu dự hội nghị (họ tên, chức vụ) và ghi rõ buổi tổ chức; "
    "ngày hội nghị ghi chưa đúng với biên bản (biên bản ghi ngày 14/7/2017)."
)

ACCOUNTS = [
    # user name, full name, staff?, group, unit slug
    ("so.noivu", "Cán bộ Ban Thi đua - Khen thưởng, Sở Nội vụ", True, STAFF_GROUP, None),
    ("vanlang", "Cán bộ thi đua huyện Văn Lãng", False, OFFICER_GROUP, "huyen-van-lang"),
    ("locbinh", "Cán bộ thi đua huyện Lộc Bình", False, OFFICER_GROUP, "huyen-loc-binh"),
]


def load(*, stdout):
    users = {}
    for username, full_name, is_staff, group_name, unit_slug in ACCOUNTS:
        user, _created = get_user_model().objects.update_or_create(
            username=username,
            defaults={"full_name": full_name, "is_staff": is_staff, "is_superuser": False, "is_active": True,
                      "email": f"{username}@example.invalid"},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        if unit_slug:
            UnitOfficer.objects.get_or_create(user=user, unit=Unit.objects.get(slug=unit_slug))
        users[username] = user

    cluster_year = ClusterYear.objects.get(cluster__slug=CLUSTER_SLUG, year=2017)
    loc_binh = Unit.objects.get(slug="huyen-loc-binh")
    van_lang = Unit.objects.get(slug="huyen-van-lang")

    draft = _meeting(
        DRAFT_SLUG, users["locbinh"], loc_binh, RecordState.DRAFT,
        cluster_year=cluster_year, kind=MeetingKind.YEAR_END_REVIEW, period=Period.YEAR,
        title="Hội nghị tổng kết công tác thi đua, khen thưởng năm 2017 (bản nháp của huyện Lộc Bình)",
        date=datetime.date(2017, 12, 22), venue="Hội trường UBND huyện Lộc Bình", host=loc_binh,
        event_status=EventStatus.PLANNED,
        summary=(
            "Bản nháp của huyện Lộc Bình, Trưởng cụm thi đua năm 2017: dự kiến nội dung hội nghị tổng kết công "
            "tác thi đua, khen thưởng năm 2017 của Cụm thi đua các huyện biên giới, bình xét và suy tôn đơn vị "
            "dẫn đầu, bầu Trưởng cụm và Phó trưởng cụm năm 2018. Chưa gửi Sở Nội vụ."
        ),
    )
    Attendance.objects.update_or_create(meeting=draft, order=1, defaults={
        "role": AttendanceRole.CHAIR, "organisation": "Lãnh đạo UBND huyện Lộc Bình", "unit": loc_binh,
    })
    AgendaItem.objects.update_or_create(meeting=draft, order=1, defaults={
        "title": "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2017 của Cụm",
    })
    _draft_files(draft)

    submitted = _meeting(
        SUBMITTED_SLUG, users["vanlang"], van_lang, RecordState.SUBMITTED,
        cluster_year=cluster_year, kind=MeetingKind.BRIEFING, period=Period.QUARTER,
        title="Hội nghị giao ban quý III năm 2017 của Cụm thi đua các huyện biên giới",
        date=datetime.date(2017, 10, 5), venue="trụ sở UBND huyện Văn Lãng", host=van_lang,
        event_status=EventStatus.HELD,
        summary=(
            "Huyện Văn Lãng, Phó trưởng cụm, báo cáo kết quả giao ban quý III năm 2017: các đơn vị trao đổi "
            "kinh nghiệm tổ chức phong trào thi đua và thống nhất lịch hội nghị tổng kết cuối năm."
        ),
    )
    Attendance.objects.update_or_create(meeting=submitted, order=1, defaults={
        "role": AttendanceRole.DELEGATE, "organisation": "Phòng Nội vụ của 05 huyện trong Cụm",
    })
    Resolution.objects.update_or_create(meeting=submitted, order=1, defaults={
        "kind": ResolutionKind.TASKS_ADOPTED,
        "text": "Thống nhất tổ chức hội nghị tổng kết năm 2017 tại huyện Lộc Bình trong tháng 12/2017.",
    })
    _returned_and_corrected(cluster_year, van_lang, users["vanlang"], users["so.noivu"])
    nomination_demo.load(stdout=stdout, users=users)
    scoring_demo.load(stdout=stdout, users=users)
    stdout.write("backoffice: demo accounts so.noivu, vanlang, locbinh (password thidua2017)")


def _returned_and_corrected(cluster_year, van_lang, officer, reviewer):
    """Văn Lãng files a mid-year review and submits it, so.noivu returns it with a reason, and
    vanlang corrects it: played through the services, as the people themselves, so the record's
    state history and its history of changes are the ones the site writes, dated over a week."""
    from django.utils import timezone

    from backoffice.models import AuditEntry
    from meetings.models import PartOfDay
    from meetings.services import meeting_create, meeting_transition, meeting_update

    if Meeting.objects.filter(slug=RETURNED_SLUG).exists():
        return
    start = timezone.now() - datetime.timedelta(days=9)
    with acting_as(officer, "backoffice"):
        meeting = meeting_create(
            user=officer, cluster_year=cluster_year, kind=MeetingKind.MID_YEAR_REVIEW, period=Period.FIRST_HALF,
            title=RETURNED_TITLE, slug=RETURNED_SLUG, date=datetime.date(2017, 7, 13),
            venue="Hội trường UBND huyện Văn Lãng", host=van_lang, filing_unit=van_lang,
            event_status=EventStatus.HELD, is_sample=True,
            summary=(
                "Cụm thi đua các huyện biên giới sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2017 và "
                "triển khai nhiệm vụ 6 tháng cuối năm."
            ),
        )
        Attendance.objects.create(meeting=meeting, order=1, role=AttendanceRole.DELEGATE,
                                  organisation="Phòng Nội vụ các huyện trong Cụm")
        meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=officer)
    with acting_as(reviewer, "backoffice"):
        meeting_transition(meeting=meeting, to_state=RecordState.RETURNED, user=reviewer, reason=RETURN_REASON)
    with acting_as(officer, "backoffice"):
        meeting_update(meeting=meeting, user=officer, date=datetime.date(2017, 7, 14),
                       part_of_day=PartOfDay.MORNING)
        Attendance.objects.create(
            meeting=meeting, order=2, role=AttendanceRole.CHAIR, name_as_written="Đại diện lãnh đạo UBND huyện",
            title_as_written="Phó Chủ tịch UBND huyện Văn Lãng", unit=van_lang,
        )
    # spread the story over the past days, in the order it happened
    moments = [start + datetime.timedelta(days=step) for step in (0, 1, 3, 4)]
    transitions = list(meeting.transitions.order_by("at", "id"))
    for transition, moment in zip(transitions, moments[:3], strict=False):
        MeetingTransition.objects.filter(pk=transition.pk).update(at=moment)
    entries = list(AuditEntry.objects.filter(root_id=str(meeting.pk), root_type__model="meeting")
                   .order_by("at", "id"))
    # creation (meeting and first attendee), submission, return, then the correction
    steps = [0, 0, 1, 2] + [3] * max(len(entries) - 4, 0)
    for index, (entry, step) in enumerate(zip(entries, steps, strict=False)):
        AuditEntry.objects.filter(pk=entry.pk).update(at=moments[step] + datetime.timedelta(minutes=index))


def _draft_files(draft):
    """A photo and a document on the draft, so anyone can try that they stay private (only
    locbinh and staff may fetch them)."""
    from django.core.files.base import ContentFile

    from meetings.demo import placeholder_photo
    from meetings.models import DocumentKind, MeetingDocument
    from meetings.services import photo_add

    if not draft.photos.exists():
        photo_add(meeting=draft, image=placeholder_photo(1), alt_text="Ảnh mẫu của bản nháp huyện Lộc Bình",
                  caption="Ảnh mẫu: hội trường dự kiến tổ chức hội nghị (bản nháp, chưa công khai)", is_sample=True)
    if not draft.documents.exists():
        MeetingDocument.objects.create(
            meeting=draft, kind=DocumentKind.PLAN, title="Dự thảo kế hoạch tổ chức hội nghị tổng kết (bản nháp)",
            is_public=False, order=1,
            file=ContentFile(MINIMAL_PDF, name="du-thao-ke-hoach.pdf"),
        )



def _meeting(slug, officer, unit, state, **fields):
    meeting, created = Meeting.objects.update_or_create(
        slug=slug,
        defaults={**fields, "filing_unit": unit, "record_state": state, "is_sample": True,
                  "created_by": officer, "updated_by": officer},
    )
    if not meeting.transitions.exists():
        MeetingTransition.objects.create(meeting=meeting, from_state="", to_state=RecordState.DRAFT, by=officer)
        if state != RecordState.DRAFT:
            MeetingTransition.objects.create(meeting=meeting, from_state=RecordState.DRAFT, to_state=state,
                                             by=officer)
    return meeting
