"""The rules of a cluster's year: members, the one leader and the one deputy."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.utils import translation

from clusters import services
from clusters.models import ClusterMember, ClusterYear, Role, SelectionMethod

pytestmark = pytest.mark.django_db
ELECTED = SelectionMethod.ELECTED


def test_second_leader_in_same_year_is_refused(year_2017_with_roles, make_unit):
    with pytest.raises(ValidationError, match="Cụm đã có Trưởng cụm"):
        services.cluster_member_add(
            cluster_year=year_2017_with_roles, unit=make_unit("huyen-van-quan"), role=Role.LEADER,
            selection_method=ELECTED,
        )
    assert year_2017_with_roles.members.filter(role=Role.LEADER).count() == 1


def test_second_leader_is_refused_by_the_database(year_2017_with_roles):
    member = year_2017_with_roles.members.get(role=Role.MEMBER, unit__slug="huyen-cao-loc")
    member.role, member.selection_method = Role.LEADER, ELECTED
    with pytest.raises(IntegrityError), transaction.atomic():
        member.save()


def test_second_deputy_in_same_year_is_refused(year_2017_with_roles, districts, make_unit):
    extra = make_unit("huyen-van-quan")
    with pytest.raises(ValidationError, match="Cụm đã có Phó trưởng cụm"):
        services.cluster_member_add(
            cluster_year=year_2017_with_roles, unit=extra, role=Role.DEPUTY, selection_method=ELECTED
        )
    member = year_2017_with_roles.members.get(unit=districts["cao-loc"])
    member.role, member.selection_method = Role.DEPUTY, ELECTED
    with pytest.raises(IntegrityError), transaction.atomic():
        member.save()


def test_leader_cannot_be_deputy(year_2017, districts):
    with pytest.raises(ValidationError, match="vừa là Trưởng cụm vừa là Phó trưởng cụm"):
        services.cluster_year_set_roles(
            cluster_year=year_2017, leader=districts["loc-binh"], deputy=districts["loc-binh"], method=ELECTED
        )
    assert not year_2017.members.exclude(role=Role.MEMBER).exists()


def test_role_holder_must_be_a_member(year_2017, make_unit, districts):
    outsider = make_unit("huyen-van-quan", "Huyện Văn Quan")
    with pytest.raises(ValidationError, match="Huyện Văn Quan không phải thành viên"):
        services.cluster_year_set_roles(cluster_year=year_2017, leader=outsider, method=ELECTED)
    with pytest.raises(ValidationError, match="Huyện Văn Quan không phải thành viên"):
        services.cluster_year_set_roles(
            cluster_year=year_2017, leader=districts["loc-binh"], deputy=outsider, method=ELECTED
        )
    assert not year_2017.members.exclude(role=Role.MEMBER).exists()


def test_set_roles_returns_leader_then_deputy_and_keeps_the_source(year_2017, districts):
    rows = services.cluster_year_set_roles(
        cluster_year=year_2017, leader=districts["loc-binh"], deputy=districts["van-lang"], method=ELECTED,
        decision_number="12/QĐ-UBND", decision_date=datetime.date(2017, 1, 5), source_note="seed",
    )
    expected = [(districts["loc-binh"], Role.LEADER), (districts["van-lang"], Role.DEPUTY)]
    assert [(r.unit, r.role) for r in rows] == expected
    assert rows[0].decision_number == "12/QĐ-UBND" and rows[1].source_note == "seed"


def test_roles_already_set_are_replaced_only_on_request(year_2017_with_roles, districts):
    with pytest.raises(ValidationError, match="đã được ghi"):
        services.cluster_year_set_roles(cluster_year=year_2017_with_roles, leader=districts["cao-loc"], method=ELECTED)
    services.cluster_year_set_roles(
        cluster_year=year_2017_with_roles, leader=districts["van-lang"], deputy=districts["loc-binh"],
        method=SelectionMethod.APPOINTED, decision_number="1/QĐ", replace=True,
    )
    roles = dict(year_2017_with_roles.members.exclude(role=Role.MEMBER).values_list("unit__slug", "role"))
    assert roles == {"huyen-van-lang": Role.LEADER, "huyen-loc-binh": Role.DEPUTY}


def test_a_year_with_a_deputy_needs_exactly_one_leader(year_2017, make_unit):
    with pytest.raises(ValidationError, match="phải có đúng một Trưởng cụm"):
        services.cluster_member_add(
            cluster_year=year_2017, unit=make_unit("huyen-van-quan"), role=Role.DEPUTY, selection_method=ELECTED
        )
    assert not year_2017.members.filter(role=Role.DEPUTY).exists()


def test_a_unit_is_a_member_once_a_year(year_2017, districts):
    with pytest.raises(ValidationError, match="đã là thành viên"):
        services.cluster_member_add(cluster_year=year_2017, unit=districts["loc-binh"])


def test_removing_the_leader_while_a_deputy_remains_is_refused(year_2017_with_roles):
    leader = year_2017_with_roles.members.get(role=Role.LEADER)
    with pytest.raises(ValidationError, match="phải có đúng một Trưởng cụm"):
        services.cluster_member_remove(member=leader)
    assert year_2017_with_roles.members.filter(role=Role.LEADER).exists()


def test_a_role_says_how_it_was_given(year_2017, make_unit):
    unit = make_unit("huyen-van-quan")
    with pytest.raises(ValidationError, match="hình thức chọn"):
        services.cluster_member_add(cluster_year=year_2017, unit=unit, role=Role.LEADER)


def test_unit_in_two_clusters_of_same_organiser_same_year_is_refused(year_2017, make_cluster, districts):
    second = services.cluster_year_start(cluster=make_cluster("cum-2", "Cụm thi đua số 2"), year=2017)
    with pytest.raises(ValidationError, match="Huyện Lộc Bình đã thuộc Cụm thi đua các huyện biên giới"):
        services.cluster_member_add(cluster_year=second, unit=districts["loc-binh"])
    assert not second.members.exists()


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite has no exclusion constraint; the service holds it")
def test_unit_in_two_clusters_of_same_organiser_is_refused_by_the_database(year_2017, make_cluster, districts):
    second = ClusterYear.objects.create(cluster=make_cluster("cum-2", "Cụm thi đua số 2"), year=2017)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMember.objects.create(cluster_year=second, unit=districts["loc-binh"])


def test_same_unit_in_clusters_of_different_organisers_is_fine(year_2017, make_cluster, other_organiser, districts):
    party = services.cluster_year_start(
        cluster=make_cluster("khoi-huyen-uy", "Cụm thi đua các huyện ủy", organiser=other_organiser), year=2017
    )
    member = services.cluster_member_add(cluster_year=party, unit=districts["loc-binh"])
    assert member.organiser == other_organiser


def test_same_unit_in_another_cluster_of_the_organiser_another_year_is_fine(year_2017, make_cluster, districts):
    second = services.cluster_year_start(cluster=make_cluster("cum-2", "Cụm thi đua số 2"), year=2018)
    services.cluster_member_add(cluster_year=second, unit=districts["loc-binh"])


def test_member_unit_must_exist_that_year(cluster, make_unit):
    later = services.cluster_year_start(cluster=cluster, year=2025)
    gone = make_unit("huyen-cu", "Huyện Cũ", valid_to=datetime.date(2024, 12, 31))
    unborn = make_unit("xa-moi", "Xã Mới", valid_from=datetime.date(2026, 1, 1))
    for unit in (gone, unborn):
        with pytest.raises(ValidationError, match=f"{unit.name} không tồn tại trong năm 2025"):
            services.cluster_member_add(cluster_year=later, unit=unit)
    ended_mid_year = make_unit("huyen-2025", "Huyện 2025", valid_to=datetime.date(2025, 6, 30))
    services.cluster_member_add(cluster_year=later, unit=ended_mid_year)


def test_cluster_must_be_valid_that_year(make_cluster):
    frozen = make_cluster(valid_from=datetime.date(2010, 1, 1), valid_to=datetime.date(2025, 6, 30))
    for year in (2009, 2026):
        with pytest.raises(ValidationError, match="không hoạt động trong năm"):
            services.cluster_year_start(cluster=frozen, year=year)
    assert not frozen.years.exists()
    services.cluster_year_start(cluster=frozen, year=2025)


def test_year_and_organiser_copies_are_kept(year_2017, organiser):
    assert set(year_2017.members.values_list("year", "organiser")) == {(2017, organiser.pk)}


def test_refresh_copies_follows_the_cluster(year_2017, other_organiser):
    cluster = year_2017.cluster
    cluster.organiser = other_organiser
    cluster.save()
    services.cluster_refresh_copies(cluster=cluster)
    assert set(year_2017.members.values_list("organiser", flat=True)) == {other_organiser.pk}


def test_start_year_copies_last_years_members_without_roles(year_2017_with_roles):
    new = services.cluster_year_start(cluster=year_2017_with_roles.cluster, year=2018)
    assert list(new.members.values_list("unit__slug", flat=True)) == list(
        year_2017_with_roles.members.values_list("unit__slug", flat=True)
    )
    assert set(new.members.values_list("role", flat=True)) == {Role.MEMBER}


def test_start_year_can_start_empty(year_2017):
    assert not services.cluster_year_start(cluster=year_2017.cluster, year=2018, copy_members=False).members.exists()


def test_start_year_leaves_out_units_that_no_longer_exist(year_2017, cluster):
    new = services.cluster_year_start(cluster=cluster, year=2025)
    assert new.members.count() == 5
    cluster.valid_to = None
    cluster.save()
    after = services.cluster_year_start(cluster=cluster, year=2026)
    assert not after.members.exists()


def test_starting_an_existing_year_is_refused(year_2017):
    with pytest.raises(ValidationError):
        services.cluster_year_start(cluster=year_2017.cluster, year=2017)


def test_get_or_start_returns_the_existing_year(year_2017):
    assert services.cluster_year_get_or_start(cluster=year_2017.cluster, year=2017) == year_2017
    assert services.cluster_year_get_or_start(cluster=year_2017.cluster, year=2018).members.count() == 5


def test_suggested_leader_is_last_years_deputy_only_as_a_suggestion(year_2017_with_roles, districts):
    new = services.cluster_year_start(cluster=year_2017_with_roles.cluster, year=2018)
    assert services.cluster_year_suggest_leader(cluster_year=new) == districts["van-lang"]
    assert not new.members.filter(role=Role.LEADER).exists()
    services.cluster_year_set_roles(cluster_year=new, leader=districts["cao-loc"], method=ELECTED)


def test_no_suggestion_without_a_deputy_last_year(year_2017):
    new = services.cluster_year_start(cluster=year_2017.cluster, year=2018)
    assert services.cluster_year_suggest_leader(cluster_year=new) is None


def test_deleting_a_referenced_unit_is_protected(year_2017, districts, person):
    with pytest.raises(ProtectedError):
        districts["loc-binh"].delete()
    with pytest.raises(ProtectedError):
        year_2017.cluster.organiser.delete()


def test_deleting_a_cluster_with_years_is_protected(year_2017):
    with pytest.raises(ProtectedError):
        year_2017.cluster.delete()


def test_errors_are_vietnamese_and_name_the_unit(year_2017_with_roles, make_unit):
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        services.cluster_member_add(
            cluster_year=year_2017_with_roles, unit=make_unit("huyen-van-quan", "Huyện Văn Quan"), role=Role.LEADER,
            selection_method=ELECTED,
        )
    text = " ".join(caught.value.messages)
    assert "Trưởng cụm" in text and "Huyện Văn Quan" in text and "Huyện Lộc Bình" in text


def test_a_year_outside_the_plausible_range_is_refused(cluster):
    with pytest.raises(ValidationError, match="Năm phải trong khoảng từ 1945 đến 2200."):
        services.cluster_year_start(cluster=cluster, year=1900)
