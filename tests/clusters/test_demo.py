"""The demo data: the seed article's facts, loaded as often as wanted."""

import io

import pytest
from django.urls import reverse

from clusters import demo
from clusters.models import Cluster, ClusterMember, ClusterYear, Person, Position, Role, Unit

pytestmark = pytest.mark.django_db

DISTRICT_SLUGS = [
    "thanh-pho-lang-son", "huyen-trang-dinh", "huyen-van-lang", "huyen-van-quan", "huyen-binh-gia",
    "huyen-bac-son", "huyen-huu-lung", "huyen-chi-lang", "huyen-cao-loc", "huyen-loc-binh", "huyen-dinh-lap",
]


@pytest.fixture
def loaded(db):
    demo.load(stdout=io.StringIO())


def counts():
    return [m.objects.count() for m in (Unit, Cluster, ClusterYear, ClusterMember, Person, Position)]


def test_demo_loads_twice_without_duplicates(loaded):
    before = counts()
    demo.load(stdout=io.StringIO())
    assert counts() == before


def test_demo_has_the_agreed_slugs(loaded):
    slugs = set(Unit.objects.values_list("slug", flat=True))
    expected = {"tinh-lang-son", "ubnd-tinh-lang-son", "so-noi-vu-tinh-lang-son", "ban-thi-dua-khen-thuong",
                "phong-nghiep-vu-2", "ubnd-huyen-van-lang", "huyen-uy-van-lang", "hoi-dong-tdkt-huyen-van-lang",
                "phong-noi-vu-huyen-van-lang", *DISTRICT_SLUGS, *(f"ubnd-{s}" for s in DISTRICT_SLUGS)}
    assert expected <= slugs
    people = set(Person.objects.values_list("slug", flat=True))
    assert people >= {"nguyen-dinh-truong", "nguyen-thu-hoai", "tran-van-ba"}


def test_demo_districts_are_real_and_ended_on_30_june_2025(loaded):
    districts = Unit.objects.filter(slug__in=DISTRICT_SLUGS)
    assert districts.count() == 11
    assert {(d.kind, str(d.valid_to), d.is_sample) for d in districts} == {("district", "2025-06-30", False)}


def test_demo_border_cluster_in_2017(loaded):
    cluster = Cluster.objects.get(slug="cum-thi-dua-cac-huyen-bien-gioi")
    assert cluster.organiser.slug == "ubnd-tinh-lang-son"
    assert cluster.alias_list == ["Cụm thi đua các huyện biên giới, tỉnh Lạng Sơn", "Cụm thi đua 5 huyện biên giới"]
    year = cluster.years.get(year=2017)
    assert not year.is_sample
    assert list(year.members.order_by("order").values_list("unit__slug", flat=True)) == [
        "huyen-loc-binh", "huyen-van-lang", "huyen-trang-dinh", "huyen-cao-loc", "huyen-dinh-lap"]
    leader = year.members.get(role=Role.LEADER)
    assert leader.unit.slug == "huyen-loc-binh" and leader.selection_method == "elected" and leader.source_note
    assert year.members.get(role=Role.DEPUTY).unit.slug == "huyen-van-lang"
    assert set(cluster.years.exclude(year=2017).values_list("is_sample", flat=True)) == {True}


def test_demo_people_and_their_positions(loaded):
    titles = set(Position.objects.filter(person__slug="nguyen-dinh-truong").values_list("title", "unit__slug"))
    assert titles == {("Phó Bí thư Huyện ủy", "huyen-uy-van-lang"), ("Chủ tịch UBND huyện", "ubnd-huyen-van-lang"),
                      ("Chủ tịch Hội đồng TĐKT huyện", "hoi-dong-tdkt-huyen-van-lang")}
    assert Position.objects.filter(person__slug="nguyen-thu-hoai", title="Phó trưởng ban",
                                   unit__slug="ban-thi-dua-khen-thuong").exists()
    assert Position.objects.filter(person__slug="tran-van-ba", title="Chuyên viên").exists()


def test_border_cluster_page_shows_five_members_and_the_2017_leader_and_deputy(client, site_profile, loaded):
    body = client.get(reverse("clusters:detail", args=["cum-thi-dua-cac-huyen-bien-gioi"])).content.decode()
    assert "Thành viên năm 2017" in body
    for name in ["Huyện Lộc Bình", "Huyện Văn Lãng", "Huyện Tràng Định", "Huyện Cao Lộc", "Huyện Đình Lập"]:
        assert name in body
    row_2017 = body.split('<span aria-current="true">2017</span>')[1].split("</tr>")[0]
    assert "Lộc Bình" in row_2017 and "Văn Lãng" in row_2017 and "Dữ liệu mẫu" not in row_2017


def test_border_cluster_is_reachable_from_the_home_page(client, site_profile, loaded):
    assert 'href="/cum-thi-dua/"' in client.get("/").content.decode()
    listing = client.get("/cum-thi-dua/").content.decode()
    assert 'href="/cum-thi-dua/cum-thi-dua-cac-huyen-bien-gioi/"' in listing


def test_demo_holds_a_khoi_of_provincial_departments_and_the_history_examples(client, site_profile, loaded):
    khoi = Cluster.objects.get(slug=demo.KHOI_SLUG)
    body = client.get(khoi.get_absolute_url() + "?nam=2024").content.decode()
    assert "Trưởng khối" in body and "Trưởng cụm" not in body and "chưa rõ" in body and "Dữ liệu mẫu" in body
    assert "Sở Nội vụ tỉnh Lạng Sơn" in body
    body_2025 = client.get(khoi.get_absolute_url() + "?nam=2025").content.decode()
    assert "đến 28/02/2025" in body_2025  # a member for part of the year
    na_sam = client.get(reverse("clusters:unit", args=["xa-na-sam"])).content.decode()
    assert "Thị trấn Na Sầm" in na_sam and "Huyện Văn Lãng" in na_sam
    cao_loc = client.get(reverse("clusters:unit", args=["huyen-cao-loc"])).content.decode()
    assert "Xã Đồng Đăng" in cao_loc and "chia tách" in cao_loc
    assert client.get(reverse("clusters:unit", args=["so-noi-vu-tinh-bac-ninh"])).status_code == 404
