"""R6, Cờ thi đua of the province: it goes only to the unit that led its cluster or khối that
year, the unit ranked first (tied first counts) at that cluster-year's year-end review. The
leader role (Trưởng cụm) does not qualify by itself. A flag to a unit in no cluster, to a unit
not ranked first, or a second flag in a cluster-year without a tie for first needs a recorded
confirmation with a reason."""

import datetime
import io

import pytest

from awards.models import DecisionLine
from awards.services import ConfirmationRequired
from clusters.models import Cluster, ClusterMember, ClusterYear, Role, Unit, UnitKind
from meetings.models import Meeting, MeetingKind, Ranking, RecordState

from .conftest import collective

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2025, 1, 20)  # the flag for 2024, signed the next January


@pytest.fixture
def border(units):
    """A cluster-year of 2024 with three members: A leads it (Trưởng cụm), B is ranked first."""
    cluster = Cluster.objects.create(name="Cụm thi đua các huyện biên giới", slug="cum-bien-gioi",
                                     organiser=units["ubnd_tinh"])
    year = ClusterYear.objects.create(cluster=cluster, year=2024)
    members = {}
    for order, (key, role) in enumerate([("a", Role.LEADER), ("b", Role.DEPUTY), ("c", Role.MEMBER)], start=1):
        unit = Unit.objects.create(name=f"huyện {key.upper()}", slug=f"huyen-{key}", kind=UnitKind.DISTRICT,
                                   parent=units["province"])
        ClusterMember.objects.create(cluster_year=year, unit=unit, role=role, order=order,
                                     selection_method="" if role == Role.MEMBER else "elected")
        members[key] = unit
    return cluster, year, members


def _rank(cluster_year, ranks):
    meeting = Meeting.objects.create(cluster_year=cluster_year, kind=MeetingKind.YEAR_END_REVIEW,
                                     date=datetime.date(2024, 12, 20), record_state=RecordState.PUBLISHED)
    for unit, rank in ranks:
        Ranking.objects.create(meeting=meeting, unit=unit, rank=rank)
    return meeting


def _flag(issue, awards, unit, cluster=None, **fields):
    return collective(unit, awards["provincial_emulation_flag"], cluster=cluster, **fields)


def _codes(excinfo):
    return [w.code for w in excinfo.value.warnings]


def test_R6_co_tinh_goes_to_the_unit_ranked_first_and_needs_no_confirmation(issue, awards, border):
    cluster, year, members = border
    _rank(year, [(members["b"], 1), (members["a"], 2), (members["c"], 3)])
    decision = issue([_flag(issue, awards, members["b"], cluster)], signed_on=SIGNED)
    assert decision.lines.get().unit == members["b"]


def test_R6_co_tinh_to_the_leader_not_ranked_first_needs_a_reason(issue, awards, border):
    cluster, year, members = border
    _rank(year, [(members["b"], 1), (members["a"], 2), (members["c"], 3)])
    line = _flag(issue, awards, members["a"], cluster)  # the Trưởng cụm: the role alone earns no flag
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue([line], signed_on=SIGNED)
    assert _codes(excinfo) == ["R6.co-tinh.not-first"]
    assert "huyện B" in excinfo.value.warnings[0].message and "Điều 26" in excinfo.value.warnings[0].basis
    with pytest.raises(ConfirmationRequired):  # confirmed, but without a reason
        issue([line], signed_on=SIGNED, confirm=True)
    line["confirmation_reason"] = "Hội đồng TĐKT tỉnh quyết định theo Tờ trình số 12/TTr-SNV"
    decision = issue([line], signed_on=SIGNED, confirm=True)
    assert decision.lines.get().confirmation_reason.startswith("Hội đồng TĐKT tỉnh")


def test_R6_co_tinh_tied_first_counts(issue, awards, border):
    cluster, year, members = border
    _rank(year, [(members["a"], 1), (members["b"], 1), (members["c"], 3)])
    decision = issue([_flag(issue, awards, members["a"], cluster), _flag(issue, awards, members["b"], cluster)],
                     signed_on=SIGNED)
    assert decision.lines.count() == 2


def test_R6_co_tinh_second_flag_in_a_cluster_year_without_a_tie_needs_a_reason(issue, awards, border):
    cluster, year, members = border
    _rank(year, [(members["b"], 1), (members["a"], 2)])
    issue([_flag(issue, awards, members["b"], cluster)], signed_on=SIGNED)
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue([_flag(issue, awards, members["a"], cluster)], signed_on=SIGNED, confirm=True,
              number=900, number_text="900/QĐ-UBND")
    assert set(_codes(excinfo)) == {"R6.co-tinh.not-first", "R6.co-tinh.second"}
    assert all(w.needs_reason for w in excinfo.value.warnings)


def test_R6_co_tinh_to_a_unit_in_no_cluster_needs_a_reason(issue, awards, units):
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue([_flag(issue, awards, units["commune"])], signed_on=SIGNED, confirm=True)
    assert _codes(excinfo) == ["R6.co-tinh.no-cluster"]
    issue([_flag(issue, awards, units["commune"], confirmation_reason="Đơn vị tiêu biểu ngoài cụm, khối")],
          signed_on=SIGNED, confirm=True)


def test_R6_co_tinh_without_a_recorded_ranking_asks_for_confirmation(issue, awards, border):
    cluster, _year, members = border
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue([_flag(issue, awards, members["a"], cluster)], signed_on=SIGNED)
    assert _codes(excinfo) == ["R6.co-tinh.no-ranking"]
    assert not excinfo.value.warnings[0].needs_reason
    issue([_flag(issue, awards, members["a"], cluster)], signed_on=SIGNED, confirm=True)


def test_R6_the_demo_gives_the_2017_flag_to_the_unit_ranked_first_not_to_the_leader(db):
    from awards import demo as awards_demo
    from clusters import demo as clusters_demo
    from meetings import demo as meetings_demo

    for module in (clusters_demo, meetings_demo, awards_demo):
        module.load(stdout=io.StringIO())
    flag = DecisionLine.objects.get(award__code="provincial_emulation_flag", decision__achievement_year=2017)
    first = Ranking.objects.get(meeting__cluster_year__cluster__slug="cum-thi-dua-cac-huyen-bien-gioi",
                                meeting__cluster_year__year=2017, meeting__kind=MeetingKind.YEAR_END_REVIEW, rank=1)
    leader = ClusterMember.objects.get(cluster_year__cluster=first.meeting.cluster_year.cluster, year=2017,
                                       role=Role.LEADER)
    assert flag.unit == first.unit and flag.unit != leader.unit
    assert flag.confirmation_reason == ""  # it follows the ranking: nothing to explain
    assert flag.decision.is_sample
