"""The register holds what its sources say: dated names and parents, splits as well as mergers,
part-year memberships, "chưa rõ" for a role's origin, external units, khối wording, slugs made
on the server, and member lists carried over only as provisional."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from clusters import services
from clusters.models import (
    Cluster,
    ClusterKind,
    ClusterMember,
    ClusterYear,
    Person,
    Role,
    SelectionMethod,
    Succession,
    Unit,
    UnitName,
    UnitParent,
)

pytestmark = pytest.mark.django_db

REORGANISATION = datetime.date(2025, 7, 1)


def inline_management(*prefixes):
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return data


# --- slugs -------------------------------------------------------------------------------------

def test_unit_added_in_the_admin_gets_a_vietnamese_slug_made_on_the_server(admin_client, organiser):
    data = {"name": "Phường Đông Kinh", "short_name": "", "slug": "", "kind": "commune", "admin_level": "commune",
            **inline_management("names", "parent_links", "successions_out")}
    response = admin_client.post(reverse("admin:clusters_unit_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Unit.objects.get(name="Phường Đông Kinh").slug == "phuong-dong-kinh"


def test_cluster_added_in_the_admin_gets_a_vietnamese_slug(admin_client, organiser):
    data = {"kind": "cum", "name": "Cụm thi đua số 2", "slug": "", "aliases": "", "number": "2", "description": "",
            "level": "province", "organiser": organiser.pk, "established_by": "",
            **inline_management("years")}
    response = admin_client.post(reverse("admin:clusters_cluster_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Cluster.objects.get(name="Cụm thi đua số 2").slug == "cum-thi-dua-so-2"


def test_person_added_in_the_admin_gets_a_vietnamese_slug(admin_client):
    data = {"full_name": "Hoàng Thị Đào", "slug": "", "gender": "female", "note": "",
            **inline_management("positions")}
    response = admin_client.post(reverse("admin:clusters_person_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Person.objects.get(full_name="Hoàng Thị Đào").slug == "hoang-thi-dao"


def test_the_admin_no_longer_prepopulates_slugs_with_urlify(admin_client):
    for name in ("unit", "cluster", "person"):
        body = admin_client.get(reverse(f"admin:clusters_{name}_add")).content.decode()
        assert 'data-prepopulated-fields="[]"' in body


def test_a_typed_slug_is_normalised_the_vietnamese_way(make_unit):
    unit = Unit.objects.create(name="Huyện Đình Lập", slug="Huyện Đình Lập", kind="district")
    assert unit.slug == "huyen-dinh-lap"


# --- name history, dated parents, successions ------------------------------------------------------

def test_renamed_unit_stays_one_unit_and_shows_the_name_of_the_year(client, site_profile, year_2017_with_roles,
                                                                     districts):
    van_lang = districts["van-lang"]
    UnitName.objects.create(unit=van_lang, name="Huyện Văn Lãng (tên cũ)", valid_to=datetime.date(2017, 12, 31),
                            legal_basis="NQ 01/2018")
    assert van_lang.name_on(datetime.date(2017, 7, 14)) == "Huyện Văn Lãng (tên cũ)"
    assert van_lang.name_on(datetime.date(2019, 1, 1)) == "Huyện Văn Lãng"
    cluster_page = client.get(year_2017_with_roles.cluster.get_absolute_url() + "?nam=2017").content.decode()
    assert "Huyện Văn Lãng (tên cũ)" in cluster_page
    unit_page = client.get(van_lang.get_absolute_url()).content.decode()
    assert "Tên qua các thời kỳ" in unit_page and "NQ 01/2018" in unit_page


def test_a_re_parented_commune_keeps_its_history_under_the_district(client, site_profile, make_unit, districts):
    district = districts["loc-binh"]
    new_parent = make_unit("tinh-lang-son", "Tỉnh Lạng Sơn", kind="province")
    commune = make_unit("xa-na-duong", "Xã Na Dương", kind="commune", parent=new_parent)
    UnitParent.objects.create(unit=commune, parent=district, valid_to=REORGANISATION - datetime.timedelta(days=1))
    UnitParent.objects.create(unit=commune, parent=new_parent, valid_from=REORGANISATION)
    district_page = client.get(district.get_absolute_url()).content.decode()
    assert "Xã Na Dương" in district_page and "30/06/2025" in district_page
    commune_page = client.get(commune.get_absolute_url()).content.decode()
    assert "Huyện Lộc Bình" in commune_page and "Tỉnh Lạng Sơn" in commune_page


def test_a_split_records_every_successor_with_its_date_and_basis(client, site_profile, make_unit, districts):
    old = districts["cao-loc"]
    first = make_unit("xa-cao-loc", "Xã Cao Lộc", kind="commune", valid_from=REORGANISATION)
    second = make_unit("xa-dong-dang", "Xã Đồng Đăng", kind="commune", valid_from=REORGANISATION)
    for successor in (first, second):
        Succession.objects.create(predecessor=old, successor=successor, kind="split", date=REORGANISATION,
                                  legal_basis="NQ 1672/NQ-UBTVQH15")
    body = client.get(old.get_absolute_url()).content.decode()
    assert "Xã Cao Lộc" in body and "Xã Đồng Đăng" in body and "chia tách" in body and "NQ 1672/NQ-UBTVQH15" in body
    assert "Huyện Cao Lộc" in client.get(second.get_absolute_url()).content.decode()


def test_a_unit_cannot_succeed_itself(districts):
    with pytest.raises(IntegrityError), transaction.atomic():
        Succession.objects.create(predecessor=districts["cao-loc"], successor=districts["cao-loc"])


# --- external units ----------------------------------------------------------------------------------

def test_an_external_unit_has_no_page_and_stays_out_of_lists(client, site_profile, make_unit, districts):
    other = make_unit("so-noi-vu-bac-ninh", "Sở Nội vụ tỉnh Bắc Ninh", kind="department", is_external=True)
    assert client.get(other.get_absolute_url()).status_code == 404
    assert list(Unit.objects.internal().filter(pk=other.pk)) == []


# --- memberships over part of a year ----------------------------------------------------------------

def test_a_district_that_ended_mid_year_was_a_member_for_half_of_2025(cluster, districts, make_cluster, make_unit):
    cluster.valid_to = None
    cluster.save()
    year_2025 = services.cluster_year_start(cluster=cluster, year=2025)
    half = services.cluster_member_add(
        cluster_year=year_2025, unit=districts["loc-binh"], valid_to=datetime.date(2025, 6, 30)
    )
    assert (half.starts_on, half.ends_on) == (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30))
    # the same body in another cluster of the organiser from 01/07 does not overlap: allowed
    other = services.cluster_year_start(cluster=make_cluster("cum-so-3", "Cụm thi đua số 3"), year=2025)
    services.cluster_member_add(cluster_year=other, unit=districts["loc-binh"], valid_from=REORGANISATION)
    # but an overlapping period is refused, with the words of the cluster's kind
    third = services.cluster_year_start(cluster=make_cluster("cum-so-4", "Cụm thi đua số 4"), year=2025)
    with pytest.raises(ValidationError, match="thuộc một cụm khác của cùng cơ quan thành lập trong thời gian này"):
        services.cluster_member_add(cluster_year=third, unit=districts["loc-binh"],
                                    valid_from=datetime.date(2025, 6, 1))


def test_a_membership_period_stays_within_its_year(year_2017, make_unit):
    unit = make_unit("huyen-bac-son", "Huyện Bắc Sơn")
    with pytest.raises(ValidationError, match="phải nằm trong năm 2017"):
        services.cluster_member_add(cluster_year=year_2017, unit=unit, valid_from=datetime.date(2016, 12, 1))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
def test_overlapping_periods_are_refused_by_the_database_and_touching_ones_are_not(year_2017, make_cluster,
                                                                                    districts):
    second = ClusterYear.objects.create(cluster=make_cluster("cum-2", "Cụm thi đua số 2"), year=2017)
    loc_binh = districts["loc-binh"]
    ClusterMember.objects.filter(cluster_year=year_2017, unit=loc_binh).update(ends_on=datetime.date(2017, 6, 30))
    ClusterMember.objects.create(cluster_year=second, unit=loc_binh, valid_from=datetime.date(2017, 7, 1))
    third = ClusterYear.objects.create(cluster=make_cluster("cum-3", "Cụm thi đua số 3"), year=2017)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMember.objects.create(cluster_year=third, unit=loc_binh, valid_to=datetime.date(2017, 3, 1))


# --- how a role was given may be unknown -------------------------------------------------------------

def test_a_role_whose_origin_the_source_does_not_state_is_recorded_as_unknown(client, site_profile, year_2017,
                                                                                districts):
    services.cluster_year_set_roles(cluster_year=year_2017, leader=districts["loc-binh"],
                                    method=SelectionMethod.UNKNOWN)
    leader = year_2017.members.get(role=Role.LEADER)
    assert leader.selection_method == "unknown"
    body = client.get(year_2017.cluster.get_absolute_url()).content.decode()
    assert "chưa rõ" in body


# --- khối wording -------------------------------------------------------------------------------------

def test_a_khoi_speaks_of_truong_khoi_in_its_validation_messages(make_cluster, make_unit):
    khoi = make_cluster("khoi-cac-so", "Khối các sở, ngành tổng hợp", kind=ClusterKind.KHOI)
    year = services.cluster_year_start(cluster=khoi, year=2024)
    a = make_unit("so-tai-chinh", "Sở Tài chính", kind="department")
    b = make_unit("so-ke-hoach", "Sở Kế hoạch và Đầu tư", kind="department")
    for unit in (a, b):
        services.cluster_member_add(cluster_year=year, unit=unit)
    with pytest.raises(ValidationError, match="vừa là Trưởng khối vừa là Phó trưởng khối"):
        services.cluster_year_set_roles(cluster_year=year, leader=a, deputy=a, method=SelectionMethod.ELECTED)
    services.cluster_year_set_roles(cluster_year=year, leader=a, method=SelectionMethod.ELECTED)
    with pytest.raises(ValidationError, match="Trưởng khối, Phó trưởng khối năm 2024 đã được ghi"):
        services.cluster_year_set_roles(cluster_year=year, leader=b, method=SelectionMethod.ELECTED)
    problems = services.cluster_year_member_problems(
        cluster_year=year,
        members=[ClusterMember(cluster_year=year, unit=a, role=Role.LEADER, selection_method="elected"),
                 ClusterMember(cluster_year=year, unit=b, role=Role.LEADER, selection_method="elected")],
    )
    assert any("Khối đã có Trưởng khối trong năm này." in p.message for p in problems)


# --- carried-over members are provisional ------------------------------------------------------------

def test_a_carried_over_member_list_is_not_public_until_confirmed(client, site_profile, year_2017_with_roles):
    cluster = year_2017_with_roles.cluster
    year_2018 = services.cluster_year_start(cluster=cluster, year=2018, copy_from=year_2017_with_roles)
    assert year_2018.members.filter(is_provisional=True).count() == 5
    body = client.get(cluster.get_absolute_url() + "?nam=2018").content.decode()
    members_section = body.split("members-title")[1].split("</section>")[0]
    assert "chưa được xác nhận" in body and "Huyện Đình Lập" not in members_section
    services.cluster_year_confirm_members(cluster_year=year_2018)
    body = client.get(cluster.get_absolute_url() + "?nam=2018").content.decode()
    assert "chưa được xác nhận" not in body and "Huyện Đình Lập" in body


def test_start_a_chosen_year_copying_from_a_chosen_year(year_2017_with_roles):
    cluster = year_2017_with_roles.cluster
    services.cluster_year_start(cluster=cluster, year=2018, copy_members=False)
    year_2019 = services.cluster_year_start(cluster=cluster, year=2019, copy_from=year_2017_with_roles)
    assert year_2019.members.count() == 5  # from 2017, not from the empty 2018


def test_confirm_action_in_the_admin(admin_client, year_2017_with_roles):
    year_2018 = services.cluster_year_start(cluster=year_2017_with_roles.cluster, year=2018)
    admin_client.post(reverse("admin:clusters_clusteryear_changelist"),
                      {"action": "confirm_members", "_selected_action": [year_2018.pk]})
    assert not year_2018.members.filter(is_provisional=True).exists()


# --- autocomplete --------------------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["2023", "bien gioi", "bien gioi 2023", "5 huyen"])
def test_cluster_year_autocomplete_finds_years_and_unaccented_names(admin_client, cluster, make_cluster, term):
    cluster.valid_to = None
    cluster.save()
    wanted = ClusterYear.objects.create(cluster=cluster, year=2023)
    ClusterYear.objects.create(cluster=make_cluster("cum-2", "Cụm thi đua số 2"), year=2022)
    url = reverse("admin:autocomplete") + f"?app_label=meetings&model_name=meeting&field_name=cluster_year&term={term}"
    ids = [int(row["id"]) for row in admin_client.get(url).json()["results"]]
    assert wanted.pk in ids and len(ids) == 1


def test_migration_remakes_urlify_slugs_and_keeps_chosen_ones(client, site_profile, organiser):
    from types import SimpleNamespace

    from django.apps import apps as global_apps
    from django.db import connection as conn

    from portal.core.models import PathRedirect

    mangled = Unit.objects.create(name="Huyện Đình Lập", slug="placeholder", kind="district")
    chosen = Unit.objects.create(name="Huyện Văn Lãng", slug="van-lang", kind="district")
    Unit.objects.filter(pk=mangled.pk).update(slug="huyn-djnh-lp")  # as urlify.js saved it
    module = __import__("clusters.migrations.0005_remake_urlify_slugs", fromlist=["remake"])
    module.remake(global_apps, SimpleNamespace(connection=conn))  # it reads only the connection
    mangled.refresh_from_db()
    chosen.refresh_from_db()
    assert mangled.slug == "huyen-dinh-lap" and chosen.slug == "van-lang"
    assert PathRedirect.objects.filter(old_path="/don-vi/huyn-djnh-lp/", new_path="/don-vi/huyen-dinh-lap/").exists()
    response = client.get("/don-vi/huyn-djnh-lp/")
    assert response.status_code == 301 and response["Location"] == "/don-vi/huyen-dinh-lap/"


def test_the_second_concurrent_save_of_a_cluster_year_is_refused(admin_client, year_2017_with_roles):
    from .test_admin import change_url, member_formset_data

    url = change_url(year_2017_with_roles)
    form = admin_client.get(url).context["adminform"].form
    stale = {"lock_version": form.initial["lock_version"], "lock_snapshot": form.initial["lock_snapshot"]}
    first = admin_client.post(url, {**member_formset_data(year_2017_with_roles), **stale})
    assert first.status_code == 302
    second = admin_client.post(url, {**member_formset_data(year_2017_with_roles), **stale})
    assert second.status_code == 200 and "Người khác đã lưu hồ sơ này" in second.content.decode()


def test_a_renamed_unit_a_split_and_an_external_unit_entered_through_the_admin(admin_client, client, site_profile,
                                                                               districts, make_unit):
    new_a = make_unit("xa-dong-dang", "Xã Đồng Đăng", kind="commune")
    new_b = make_unit("xa-cao-loc", "Xã Cao Lộc", kind="commune")
    old = districts["cao-loc"]
    data = {
        "name": old.name, "short_name": old.short_name, "slug": old.slug, "kind": "district",
        "admin_level": "district", "valid_from": "", "valid_to": "30/06/2025",
        **inline_management("parent_links"),
        "names-TOTAL_FORMS": "1", "names-INITIAL_FORMS": "0", "names-MIN_NUM_FORMS": "0", "names-MAX_NUM_FORMS": "1000",
        "names-0-name": "Huyện Cao Lộc (tên cũ trước 1990)", "names-0-valid_to": "31/12/1989",
        "names-0-legal_basis": "Quyết định mẫu",
        "successions_out-TOTAL_FORMS": "2", "successions_out-INITIAL_FORMS": "0",
        "successions_out-MIN_NUM_FORMS": "0", "successions_out-MAX_NUM_FORMS": "1000",
        "successions_out-0-successor": new_a.pk, "successions_out-0-kind": "split",
        "successions_out-0-date": "01/07/2025",
        "successions_out-1-successor": new_b.pk, "successions_out-1-kind": "split",
        "successions_out-1-date": "01/07/2025",
    }
    response = admin_client.post(reverse("admin:clusters_unit_change", args=[old.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert old.successions_out.count() == 2 and old.names.count() == 1
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Huyện Cao Lộc (tên cũ trước 1990)" in page and "Xã Đồng Đăng" in page and "Xã Cao Lộc" in page
    external = {"name": "UBND tỉnh Bắc Ninh", "short_name": "", "slug": "", "kind": "peoples_committee",
                "admin_level": "province", "is_external": "on",
                **inline_management("names", "parent_links", "successions_out")}
    assert admin_client.post(reverse("admin:clusters_unit_add"), external).status_code == 302
    unit = Unit.objects.get(name="UBND tỉnh Bắc Ninh")
    assert unit.is_external and client.get(unit.get_absolute_url()).status_code == 404
