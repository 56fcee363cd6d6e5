"""A province, two districts of the border cluster with an officer each, the cluster's 2025
leader, and a member of the office who processes dossiers. Shared by every nominations test."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import Award, IssuerRole
from backoffice.roles import OFFICER_GROUP, STAFF_GROUP
from clusters.models import (
    AdministrativeLevel,
    Cluster,
    ClusterMember,
    ClusterYear,
    Role,
    SelectionMethod,
    Unit,
    UnitKind,
    UnitOfficer,
)
from nominations import services
from nominations.models import NomineeLine

PASSWORD = "x-Secret-123"  # noqa: S105 - test accounts only


class World:
    """Handles on the fixture rows."""


def pdf_file(name="bao-cao.pdf", body=b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def make_user(django_user_model, username, group, *, units=(), is_staff=False):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, is_staff=is_staff,
                                                 email=f"{username}@example.invalid")
    user.groups.add(Group.objects.get(name=group))
    for unit in units:
        UnitOfficer.objects.create(user=user, unit=unit)
    return user


@pytest.fixture
def world(db, django_user_model):
    w = World()
    w.province = Unit.objects.create(name="UBND tỉnh Lạng Sơn", kind=UnitKind.PEOPLES_COMMITTEE,
                                     admin_level=AdministrativeLevel.PROVINCE)
    w.loc_binh = Unit.objects.create(name="huyện Lộc Bình", kind=UnitKind.DISTRICT)
    w.van_lang = Unit.objects.create(name="huyện Văn Lãng", kind=UnitKind.DISTRICT)
    w.cluster = Cluster.objects.create(name="Cụm thi đua các huyện biên giới", organiser=w.province)
    cluster_year = ClusterYear.objects.create(cluster=w.cluster, year=2025)
    ClusterMember.objects.create(cluster_year=cluster_year, unit=w.loc_binh, role=Role.LEADER, order=1,
                                 selection_method=SelectionMethod.ELECTED)
    ClusterMember.objects.create(cluster_year=cluster_year, unit=w.van_lang, role=Role.MEMBER, order=2)
    w.locbinh = make_user(django_user_model, "locbinh", OFFICER_GROUP, units=[w.loc_binh])
    w.vanlang = make_user(django_user_model, "vanlang", OFFICER_GROUP, units=[w.van_lang])
    w.staff = make_user(django_user_model, "so.noivu", STAFF_GROUP, is_staff=True)
    w.staff2 = make_user(django_user_model, "so.noivu2", STAFF_GROUP, is_staff=True)
    w.chair = IssuerRole.objects.get(code="provincial_chair")
    w.awards = {a.code: a for a in Award.objects.all()}
    return w


def add_line(dossier, user, name, award_code, **fields):
    values = {"subject_type": "individual", "name_text": name, "title_text": "Chuyên viên",
              "unit_text": dossier.unit.name, "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"}
    values.update(fields)
    line = NomineeLine(dossier=dossier, award=Award.objects.get(code=award_code), **values)
    services.line_save(user=user, line=line)
    return line


def make_dossier(w, *, user=None, unit=None, year=2025, **fields):
    values = {"achievement_year": year, "summary": "Đề nghị tặng Bằng khen năm 2025", "addressed_unit": w.province,
              "memo_number": "15/TTr-UBND", "memo_date": datetime.date(year, 11, 20), "memo_signer": "Nguyễn Văn A"}
    values.update(fields)
    return services.dossier_create(user=user or w.locbinh, unit=unit or w.loc_binh, **values)
