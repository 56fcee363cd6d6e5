"""Two districts of the border cluster with an officer each, a reviewer, and records of both."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from backoffice.roles import OFFICER_GROUP, STAFF_GROUP
from clusters.models import (
    Cluster,
    ClusterMember,
    ClusterYear,
    Person,
    Role,
    SelectionMethod,
    Unit,
    UnitKind,
    UnitOfficer,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    EventStatus,
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingPhoto,
    MeetingTransition,
    Period,
    RecordState,
    Resolution,
    ResolutionKind,
)

PASSWORD = "x-Secret-123"  # noqa: S105 - test accounts only
MARK_A = "Bản nháp của huyện Văn Lãng"
MARK_B = "Bản nháp của huyện Lộc Bình"


class World:
    """Handles on the fixture rows."""


def pdf_file(name="bien-ban.pdf", body=b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def image_file(name="anh.jpg", size=(64, 48), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_user(django_user_model, username, group, *, units=(), is_staff=False, email=None):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=is_staff, email=email or f"{username}@example.invalid"
    )
    user.groups.add(Group.objects.get(name=group))
    for unit in units:
        UnitOfficer.objects.create(user=user, unit=unit)
    return user


def filed_meeting(cluster_year, unit, officer, state, summary, **fields):
    values = {
        "cluster_year": cluster_year, "kind": MeetingKind.MID_YEAR_REVIEW, "period": Period.FIRST_HALF,
        "date": datetime.date(2017, 7, 14), "venue": f"trụ sở {unit.name}", "event_status": EventStatus.HELD,
        "title": f"Hội nghị của {unit.name} ({state})", "summary": summary, "filing_unit": unit,
        "record_state": state, "created_by": officer, "is_sample": True,
    }
    values.update(fields)
    meeting = Meeting.objects.create(**values)
    MeetingTransition.objects.create(meeting=meeting, from_state="", to_state=RecordState.DRAFT, by=officer)
    Attendance.objects.create(meeting=meeting, organisation=f"Đại biểu {summary}", order=1)
    AgendaItem.objects.create(meeting=meeting, title=f"Nội dung {summary}", order=1)
    Resolution.objects.create(meeting=meeting, kind=ResolutionKind.OTHER, text=f"Kết luận {summary}", order=1)
    return meeting


@pytest.fixture
def world(db, django_user_model):
    w = World()
    organiser = Unit.objects.create(name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son",
                                    kind=UnitKind.PEOPLES_COMMITTEE)
    w.unit_a = Unit.objects.create(name="huyện Văn Lãng", slug="huyen-van-lang", kind=UnitKind.DISTRICT)
    w.unit_b = Unit.objects.create(name="huyện Lộc Bình", slug="huyen-loc-binh", kind=UnitKind.DISTRICT)
    w.outsider_unit = Unit.objects.create(name="huyện Hữu Lũng", slug="huyen-huu-lung", kind=UnitKind.DISTRICT)
    w.cluster = Cluster.objects.create(name="Cụm thi đua các huyện biên giới", slug="cum-thi-dua-cac-huyen-bien-gioi",
                                       organiser=organiser)
    w.year = ClusterYear.objects.create(cluster=w.cluster, year=2017)
    ClusterMember.objects.create(cluster_year=w.year, unit=w.unit_b, role=Role.LEADER, order=1,
                                 selection_method=SelectionMethod.ELECTED)
    ClusterMember.objects.create(cluster_year=w.year, unit=w.unit_a, role=Role.DEPUTY, order=2,
                                 selection_method=SelectionMethod.ELECTED)
    other = Cluster.objects.create(name="Cụm thi đua các huyện miền núi", slug="cum-mien-nui", organiser=organiser)
    w.other_year = ClusterYear.objects.create(cluster=other, year=2017)
    ClusterMember.objects.create(cluster_year=w.other_year, unit=w.outsider_unit, role=Role.MEMBER, order=1)
    w.person = Person.objects.create(full_name="Nguyễn Đình Trường", slug="nguyen-dinh-truong")

    w.officer_a = make_user(django_user_model, "vanlang", OFFICER_GROUP, units=[w.unit_a])
    w.officer_b = make_user(django_user_model, "locbinh", OFFICER_GROUP, units=[w.unit_b])
    w.reviewer = make_user(django_user_model, "so.noivu", STAFF_GROUP, is_staff=True)
    w.nobody = django_user_model.objects.create_user(username="nobody", password=PASSWORD)

    w.draft_a = filed_meeting(w.year, w.unit_a, w.officer_a, RecordState.DRAFT, MARK_A)
    w.draft_b = filed_meeting(w.year, w.unit_b, w.officer_b, RecordState.DRAFT, MARK_B)
    w.submitted_b = filed_meeting(w.year, w.unit_b, w.officer_b, RecordState.SUBMITTED, MARK_B + " (đã gửi)")
    w.returned_b = filed_meeting(w.year, w.unit_b, w.officer_b, RecordState.RETURNED, MARK_B + " (trả lại)")
    w.approved_b = filed_meeting(w.year, w.unit_b, w.officer_b, RecordState.APPROVED, MARK_B + " (đã duyệt)")
    w.document_b = MeetingDocument.objects.create(meeting=w.draft_b, title="Biên bản Lộc Bình", file=pdf_file())
    w.photo_b = MeetingPhoto.objects.create(meeting=w.draft_b, image=image_file(), alt_text="Ảnh Lộc Bình")
    return w


@pytest.fixture
def client_a(client, world):
    client.force_login(world.officer_a)
    return client


@pytest.fixture
def client_b(client, world):
    client.force_login(world.officer_b)
    return client


@pytest.fixture
def reviewer_client(client, world):
    client.force_login(world.reviewer)
    return client
