"""An election at a year-end review creates next year's roles through the cluster service."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from clusters.models import ClusterMember, ClusterYear, Role, SelectionMethod
from meetings.models import MeetingKind, Resolution, ResolutionKind
from meetings.services import meeting_record_election

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def roles_of(border, year):
    return {
        m.role: m.unit.slug
        for m in ClusterMember.objects.filter(cluster_year__cluster=border.cluster, cluster_year__year=year)
        .exclude(role=Role.MEMBER).select_related("unit")
    }


def test_election_at_year_end_review_creates_next_years_roles_and_links_them(border, year_end_meeting):
    resolution = meeting_record_election(
        meeting=year_end_meeting, leader=border.units["huyen-van-lang"], deputy=border.units["huyen-trang-dinh"],
    )

    year2018 = ClusterYear.objects.get(cluster=border.cluster, year=2018)
    assert year2018.members.count() == 5  # last year's members came along
    assert roles_of(border, 2018) == {Role.LEADER: "huyen-van-lang", Role.DEPUTY: "huyen-trang-dinh"}
    leader = year2018.members.get(role=Role.LEADER)
    assert leader.selection_method == SelectionMethod.ELECTED
    assert leader.source_note == year_end_meeting.display_title
    assert resolution.kind == ResolutionKind.ELECTION
    assert set(resolution.created_roles.all()) == set(year2018.members.exclude(role=Role.MEMBER))
    assert roles_of(border, 2017) == {Role.LEADER: "huyen-loc-binh", Role.DEPUTY: "huyen-van-lang"}


def test_an_existing_election_resolution_can_be_the_one_linked(border, year_end_meeting):
    resolution = Resolution.objects.create(meeting=year_end_meeting, kind=ResolutionKind.ELECTION, text="Bầu")
    result = meeting_record_election(resolution=resolution, leader=border.units["huyen-cao-loc"])
    assert result.pk == resolution.pk
    assert [m.unit.slug for m in resolution.created_roles.all()] == ["huyen-cao-loc"]


def test_second_election_is_refused_when_next_years_roles_are_set(border, year_end_meeting):
    meeting_record_election(meeting=year_end_meeting, leader=border.units["huyen-van-lang"])
    with pytest.raises(ValidationError) as caught:
        meeting_record_election(meeting=year_end_meeting, leader=border.units["huyen-cao-loc"])
    assert "đã được xác định" in caught.value.messages[0]
    assert roles_of(border, 2018) == {Role.LEADER: "huyen-van-lang"}
    assert year_end_meeting.resolutions.count() == 1


def test_election_replaces_next_years_roles_when_staff_choose_to(border, year_end_meeting):
    first = meeting_record_election(meeting=year_end_meeting, leader=border.units["huyen-van-lang"],
                                    deputy=border.units["huyen-trang-dinh"])
    second = meeting_record_election(meeting=year_end_meeting, leader=border.units["huyen-cao-loc"],
                                     deputy=border.units["huyen-dinh-lap"], replace=True)
    assert roles_of(border, 2018) == {Role.LEADER: "huyen-cao-loc", Role.DEPUTY: "huyen-dinh-lap"}
    assert {m.unit.slug for m in second.created_roles.all()} == {"huyen-cao-loc", "huyen-dinh-lap"}
    assert first.pk != second.pk


def test_election_of_the_same_unit_as_leader_and_deputy_is_refused_and_leaves_nothing(border, year_end_meeting):
    with pytest.raises(ValidationError):
        meeting_record_election(meeting=year_end_meeting, leader=border.units["huyen-van-lang"],
                                deputy=border.units["huyen-van-lang"])
    assert not ClusterYear.objects.filter(cluster=border.cluster, year=2018).exists()
    assert not year_end_meeting.resolutions.exists()


def test_election_of_a_unit_outside_the_cluster_is_refused(border, year_end_meeting):
    with pytest.raises(ValidationError) as caught:
        meeting_record_election(meeting=year_end_meeting, leader=border.city)
    assert "thành phố Lạng Sơn" in caught.value.messages[0]
    assert not year_end_meeting.resolutions.exists()
    assert roles_of(border, 2018) == {}


def test_election_is_refused_at_a_mid_year_review(border, make_meeting):
    meeting = make_meeting(kind=MeetingKind.MID_YEAR_REVIEW)
    with pytest.raises(ValidationError) as caught:
        meeting_record_election(meeting=meeting, leader=border.units["huyen-van-lang"])
    assert "tổng kết" in caught.value.messages[0]
    assert not ClusterYear.objects.filter(cluster=border.cluster, year=2018).exists()


def test_only_an_election_resolution_can_create_roles(border, year_end_meeting):
    resolution = Resolution.objects.create(meeting=year_end_meeting, kind=ResolutionKind.RANKING, text="Xếp hạng")
    with pytest.raises(ValidationError):
        meeting_record_election(resolution=resolution, leader=border.units["huyen-van-lang"])
