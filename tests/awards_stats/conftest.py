"""Fixtures of the look-up and statistics tests: two border districts with a commune and a
village, a cluster year with its leader and deputy, and a helper that issues decisions through
the rule service (confirming the warnings older dates raise)."""

import datetime
import itertools

import pytest

from awards.models import Award, AwardType, IssuerRole, SubjectType
from awards.services import decision_issue
from clusters.models import Cluster, ClusterMember, ClusterYear, Person, Role, Unit, UnitKind


@pytest.fixture
def units(db):
    province = Unit.objects.create(name="tỉnh Lạng Sơn", slug="tinh-lang-son", kind=UnitKind.PROVINCE)
    ubnd_tinh = Unit.objects.create(
        name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son", kind=UnitKind.PEOPLES_COMMITTEE, parent=province,
        admin_level="province",
    )
    loc_binh = Unit.objects.create(
        name="huyện Lộc Bình", short_name="Lộc Bình", slug="huyen-loc-binh", kind=UnitKind.DISTRICT, parent=province
    )
    van_lang = Unit.objects.create(
        name="huyện Văn Lãng", short_name="Văn Lãng", slug="huyen-van-lang", kind=UnitKind.DISTRICT, parent=province
    )
    commune = Unit.objects.create(name="xã Tú Đoạn", slug="xa-tu-doan", kind=UnitKind.COMMUNE, parent=loc_binh)
    village = Unit.objects.create(name="Thôn Khòn Pát", slug="thon-khon-pat", kind=UnitKind.VILLAGE, parent=commune)
    other = Unit.objects.create(name="xã Hoàng Văn Thụ", slug="xa-hvt", kind=UnitKind.COMMUNE, parent=van_lang)
    return {"province": province, "ubnd_tinh": ubnd_tinh, "loc_binh": loc_binh, "van_lang": van_lang,
            "commune": commune, "village": village, "other_commune": other}


@pytest.fixture
def cluster_year(units):
    cluster = Cluster.objects.create(
        name="Cụm thi đua các huyện biên giới", slug="cum-thi-dua-cac-huyen-bien-gioi", organiser=units["ubnd_tinh"]
    )
    year = ClusterYear.objects.create(cluster=cluster, year=2017)
    ClusterMember.objects.create(cluster_year=year, unit=units["loc_binh"], role=Role.LEADER,
                                 selection_method="elected", order=1)
    ClusterMember.objects.create(cluster_year=year, unit=units["van_lang"], role=Role.DEPUTY,
                                 selection_method="elected", order=2)
    return year


@pytest.fixture
def awards(db):
    return {a.code: a for a in Award.objects.all()}


_people = itertools.count(1)


def person_line(award, *, organisation, category="direct_worker", gender="female", name=None):
    n = next(_people)
    name = name or f"Người thứ {n}"
    person = Person.objects.create(full_name=name, slug=f"nguoi-{n}", gender=gender)
    return {"subject_type": SubjectType.INDIVIDUAL, "person": person, "name_text": name, "award": award,
            "organisation": organisation, "person_category": category, "gender": gender}


def unit_line(award, unit, *, small=False, **extra):
    return {"subject_type": SubjectType.COLLECTIVE, "unit": unit, "name_text": unit.name, "award": award,
            "organisation": unit.parent, "is_small_collective": small, **extra}


_numbers = itertools.count(100)


@pytest.fixture
def issue(units):
    roles = {r.code: r for r in IssuerRole.objects.all()}

    def _issue(lines, **fields):
        defaults = {
            "number": next(_numbers), "symbol": "QĐ-UBND", "signed_on": datetime.date(2017, 12, 20),
            "issuer_role": roles["provincial_chair"], "issuer_unit": units["ubnd_tinh"],
            "subject_line": "Về việc tặng Bằng khen", "achievement_year": 2017, "award_type": AwardType.MERIT,
            "is_published": True,
        }
        defaults.update(fields)
        defaults["number_text"] = f"{defaults['number']}/{defaults['symbol']}" if defaults["number"] else ""
        for line in lines:
            # these tests count flags, they do not test who earns one (tests/awards/test_flag.py does)
            if line["award"].code == "provincial_emulation_flag":
                line.setdefault("confirmation_reason", "Thử nghiệm thống kê")
        return decision_issue(lines=lines, confirm=True, **defaults)

    return _issue
