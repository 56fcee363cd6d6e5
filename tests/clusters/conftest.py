"""Fixtures for the cluster register: an organiser, five border districts, a cluster and a year."""

import datetime

import pytest

from clusters import services
from clusters.models import Cluster, Person, Position, SelectionMethod, Unit, UnitKind

END_OF_DISTRICTS = datetime.date(2025, 6, 30)


@pytest.fixture
def make_unit(db):
    def make(slug, name=None, *, kind=UnitKind.DISTRICT, **fields):
        return Unit.objects.create(slug=slug, name=name or slug.replace("-", " ").title(), kind=kind, **fields)

    return make


@pytest.fixture
def organiser(make_unit):
    return make_unit("ubnd-tinh-lang-son", "Ủy ban nhân dân tỉnh Lạng Sơn", kind=UnitKind.PEOPLES_COMMITTEE)


@pytest.fixture
def other_organiser(make_unit):
    return make_unit("tinh-uy-lang-son", "Tỉnh ủy Lạng Sơn", kind=UnitKind.PARTY)


@pytest.fixture
def districts(make_unit):
    names = {
        "huyen-loc-binh": "Huyện Lộc Bình", "huyen-van-lang": "Huyện Văn Lãng",
        "huyen-trang-dinh": "Huyện Tràng Định", "huyen-cao-loc": "Huyện Cao Lộc",
        "huyen-dinh-lap": "Huyện Đình Lập",
    }
    return {
        slug.removeprefix("huyen-"): make_unit(slug, name, short_name=name.removeprefix("Huyện "),
                                               valid_to=END_OF_DISTRICTS)
        for slug, name in names.items()
    }


@pytest.fixture
def make_cluster(db, organiser):
    def make(slug="cum-thi-dua-cac-huyen-bien-gioi", name="Cụm thi đua các huyện biên giới", **fields):
        fields.setdefault("organiser", organiser)
        return Cluster.objects.create(slug=slug, name=name, **fields)

    return make


@pytest.fixture
def cluster(make_cluster):
    return make_cluster(aliases="Cụm thi đua 5 huyện biên giới", valid_to=END_OF_DISTRICTS)


@pytest.fixture
def year_2017(cluster, districts):
    """2017 with its five members and no roles yet."""
    cluster_year = services.cluster_year_start(cluster=cluster, year=2017)
    for order, key in enumerate(["loc-binh", "van-lang", "trang-dinh", "cao-loc", "dinh-lap"], start=1):
        services.cluster_member_add(cluster_year=cluster_year, unit=districts[key], order=order)
    return cluster_year


@pytest.fixture
def year_2017_with_roles(year_2017, districts):
    services.cluster_year_set_roles(
        cluster_year=year_2017, leader=districts["loc-binh"], deputy=districts["van-lang"],
        method=SelectionMethod.ELECTED, source_note="seed",
    )
    return year_2017


@pytest.fixture
def person(db, districts):
    person = Person.objects.create(full_name="Nguyễn Đình Trường", slug="nguyen-dinh-truong")
    Position.objects.create(person=person, unit=districts["van-lang"], title="Chủ tịch UBND huyện")
    return person
