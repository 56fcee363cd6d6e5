"""The border cluster of the seed article, built directly (no cluster service), and helpers."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clusters.models import Cluster, ClusterMember, ClusterYear, Person, Role, SelectionMethod, Unit, UnitKind
from meetings.models import EventStatus, Meeting, MeetingKind, Period, RecordState

DISTRICTS = {
    "huyen-loc-binh": "huyện Lộc Bình",
    "huyen-van-lang": "huyện Văn Lãng",
    "huyen-trang-dinh": "huyện Tràng Định",
    "huyen-cao-loc": "huyện Cao Lộc",
    "huyen-dinh-lap": "huyện Đình Lập",
}


class Border:
    """Handles on the fixture rows."""


@pytest.fixture
def border(db):
    b = Border()
    province = Unit.objects.create(name="tỉnh Lạng Sơn", slug="tinh-lang-son", kind=UnitKind.PROVINCE)
    b.organiser = Unit.objects.create(
        name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son", kind=UnitKind.PEOPLES_COMMITTEE, parent=province
    )
    department = Unit.objects.create(name="Sở Nội vụ tỉnh Lạng Sơn", slug="so-noi-vu-tinh-lang-son",
                                     kind=UnitKind.DEPARTMENT)
    b.board = Unit.objects.create(name="Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn",
                                  slug="ban-thi-dua-khen-thuong", kind=UnitKind.OFFICE, parent=department)
    b.units = {
        slug: Unit.objects.create(name=name, slug=slug, kind=UnitKind.DISTRICT, valid_to=datetime.date(2025, 6, 30))
        for slug, name in DISTRICTS.items()
    }
    b.city = Unit.objects.create(name="thành phố Lạng Sơn", slug="thanh-pho-lang-son", kind=UnitKind.DISTRICT)
    b.ubnd_van_lang = Unit.objects.create(name="UBND huyện Văn Lãng", slug="ubnd-huyen-van-lang",
                                          kind=UnitKind.PEOPLES_COMMITTEE, parent=b.units["huyen-van-lang"])
    Unit.objects.create(name="UBND huyện Lộc Bình", slug="ubnd-huyen-loc-binh",
                        kind=UnitKind.PEOPLES_COMMITTEE, parent=b.units["huyen-loc-binh"])
    Unit.objects.create(name="Hội đồng Thi đua - Khen thưởng huyện Văn Lãng", slug="hoi-dong-tdkt-huyen-van-lang",
                        kind=UnitKind.COUNCIL, parent=b.units["huyen-van-lang"])
    b.cluster = Cluster.objects.create(
        name="Cụm thi đua các huyện biên giới", slug="cum-thi-dua-cac-huyen-bien-gioi", organiser=b.organiser,
        aliases="Cụm thi đua các huyện biên giới, tỉnh Lạng Sơn\nCụm thi đua 5 huyện biên giới",
    )
    b.year2017 = ClusterYear.objects.create(cluster=b.cluster, year=2017)
    roles = {"huyen-loc-binh": Role.LEADER, "huyen-van-lang": Role.DEPUTY}
    for order, (slug, unit) in enumerate(b.units.items()):
        role = roles.get(slug, Role.MEMBER)
        ClusterMember.objects.create(
            cluster_year=b.year2017, unit=unit, role=role, order=order,
            selection_method=SelectionMethod.ELECTED if role != Role.MEMBER else "",
        )
    for slug, name in [("nguyen-dinh-truong", "Nguyễn Đình Trường"), ("nguyen-thu-hoai", "Nguyễn Thu Hoài"),
                       ("tran-van-ba", "Trần Văn Ba")]:
        Person.objects.create(full_name=name, slug=slug)
    return b


@pytest.fixture
def make_meeting(border):
    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        values = {
            "cluster_year": border.year2017, "kind": MeetingKind.MID_YEAR_REVIEW, "period": Period.FIRST_HALF,
            "date": datetime.date(2017, 7, 14), "venue": "trụ sở UBND huyện Văn Lãng",
            "event_status": EventStatus.HELD, "record_state": RecordState.PUBLISHED,
            "title": f"Hội nghị thử số {counter['n']}",
        }
        values.update(fields)
        return Meeting.objects.create(**values)

    return make


@pytest.fixture
def year_end_meeting(make_meeting):
    return make_meeting(kind=MeetingKind.YEAR_END_REVIEW, period=Period.YEAR, date=datetime.date(2017, 12, 20),
                        title="Hội nghị tổng kết năm 2017")


def image_file(name="photo.jpg", size=(64, 48), fmt="JPEG", color=(200, 30, 30), exif=None, mode="RGB"):
    buffer = io.BytesIO()
    image = Image.new(mode, size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
