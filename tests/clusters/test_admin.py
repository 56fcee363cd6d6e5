"""The back office: pages open, and a wrong role comes back as a Vietnamese form error with
nothing lost."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clusters import services
from clusters.models import ClusterYear, Role, Unit, UnitOfficer

pytestmark = pytest.mark.django_db


def member_formset_data(cluster_year, changes=None, new_rows=()):
    """The POST of a ClusterYear change form: every member row as it is, with `changes`
    ({unit slug: {field: value}}) applied and `new_rows` (dicts) appended."""
    changes = changes or {}
    rows = list(cluster_year.members.select_related("unit").order_by("order", "unit__name"))
    data = {
        "is_sample": "", "note": "Ghi chú không được mất",
        "members-TOTAL_FORMS": str(len(rows) + len(new_rows)), "members-INITIAL_FORMS": str(len(rows)),
        "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
    }
    for i, member in enumerate(rows):
        values = {
            "id": member.pk, "cluster_year": cluster_year.pk, "unit": member.unit_id, "role": member.role,
            "selection_method": member.selection_method, "decision_number": member.decision_number,
            "decision_date": member.decision_date or "", "source_note": member.source_note, "order": member.order,
        }
        values.update(changes.get(member.unit.slug, {}))
        data.update({f"members-{i}-{k}": v for k, v in values.items() if v is not None})
    for j, row in enumerate(new_rows, start=len(rows)):
        values = {"cluster_year": cluster_year.pk, "role": Role.MEMBER, "order": 9, **row}
        data.update({f"members-{j}-{k}": v for k, v in values.items()})
    return data


def change_url(cluster_year):
    return reverse("admin:clusters_clusteryear_change", args=[cluster_year.pk])


@pytest.mark.parametrize("model", ["unit", "person", "position", "cluster", "clusteryear", "unitofficer"])
def test_admin_changelist_and_add_pages_open(admin_client, year_2017_with_roles, person, model):
    assert admin_client.get(reverse(f"admin:clusters_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:clusters_{model}_add")).status_code == 200


def test_admin_change_pages_open(admin_client, year_2017_with_roles, person, districts, admin_user):
    officer = UnitOfficer.objects.create(user=admin_user, unit=districts["van-lang"])
    for name, obj in [("unit", districts["van-lang"]), ("person", person), ("cluster", year_2017_with_roles.cluster),
                      ("clusteryear", year_2017_with_roles), ("unitofficer", officer),
                      ("position", person.positions.first())]:
        response = admin_client.get(reverse(f"admin:clusters_{name}_change", args=[obj.pk]))
        assert response.status_code == 200, name


def test_cluster_year_change_page_shows_the_vietnamese_labels(admin_client, year_2017_with_roles):
    body = admin_client.get(change_url(year_2017_with_roles)).content.decode()
    assert "Trưởng cụm" in body and "Phó trưởng cụm" in body and "Huyện Lộc Bình" in body


def test_second_leader_from_the_admin_is_refused_and_loses_nothing(admin_client, year_2017_with_roles):
    data = member_formset_data(
        year_2017_with_roles,
        {"huyen-cao-loc": {"role": Role.LEADER, "selection_method": "elected", "source_note": "Nhập nhầm"}},
    )
    response = admin_client.post(change_url(year_2017_with_roles), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cụm đã có Trưởng cụm trong năm này." in body
    assert "Huyện Cao Lộc" in body
    assert "Ghi chú không được mất" in body and "Nhập nhầm" in body  # the input is still there
    leaders = year_2017_with_roles.members.filter(role=Role.LEADER).values_list("unit__slug", flat=True)
    assert list(leaders) == ["huyen-loc-binh"]
    assert ClusterYear.objects.get(pk=year_2017_with_roles.pk).note == ""


def test_second_deputy_from_the_admin_is_refused(admin_client, year_2017_with_roles):
    data = member_formset_data(year_2017_with_roles, {"huyen-cao-loc": {"role": Role.DEPUTY,
                                                                        "selection_method": "elected"}})
    response = admin_client.post(change_url(year_2017_with_roles), data)
    assert "Cụm đã có Phó trưởng cụm trong năm này." in response.content.decode()


def test_deputy_without_leader_from_the_admin_is_refused(admin_client, year_2017_with_roles):
    data = member_formset_data(year_2017_with_roles, {"huyen-loc-binh": {"role": Role.MEMBER, "selection_method": ""}})
    response = admin_client.post(change_url(year_2017_with_roles), data)
    assert "phải có đúng một Trưởng cụm" in response.content.decode()
    assert year_2017_with_roles.members.filter(role=Role.LEADER).exists()


def test_role_without_a_selection_method_is_refused_in_the_admin(admin_client, year_2017):
    data = member_formset_data(year_2017, {"huyen-loc-binh": {"role": Role.LEADER}})
    response = admin_client.post(change_url(year_2017), data)
    assert "Hãy ghi hình thức chọn Trưởng cụm hoặc Phó trưởng cụm." in response.content.decode()


def test_admin_can_move_the_leader_in_one_save(admin_client, year_2017_with_roles):
    data = member_formset_data(year_2017_with_roles, {
        "huyen-loc-binh": {"role": Role.DEPUTY},
        "huyen-van-lang": {"role": Role.LEADER},
    })
    response = admin_client.post(change_url(year_2017_with_roles), data)
    assert response.status_code == 302
    roles = dict(year_2017_with_roles.members.exclude(role=Role.MEMBER).values_list("unit__slug", "role"))
    assert roles == {"huyen-van-lang": Role.LEADER, "huyen-loc-binh": Role.DEPUTY}


def test_unit_in_two_clusters_of_same_organiser_is_refused_in_the_admin(admin_client, year_2017, make_cluster,
                                                                         districts):
    other = services.cluster_year_start(cluster=make_cluster("cum-2", "Cụm thi đua số 2"), year=2017)
    data = member_formset_data(other, new_rows=[{"unit": districts["loc-binh"].pk}])
    response = admin_client.post(change_url(other), data)
    body = response.content.decode()
    assert "Đơn vị đã thuộc một cụm khác của cùng cơ quan thành lập trong thời gian này." in body
    assert not other.members.exists()


def test_member_that_did_not_exist_that_year_is_refused_in_the_admin(admin_client, year_2017, make_unit):
    newcomer = make_unit("xa-moi", "Xã Mới", valid_from=datetime.date(2025, 7, 1))
    data = member_formset_data(year_2017, new_rows=[{"unit": newcomer.pk}])
    response = admin_client.post(change_url(year_2017), data)
    assert "Xã Mới không tồn tại trong năm 2017" in response.content.decode()


def test_adding_a_year_outside_the_clusters_validity_is_refused(admin_client, cluster):
    data = {"cluster": cluster.pk, "year": 2026, "note": "", "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000"}
    response = admin_client.post(reverse("admin:clusters_clusteryear_add"), data)
    assert response.status_code == 200
    assert "không hoạt động trong năm 2026" in response.content.decode()
    assert not cluster.years.exists()


def test_adding_a_year_with_its_members_and_roles(admin_client, cluster, districts):
    data = {"cluster": cluster.pk, "year": 2018, "note": "", "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000",
            "members-0-unit": districts["van-lang"].pk, "members-0-role": Role.LEADER,
            "members-0-selection_method": "elected", "members-0-order": 1,
            "members-1-unit": districts["trang-dinh"].pk, "members-1-role": Role.DEPUTY,
            "members-1-selection_method": "elected", "members-1-order": 2}
    response = admin_client.post(reverse("admin:clusters_clusteryear_add"), data)
    assert response.status_code == 302
    new = cluster.years.get(year=2018)
    assert set(new.members.values_list("year", "organiser")) == {(2018, cluster.organiser_id)}


def test_start_next_year_action_copies_members_and_suggests_last_years_deputy(admin_client, year_2017_with_roles):
    cluster = year_2017_with_roles.cluster
    asked = admin_client.post(
        reverse("admin:clusters_cluster_changelist"),
        {"action": "start_next_year", "_selected_action": [cluster.pk]}, follow=True,
    )
    # the action asks which year, offering the year after the latest and copying from the latest
    form = asked.context["form"]
    assert form["year"].initial == 2018 and form["copy_from"].initial == year_2017_with_roles.pk
    assert not cluster.years.filter(year=2018).exists()
    response = admin_client.post(
        reverse("admin:clusters_cluster_start_year", args=[cluster.pk]),
        {"year": 2018, "copy_from": year_2017_with_roles.pk}, follow=True,
    )
    new = cluster.years.get(year=2018)
    assert new.members.count() == 5 and not new.members.exclude(role=Role.MEMBER).exists()
    assert new.members.filter(is_provisional=True).count() == 5  # a suggestion until confirmed
    body = response.content.decode()
    assert "Huyện Văn Lãng" in body and "Gợi ý" in body
    assert "Trưởng cụm gợi ý" in body  # shown on the new year's page, nothing saved


def test_unit_changelist_shows_existing_units_by_default(admin_client, districts, organiser):
    body = admin_client.get(reverse("admin:clusters_unit_changelist")).content.decode()
    assert "Ủy ban nhân dân tỉnh Lạng Sơn" in body and "Huyện Lộc Bình" not in body
    ended = admin_client.get(reverse("admin:clusters_unit_changelist") + "?existing=no").content.decode()
    assert "Huyện Lộc Bình" in ended
    every = admin_client.get(reverse("admin:clusters_unit_changelist") + "?existing=all").content.decode()
    assert "Huyện Lộc Bình" in every and "Ủy ban nhân dân tỉnh Lạng Sơn" in every


def test_unit_search_ignores_accents(admin_client, districts):
    body = admin_client.get(reverse("admin:clusters_unit_changelist") + "?existing=all&q=loc+binh").content.decode()
    assert "Huyện Lộc Bình" in body and "Huyện Văn Lãng" not in body


def test_unit_autocomplete_offers_ended_units(admin_client, year_2017):
    url = reverse("admin:autocomplete") + "?app_label=clusters&model_name=clustermember&field_name=unit&term=van"
    names = [row["text"] for row in admin_client.get(url).json()["results"]]
    assert names == ["Huyện Văn Lãng"]


def grow(cluster, districts, make_unit, years):
    for year in years:
        cluster_year = services.cluster_year_start(cluster=cluster, year=year)
        services.cluster_year_set_roles(cluster_year=cluster_year, leader=districts["cao-loc"],
                                        deputy=districts["dinh-lap"], method="rotation")


def test_list_columns_cost_no_query_per_row(admin_client, year_2017_with_roles, districts, make_unit,
                                            make_cluster, django_assert_max_num_queries):
    url = reverse("admin:clusters_clusteryear_changelist")
    cluster_url = reverse("admin:clusters_cluster_changelist")
    admin_client.get(url)
    with django_assert_max_num_queries(12) as small:
        body = admin_client.get(url).content.decode()
    assert "Huyện Lộc Bình" in body and "Huyện Văn Lãng" in body
    with django_assert_max_num_queries(12) as small_clusters:
        admin_client.get(cluster_url)
    grow(year_2017_with_roles.cluster, districts, make_unit, range(2018, 2024))
    for n in range(5):
        make_cluster(f"cum-{n}", f"Cụm {n}")
    with django_assert_max_num_queries(len(small)):
        admin_client.get(url)
    with django_assert_max_num_queries(len(small_clusters)):
        admin_client.get(cluster_url)


def test_deleting_a_referenced_unit_in_the_admin_is_refused(admin_client, year_2017, districts):
    unit = districts["loc-binh"]
    response = admin_client.post(reverse("admin:clusters_unit_delete", args=[unit.pk]), {"post": "yes"})
    assert response.status_code == 200  # the "cannot delete, protected" page
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_shortening_a_units_period_below_its_memberships_is_refused(year_2017, districts):
    unit = districts["loc-binh"]
    unit.valid_to = datetime.date(2016, 12, 31)
    with pytest.raises(ValidationError, match="2017"):
        unit.full_clean()


def test_shortening_a_clusters_period_below_its_years_is_refused_in_the_admin(admin_client, year_2017):
    cluster = year_2017.cluster
    data = {"kind": "cum", "name": cluster.name, "slug": cluster.slug, "aliases": "", "level": "province",
            "valid_to": "31/12/2016", "description": "", "established_by": "",
            "years-TOTAL_FORMS": "1", "years-INITIAL_FORMS": "1", "years-MIN_NUM_FORMS": "0",
            "years-MAX_NUM_FORMS": "1000", "years-0-id": year_2017.pk, "years-0-cluster": cluster.pk}
    response = admin_client.post(reverse("admin:clusters_cluster_change", args=[cluster.pk]), data)
    assert response.status_code == 200
    assert "Cụm đã có dữ liệu các năm 2017" in response.content.decode()
