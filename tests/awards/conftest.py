"""Fixtures of the commendation tests: a province, a district with its UBND, a commune, people,
and the catalogue rows loaded by the data migration."""

import datetime

import pytest

from awards.models import Award, AwardType, Decision, IssuerRole, SubjectType
from awards.services import decision_issue
from clusters.models import Person, Unit, UnitKind


@pytest.fixture
def units(db):
    province = Unit.objects.create(name="tỉnh Lạng Sơn", slug="tinh-lang-son", kind=UnitKind.PROVINCE)
    ubnd_tinh = Unit.objects.create(
        name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son", kind=UnitKind.PEOPLES_COMMITTEE, parent=province,
        admin_level="province",
    )
    district = Unit.objects.create(
        name="huyện Văn Lãng", short_name="Văn Lãng", slug="huyen-van-lang", kind=UnitKind.DISTRICT, parent=province,
        valid_to=datetime.date(2025, 6, 30),
    )
    ubnd_huyen = Unit.objects.create(
        name="UBND huyện Văn Lãng", slug="ubnd-huyen-van-lang", kind=UnitKind.PEOPLES_COMMITTEE, parent=district,
        valid_to=datetime.date(2025, 6, 30), admin_level="district",
    )
    commune = Unit.objects.create(
        name="xã Hoàng Văn Thụ", slug="xa-hoang-van-thu", kind=UnitKind.COMMUNE, parent=district,
    )
    ubnd_xa = Unit.objects.create(
        name="UBND xã Hoàng Văn Thụ", slug="ubnd-xa-hoang-van-thu", kind=UnitKind.PEOPLES_COMMITTEE, parent=commune,
        admin_level="commune",
    )
    village = Unit.objects.create(name="Thôn Nà Pàn", slug="thon-na-pan", kind=UnitKind.VILLAGE, parent=commune)
    # bodies with no administrative level: a department signs through its director, the
    # government's offices through the Prime Minister or the President
    department = Unit.objects.create(name="Sở Nội vụ tỉnh Lạng Sơn", slug="so-noi-vu", kind=UnitKind.DEPARTMENT,
                                     parent=province)
    central = Unit.objects.create(name="Chính phủ", slug="chinh-phu", kind=UnitKind.CENTRAL, is_external=True)
    return {"province": province, "ubnd_tinh": ubnd_tinh, "district": district, "ubnd_huyen": ubnd_huyen,
            "commune": commune, "ubnd_xa": ubnd_xa, "village": village, "department": department,
            "central": central}


@pytest.fixture
def roles(db):
    return {r.code: r for r in IssuerRole.objects.all()}


@pytest.fixture
def awards(db):
    return {a.code: a for a in Award.objects.prefetch_related("classes")}


@pytest.fixture
def people(db):
    return {
        "hoa": Person.objects.create(full_name="Hoàng Thị Hoa", slug="hoang-thi-hoa", gender="female"),
        "binh": Person.objects.create(full_name="Lường Văn Bình", slug="luong-van-binh", gender="male"),
    }


def individual(person, award, **extra):
    return {"subject_type": SubjectType.INDIVIDUAL, "person": person, "name_text": person.full_name,
            "award": award, **extra}


def collective(unit, award, **extra):
    return {"subject_type": SubjectType.COLLECTIVE, "unit": unit, "name_text": unit.name, "award": award, **extra}


_numbers = iter(range(100, 100000))


@pytest.fixture
def issue(units, roles):
    """decision_issue with sensible defaults: a provincial decision of 2024."""

    def _issue(lines, *, confirm=False, **fields):
        defaults = {
            "number": next(_numbers), "symbol": "QĐ-UBND", "signed_on": datetime.date(2024, 12, 20),
            "issuer_role": roles["provincial_chair"], "issuer_unit": units["ubnd_tinh"],
            "subject_line": "Về việc tặng thưởng", "achievement_year": 2024, "award_type": AwardType.MERIT,
            "is_published": True,
        }
        defaults.update(fields)
        # a decision known from a news report may have no number (number=None): nothing is written then
        defaults.setdefault("number_text", f"{defaults['number']}/{defaults['symbol']}" if defaults["number"] else "")
        return decision_issue(lines=lines, confirm=confirm, **defaults)

    return _issue


@pytest.fixture
def decision_count(db):
    return lambda: Decision.objects.count()
