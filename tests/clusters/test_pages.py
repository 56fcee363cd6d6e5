"""Public pages of the register: what they show, and a query count that does not grow."""

import datetime

import pytest
from django.urls import reverse

from clusters import selectors, services
from clusters.models import ClusterYear, Person, Position, Role, Succession

pytestmark = pytest.mark.django_db


def add_years(cluster, districts, years, *, sample=True):
    for year in years:
        cluster_year = services.cluster_year_start(cluster=cluster, year=year)
        present = set(cluster_year.members.values_list("unit_id", flat=True))
        for unit in districts.values():
            if unit.pk not in present:
                services.cluster_member_add(cluster_year=cluster_year, unit=unit)
        services.cluster_year_confirm_members(cluster_year=cluster_year)
        services.cluster_year_set_roles(cluster_year=cluster_year, leader=districts["dinh-lap"],
                                        deputy=districts["cao-loc"], method="elected")
        ClusterYear.objects.filter(pk=cluster_year.pk).update(is_sample=sample)


def more_clusters(make_cluster, make_unit, n):
    for i in range(n):
        cluster = make_cluster(f"cum-so-{i}", f"Cụm thi đua số {i}")
        cluster_year = services.cluster_year_start(cluster=cluster, year=2017)
        leader = make_unit(f"don-vi-{i}-a")
        services.cluster_member_add(cluster_year=cluster_year, unit=leader)
        services.cluster_member_add(cluster_year=cluster_year, unit=make_unit(f"don-vi-{i}-b"))
        services.cluster_year_set_roles(cluster_year=cluster_year, leader=leader, method="rotation")


def test_cluster_list_shows_each_clusters_latest_leader_and_deputy(client, site_profile, year_2017_with_roles):
    body = client.get(reverse("clusters:list")).content.decode()
    assert "Cụm thi đua các huyện biên giới" in body
    assert "Cụm thi đua 5 huyện biên giới" in body
    assert "Trưởng cụm" in body and "Lộc Bình" in body and "Văn Lãng" in body


def test_cluster_list_queries_do_not_grow(client, site_profile, year_2017_with_roles, make_cluster, make_unit,
                                          districts, django_assert_max_num_queries):
    client.get(reverse("clusters:list"))
    with django_assert_max_num_queries(10) as first:
        client.get(reverse("clusters:list"))
    # read now: Django's query log is a bounded deque, so a count read after thousands of setup
    # queries may shift
    first_count = len(first)
    more_clusters(make_cluster, make_unit, 6)
    add_years(year_2017_with_roles.cluster, districts, range(2018, 2022))
    client.get(reverse("clusters:list"))  # the writes invalidated the cached reads (the count): warm again
    with django_assert_max_num_queries(first_count):
        body = client.get(reverse("clusters:list")).content.decode()
    assert "Cụm thi đua số 5" in body


def test_cluster_page_shows_members_and_leader_and_deputy_by_year(client, site_profile, year_2017_with_roles):
    body = client.get(year_2017_with_roles.cluster.get_absolute_url()).content.decode()
    for name in ["Huyện Lộc Bình", "Huyện Văn Lãng", "Huyện Tràng Định", "Huyện Cao Lộc", "Huyện Đình Lập"]:
        assert name in body
    assert "Trưởng cụm, Phó trưởng cụm qua các năm" in body
    assert "Trưởng cụm" in body and "Phó trưởng cụm" in body
    assert "Dữ liệu mẫu" not in body


def test_cluster_page_marks_invented_years(client, site_profile, year_2017_with_roles, districts):
    add_years(year_2017_with_roles.cluster, districts, [2018])
    body = client.get(year_2017_with_roles.cluster.get_absolute_url()).content.decode()
    assert "Dữ liệu mẫu" in body and "2018" in body


def test_cluster_page_shows_a_chosen_years_members(client, site_profile, year_2017_with_roles, districts):
    add_years(year_2017_with_roles.cluster, districts, [2018], sample=False)
    services.cluster_member_remove(member=year_2017_with_roles.cluster.years.get(year=2018).members.get(
        unit=districts["trang-dinh"]))
    url = year_2017_with_roles.cluster.get_absolute_url()
    assert "Thành viên năm 2018" in client.get(url).content.decode()
    body = client.get(url + "?nam=2017").content.decode()
    assert "Thành viên năm 2017" in body and "Huyện Tràng Định" in body


def test_cluster_page_queries_do_not_grow(client, site_profile, year_2017_with_roles, districts,
                                          django_assert_max_num_queries):
    from django.core.cache import cache

    url = year_2017_with_roles.cluster.get_absolute_url()
    client.get(url)
    # both counts are a first visitor's after a write: the page with nothing of it kept
    cache.clear()
    with django_assert_max_num_queries(11) as first:
        client.get(url)
    add_years(year_2017_with_roles.cluster, districts, range(2010, 2017))
    add_years(year_2017_with_roles.cluster, districts, range(2018, 2025))
    cache.clear()
    with django_assert_max_num_queries(len(first)):
        body = client.get(url).content.decode()
    assert "2024" in body and "2010" in body


def test_unknown_cluster_is_404(client, site_profile):
    assert client.get(reverse("clusters:detail", args=["khong-co"])).status_code == 404


