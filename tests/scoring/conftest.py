"""A cluster of five districts in 2025 with Lộc Bình leading, an officer for each, a publisher on
the province's staff, and a small scoring table: three criteria, one asking for evidence, a bonus
and a penalty item."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from backoffice.roles import OFFICER_GROUP, STAFF_GROUP
from clusters.models import (
    Cluster,
    ClusterMember,
    ClusterYear,
    Role,
    SelectionMethod,
    Unit,
    UnitKind,
    UnitOfficer,
)
from meetings.models import Meeting, MeetingKind, Period
from scoring.models import ClusterType, Criterion, CriterionGroup, CriterionKind, ScoreTemplate

PASSWORD = "x-Secret-123"  # noqa: S105 - test accounts only
DISTRICTS = ["Lộc Bình", "Văn Lãng", "Tràng Định", "Cao Lộc", "Đình Lập"]


class World:
    pass


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",
                              content_type="application/pdf")


@pytest.fixture
def world(db, django_user_model):
    w = World()
    province = Unit.objects.create(name="UBND tỉnh Lạng Sơn", kind=UnitKind.PEOPLES_COMMITTEE,
                                   admin_level="province")
    w.province = province
    w.cluster = Cluster.objects.create(name="Cụm thi đua các huyện biên giới", organiser=province)
    w.cluster_year = ClusterYear.objects.create(cluster=w.cluster, year=2025)
    w.units, w.officers = [], []
    for order, name in enumerate(DISTRICTS, start=1):
        unit = Unit.objects.create(name=f"huyện {name}", kind=UnitKind.DISTRICT)
        role = Role.LEADER if order == 1 else Role.MEMBER
        ClusterMember.objects.create(cluster_year=w.cluster_year, unit=unit, role=role, order=order,
                                     selection_method=SelectionMethod.ELECTED if role == Role.LEADER else "")
        user = django_user_model.objects.create_user(username=f"officer{order}", password=PASSWORD)
        user.groups.add(Group.objects.get(name=OFFICER_GROUP))
        UnitOfficer.objects.create(user=user, unit=unit)
        w.units.append(unit)
        w.officers.append(user)
    w.leader = w.officers[0]
    w.staff = django_user_model.objects.create_user(username="so.noivu", password=PASSWORD, is_staff=True)
    w.staff.groups.add(Group.objects.get(name=STAFF_GROUP))
    w.type = ClusterType.objects.create(name="Cụm các huyện")
    w.type.clusters.add(w.cluster)
    w.template = ScoreTemplate.objects.create(cluster_type=w.type, year=2025, title="Bảng điểm thi đua 2025",
                                              bonus_cap=Decimal("5"), penalty_cap=None)
    group = CriterionGroup.objects.create(template=w.template, order=1, code="I", title="Thực hiện nhiệm vụ")
    w.c1 = Criterion.objects.create(template=w.template, group=group, order=1, code="1", title="Nhiệm vụ chính trị",
                                    max_points=Decimal("40"))
    w.c2 = Criterion.objects.create(template=w.template, group=group, order=2, code="2", title="Phong trào thi đua",
                                    max_points=Decimal("30"), evidence_required=True)
    w.c3 = Criterion.objects.create(template=w.template, group=group, order=3, code="3", title="Công tác khen thưởng",
                                    max_points=Decimal("30"))
    w.bonus = Criterion.objects.create(template=w.template, order=4, code="T", title="Điểm thưởng",
                                       kind=CriterionKind.BONUS, max_points=Decimal("3"))
    w.bonus2 = Criterion.objects.create(template=w.template, order=5, code="T2", title="Điểm thưởng sáng kiến",
                                        kind=CriterionKind.BONUS, max_points=Decimal("3"))
    w.penalty = Criterion.objects.create(template=w.template, order=6, code="P", title="Điểm trừ",
                                         kind=CriterionKind.PENALTY, max_points=Decimal("10"))
    w.meeting = Meeting.objects.create(cluster_year=w.cluster_year, kind=MeetingKind.YEAR_END_REVIEW,
                                       period=Period.YEAR, date=datetime.date(2025, 12, 20),
                                       title="Hội nghị tổng kết năm 2025", venue="huyện Lộc Bình")
    return w