def test_unit_page_shows_clusters_roles_family_and_validity(client, site_profile, year_2017_with_roles, districts,
                                                            make_unit, person):
    van_lang = districts["van-lang"]
    make_unit("ubnd-huyen-van-lang", "Ủy ban nhân dân huyện Văn Lãng", kind="peoples_committee", parent=van_lang)
    successor = make_unit("xa-moi", "Xã Mới", kind="commune", valid_from=datetime.date(2025, 7, 1))
    Succession.objects.create(predecessor=van_lang, successor=successor, kind="merger",
                              date=datetime.date(2025, 7, 1))
    body = client.get(van_lang.get_absolute_url()).content.decode()
    assert "Cụm thi đua các huyện biên giới" in body and "Phó trưởng cụm" in body and "2017" in body
    assert "Ủy ban nhân dân huyện Văn Lãng" in body
    assert "Xã Mới" in body and "30/06/2025" in body
    assert "Nguyễn Đình Trường" in body
    assert "Huyện Văn Lãng" in client.get(successor.get_absolute_url()).content.decode()


def test_unit_page_queries_do_not_grow(client, site_profile, year_2017_with_roles, districts, make_unit,
                                       django_assert_max_num_queries):
    unit = districts["cao-loc"]
    client.get(unit.get_absolute_url())
    with django_assert_max_num_queries(10) as first:
        client.get(unit.get_absolute_url())
    add_years(year_2017_with_roles.cluster, districts, range(2018, 2025))
    for i in range(5):
        make_unit(f"con-{i}", f"Cơ quan {i}", kind="office", parent=unit)
        person = Person.objects.create(full_name=f"Người {i}", slug=f"nguoi-{i}")
        Position.objects.create(person=person, unit=unit, title="Chuyên viên")
    with django_assert_max_num_queries(len(first)):
        body = client.get(unit.get_absolute_url()).content.decode()
    assert "Cơ quan 4" in body and "Người 4" in body


def test_person_page_shows_positions(client, site_profile, person):
    body = client.get(person.get_absolute_url()).content.decode()
    assert "Nguyễn Đình Trường" in body and "Chủ tịch UBND huyện" in body and "Huyện Văn Lãng" in body


def test_person_page_queries_do_not_grow(client, site_profile, person, make_unit, django_assert_max_num_queries):
    client.get(person.get_absolute_url())
    with django_assert_max_num_queries(10) as first:
        client.get(person.get_absolute_url())
    for i in range(6):
        Position.objects.create(person=person, unit=make_unit(f"don-vi-{i}", parent=make_unit(f"cha-{i}")),
                                title=f"Chức vụ {i}")
    with django_assert_max_num_queries(len(first)):
        body = client.get(person.get_absolute_url()).content.decode()
    assert "Chức vụ 5" in body


def test_sample_rows_carry_the_sample_badge(client, site_profile, make_unit):
    unit = make_unit("don-vi-mau", "Đơn vị mẫu", is_sample=True)
    assert "Dữ liệu mẫu" in client.get(unit.get_absolute_url()).content.decode()


def test_home_page_links_to_the_cluster_list(client, site_profile):
    assert 'href="/cum-thi-dua/"' in client.get("/").content.decode()


def test_home_selector_gives_latest_leader_and_deputy(year_2017_with_roles, districts, django_assert_num_queries):
    add_years(year_2017_with_roles.cluster, districts, [2018])
    with django_assert_num_queries(3):
        clusters = selectors.cluster_list_for_home()
        (cluster,) = clusters
        assert cluster.latest.year == 2018
        assert cluster.latest.leader.unit == districts["dinh-lap"]
        assert cluster.latest.deputy.unit == districts["cao-loc"]
        assert cluster.latest.leader.role == Role.LEADER


def test_a_bloc_says_truong_khoi(client, site_profile, make_cluster, districts):
    bloc = make_cluster("khoi-thi-dua-1", "Khối thi đua số 1", kind="khoi")
    bloc_year = services.cluster_year_start(cluster=bloc, year=2017)
    services.cluster_member_add(cluster_year=bloc_year, unit=districts["loc-binh"])
    services.cluster_year_set_roles(cluster_year=bloc_year, leader=districts["loc-binh"], method="appointed")
    body = client.get(bloc.get_absolute_url()).content.decode()
    assert "Trưởng khối, Phó trưởng khối qua các năm" in body
    assert ">Trưởng khối</span>" in body and ">Trưởng cụm<" not in body


def test_organiser_page_lists_the_clusters_it_formed(client, site_profile, cluster, organiser):
    body = client.get(organiser.get_absolute_url()).content.decode()
    assert "Cụm thi đua do đơn vị thành lập" in body and "Cụm thi đua các huyện biên giới" in body


def test_cluster_list_is_paginated(client, site_profile, make_cluster):
    from clusters.views import CLUSTERS_PER_PAGE

    for n in range(CLUSTERS_PER_PAGE + 2):
        make_cluster(slug=f"cum-so-{n:02d}", name=f"Cụm thi đua số {n:02d}", number=n + 1)
    first = client.get("/cum-thi-dua/").content.decode()
    assert "Cụm thi đua số 00" in first and "Cụm thi đua số 31" not in first
    assert 'href="?page=2"' in first
    second = client.get("/cum-thi-dua/?page=2").content.decode()
    assert "Cụm thi đua số 31" in second
