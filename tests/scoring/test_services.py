"""The scoring rules, through the services the screens call: limits, totals never below zero,
missing criteria, ties, who may do what, the meeting's ranking and vote, the proposals filed as
the cluster's dossier, and published results that change only by a new version."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import RankBasis
from nominations.models import Dossier
from scoring import services
from scoring.models import Criterion, CriterionKind, ScoreAdjustment, ScoreEntry, ScoringState, SheetState

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _start(world, deadline=datetime.date(2099, 12, 10)):
    return services.scoring_start(cluster_year=world.cluster_year, template=world.template, deadline=deadline,
                                  user=world.staff)


def _score(world, scoring, index, c1, c2, c3, bonus=None, penalty=None, submit=True):
    sheet = scoring.sheets.get(unit=world.units[index])
    user = world.officers[index]
    services.entry_save(user=user, sheet=sheet, criterion=world.c1, points=D(c1))
    services.entry_save(user=user, sheet=sheet, criterion=world.c2, points=D(c2), files=[pdf()])
    services.entry_save(user=user, sheet=sheet, criterion=world.c3, points=D(c3))
    if bonus is not None:
        services.entry_save(user=user, sheet=sheet, criterion=world.bonus, points=D(bonus))
    if penalty is not None:
        services.entry_save(user=user, sheet=sheet, criterion=world.penalty, points=D(penalty))
    if submit:
        sheet = services.sheet_submit(user=user, sheet=sheet)
    return sheet


def test_totals_hold_limits_caps_and_never_go_below_zero(world):
    def entry(criterion, points, adjusted=None):
        return ScoreEntry(criterion=criterion, points=D(points), adjusted_points=adjusted)

    total = services.sheet_total(world.template, [entry(world.c1, "40"), entry(world.c2, "50"), entry(world.c3, "10"),
                                                  entry(world.bonus, "3"), entry(world.bonus2, "3")])
    # c2 above its maximum counts its maximum; two bonuses of 3 are capped at the table's 5
    assert (total.scored, total.bonus, total.total) == (D("80"), D("5"), D("85"))
    low = services.sheet_total(world.template, [entry(world.c1, "2"), entry(world.c2, "1"), entry(world.c3, "0"),
                                                entry(world.penalty, "10")])
    assert low.total == 0 and low.penalty == 10
    missing = services.sheet_total(world.template, [entry(world.c1, "20")])
    assert missing.total == 20 and [c.code for c in missing.missing] == ["2", "3"]
    adjusted = services.sheet_total(world.template, [entry(world.c1, "40", adjusted=D("35"))])
    assert adjusted.scored == 35


def test_the_penalty_cap_limits_what_all_penalty_items_take_together(world):
    second = Criterion.objects.create(template=world.template, order=7, code="P2", title="Điểm trừ vi phạm",
                                      kind=CriterionKind.PENALTY, max_points=D("10"))
    world.template.penalty_cap = D("12")
    world.template.save()

    def entry(criterion, points):
        return ScoreEntry(criterion=criterion, points=D(points))

    total = services.sheet_total(world.template, [entry(world.c1, "40"), entry(world.c2, "30"), entry(world.c3, "30"),
                                                  entry(world.penalty, "10"), entry(second, "8")])
    assert (total.penalty, total.total) == (D("12"), D("88"))


def test_competition_ranks_share_places_and_skip():
    assert services.competition_ranks({1: D("90"), 2: D("95"), 3: D("90"), 4: D("80")}) == {2: 1, 1: 2, 3: 2, 4: 4}


def test_a_member_scores_only_its_own_unit_within_the_limits(world):
    scoring = _start(world)
    sheet = scoring.sheets.get(unit=world.units[1])
    with pytest.raises(PermissionDenied):
        services.entry_save(user=world.officers[2], sheet=sheet, criterion=world.c1, points=D("10"))
    with pytest.raises(ValidationError) as over:
        services.entry_save(user=world.officers[1], sheet=sheet, criterion=world.c1, points=D("40.5"))
    assert "40" in str(over.value)
    with pytest.raises(ValidationError):
        services.entry_save(user=world.officers[1], sheet=sheet, criterion=world.penalty, points=D("11"))
    with pytest.raises(ValidationError):
        services.entry_save(user=world.officers[1], sheet=sheet, criterion=world.c1, points=D("-1"))
    with pytest.raises(ValidationError) as bonus:  # a bonus item is held to its own limit too
        services.entry_save(user=world.officers[1], sheet=sheet, criterion=world.bonus, points=D("3.5"))
    assert "3" in str(bonus.value)
    services.entry_save(user=world.officers[1], sheet=sheet, criterion=world.bonus, points=D("3"))


def test_submission_needs_every_criterion_and_the_evidence_asked_for(world):
    scoring = _start(world)
    sheet = scoring.sheets.get(unit=world.units[1])
    user = world.officers[1]
    services.entry_save(user=user, sheet=sheet, criterion=world.c1, points=D("30"))
    services.entry_save(user=user, sheet=sheet, criterion=world.c2, points=D("20"))  # no evidence
    with pytest.raises(ValidationError) as refused:
        services.sheet_submit(user=user, sheet=sheet)
    messages = " ".join(refused.value.messages)
    assert "3 Công tác khen thưởng" in messages and "2 Phong trào" in messages
    services.entry_save(user=user, sheet=sheet, criterion=world.c2, points=D("20"), files=[pdf()])
    services.entry_save(user=user, sheet=sheet, criterion=world.c3, points=D("0"))
    sheet = services.sheet_submit(user=user, sheet=sheet)
    assert sheet.state == SheetState.SUBMITTED and not sheet.is_late
    with pytest.raises(ValidationError):  # a submitted score is no longer changed by the member
        services.entry_save(user=user, sheet=sheet, criterion=world.c1, points=D("31"))


def test_late_accepted_and_marked_until_the_leader_closes(world):
    scoring = _start(world, deadline=datetime.date(2020, 1, 1))
    late = _score(world, scoring, 1, "30", "20", "20")
    assert late.is_late
    with pytest.raises(PermissionDenied):  # a member does not close the compilation
        services.compilation_close(user=world.officers[2], scoring=scoring)
    services.compilation_close(user=world.leader, scoring=scoring)
    with pytest.raises(ValidationError):
        _score(world, scoring, 2, "30", "20", "20")


def test_the_leader_adjusts_with_a_reason_and_it_is_kept(world):
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "38", "20", "20")
    entry = sheet.entries.get(criterion=world.c1)
    with pytest.raises(PermissionDenied):
        services.entry_adjust(user=world.officers[2], entry=entry, points=D("30"), reason="x")
    with pytest.raises(ValidationError):
        services.entry_adjust(user=world.leader, entry=entry, points=D("30"), reason=" ")
    services.entry_adjust(user=world.leader, entry=entry, points=D("30"), reason="Chưa có minh chứng đủ")
    adjustment = ScoreAdjustment.objects.get(entry=entry)
    assert (adjustment.old_points, adjustment.new_points, adjustment.by) == (D("38"), D("30"), world.leader)
    assert services.totals(scoring)[world.units[1].pk].total == 70


def test_the_table_is_fixed_once_scoring_starts_and_copies_forward(world):
    _start(world)
    with pytest.raises(ValidationError):
        services.criterion_save(criterion=Criterion(template=world.template, title="Mới", max_points=D("5")))
    copy = services.template_copy(template=world.template, year=2026)
    assert copy.criteria.count() == 6 and copy.groups.count() == 1 and copy.copied_from == world.template
    services.criterion_save(criterion=Criterion(template=copy, title="Mới", max_points=D("5")))


def _ranked(world):
    scoring = _start(world)
    _score(world, scoring, 0, "40", "30", "25", bonus="2")   # 97
    _score(world, scoring, 1, "40", "30", "27")              # 97: tied first
    _score(world, scoring, 2, "35", "25", "25")              # 85
    _score(world, scoring, 3, "30", "25", "25", penalty="2")  # 78
    _score(world, scoring, 4, "30", "20", "20", submit=False)  # never submitted: out of the ranking
    services.compilation_close(user=world.leader, scoring=scoring)
    services.compilation_ready(user=world.leader, scoring=scoring)
    services.meeting_rank(user=world.leader, scoring=scoring, meeting=world.meeting)
    return scoring


def test_the_meeting_ranks_with_ties_and_the_vote_may_change_it(world):
    scoring = _ranked(world)
    ranks = dict(world.meeting.rankings.values_list("unit__name", "rank"))
    assert ranks == {"huyện Lộc Bình": 1, "huyện Văn Lãng": 1, "huyện Tràng Định": 3, "huyện Cao Lộc": 4}
    assert scoring.state == ScoringState.RANKED and scoring.compiled_visible
    first, nxt = services.proposals(scoring)
    assert set(first) == {world.units[0].pk, world.units[1].pk} and nxt == [world.units[2].pk, world.units[3].pk]
    with pytest.raises(ValidationError):  # the vote gives every ranked unit a place
        services.ranking_vote(user=world.leader, scoring=scoring, ranks={world.units[0].pk: 1},
                              basis=RankBasis.SECRET_BALLOT, members_entitled=5, members_present=5, votes_for=4)
    new = {world.units[0].pk: 1, world.units[1].pk: 2, world.units[2].pk: 3, world.units[3].pk: 4}
    services.ranking_vote(user=world.leader, scoring=scoring, ranks=new, basis=RankBasis.SECRET_BALLOT,
                          members_entitled=5, members_present=5, votes_for=4)
    row = world.meeting.rankings.get(unit=world.units[1])
    assert (row.rank, row.basis, row.votes_for) == (2, RankBasis.SECRET_BALLOT, 4)
    first, nxt = services.proposals(scoring)
    assert first == [world.units[0].pk] and nxt == [world.units[1].pk, world.units[2].pk]


def test_the_cluster_type_says_how_many_units_go_for_a_certificate(world):
    scoring = _ranked(world)  # ranks 1, 1, 3, 4
    world.type.certificate_count = 1
    world.type.save()
    scoring.refresh_from_db()
    assert services.proposals(scoring) == ([world.units[0].pk, world.units[1].pk], [world.units[2].pk])
    world.type.certificate_count = 0
    world.type.save()
    scoring.refresh_from_db()
    assert services.proposals(scoring)[1] == []
    world.type.certificate_count = 5  # more than the units ranked: every one of them
    world.type.save()
    scoring.refresh_from_db()
    assert services.proposals(scoring)[1] == [world.units[2].pk, world.units[3].pk]


def test_every_vote_recorded_on_the_ranking_is_kept_in_the_history(world):
    from backoffice.audit import acting_as
    from backoffice.models import AuditEntry

    scoring = _ranked(world)
    new = {world.units[0].pk: 1, world.units[1].pk: 2, world.units[2].pk: 3, world.units[3].pk: 4}
    with acting_as(world.leader, "backoffice"):
        services.ranking_vote(user=world.leader, scoring=scoring, ranks=new, basis=RankBasis.SECRET_BALLOT,
                              members_entitled=5, members_present=5, votes_for=4)
        new[world.units[1].pk], new[world.units[2].pk] = 3, 2
        services.ranking_vote(user=world.leader, scoring=scoring, ranks=new, basis=RankBasis.OPEN_VOTE,
                              members_entitled=5, members_present=5, votes_for=5)
    ranking_rows = AuditEntry.objects.filter(content_type__model="ranking", action="change")
    # the first vote changed the basis of four rows and the rank of one; the second, four rows again
    assert ranking_rows.count() == 8
    assert all(entry.actor == world.leader for entry in ranking_rows)


def test_once_the_proposals_are_filed_the_vote_no_longer_changes(world):
    scoring = _ranked(world)
    services.proposals_file(user=world.leader, scoring=scoring)
    scoring.refresh_from_db()
    new = {world.units[0].pk: 2, world.units[1].pk: 1, world.units[2].pk: 3, world.units[3].pk: 4}
    with pytest.raises(ValidationError) as refused:
        services.ranking_vote(user=world.leader, scoring=scoring, ranks=new, basis=RankBasis.SECRET_BALLOT,
                              members_entitled=5, members_present=5, votes_for=4)
    assert refused.value.code == "filed"
    assert dict(world.meeting.rankings.values_list("unit_id", "rank"))[world.units[0].pk] == 1


def test_proposals_become_the_clusters_dossier_filed_by_the_leader(world):
    scoring = _ranked(world)
    with pytest.raises(PermissionDenied):
        services.proposals_file(user=world.officers[2], scoring=scoring)
    dossier = services.proposals_file(user=world.leader, scoring=scoring)
    assert isinstance(dossier, Dossier) and dossier.cluster == world.cluster and dossier.unit == world.units[0]
    lines = list(dossier.lines.values_list("collective__name", "award__code"))
    assert lines == [("huyện Lộc Bình", "provincial_emulation_flag"), ("huyện Văn Lãng", "provincial_emulation_flag"),
                     ("huyện Tràng Định", "provincial_certificate"), ("huyện Cao Lộc", "provincial_certificate")]
    with pytest.raises(ValidationError):
        services.proposals_file(user=world.leader, scoring=scoring)


def test_published_results_change_only_by_a_new_version_with_a_reason(world):
    scoring = _ranked(world)
    with pytest.raises(PermissionDenied):
        services.publish(user=world.leader, scoring=scoring)
    first = services.publish(user=world.staff, scoring=scoring)
    assert first.version == 1 and first.rows.count() == 4
    assert first.rows.get(unit=world.units[2]).total == 85
    with pytest.raises(ValidationError):
        services.publish(user=world.staff, scoring=scoring)  # a correction needs a reason
    entry = scoring.sheets.get(unit=world.units[2]).entries.get(criterion=world.c1)
    services.entry_adjust(user=world.staff, entry=entry, points=D("30"), reason="Phúc tra")
    second = services.publish(user=world.staff, scoring=scoring, reason="Điều chỉnh sau phúc tra")
    assert second.version == 2 and second.rows.get(unit=world.units[2]).total == 80
    assert first.rows.get(unit=world.units[2]).total == 85  # the first version is kept as published


def test_a_correction_may_change_the_ranks_by_the_councils_decision(world):
    scoring = _ranked(world)  # the meeting: units 0 and 1 tied first, 2 third, 3 fourth
    units = [u.pk for u in world.units[:4]]
    council = {units[0]: 1, units[1]: 2, units[2]: 3, units[3]: 4}
    with pytest.raises(ValidationError):  # the first version is the meeting's ranking
        services.publish(user=world.staff, scoring=scoring, ranks=council)
    first = services.publish(user=world.staff, scoring=scoring)
    assert first.rank_basis == "" and first.rows.get(unit_id=units[1]).rank == 1
    with pytest.raises(ValidationError):  # a place for every ranked unit
        services.publish(user=world.staff, scoring=scoring, reason="Quyết định của Hội đồng", ranks={units[0]: 1})
    with pytest.raises(ValidationError):  # and a reason
        services.publish(user=world.staff, scoring=scoring, ranks=council)
    second = services.publish(user=world.staff, scoring=scoring, ranks=council,
                              reason="Hội đồng Thi đua - Khen thưởng tỉnh xếp lại hạng sau phúc tra")
    rows = {row.unit_id: row for row in second.rows.all()}
    assert second.rank_basis == "council_decision" and rows[units[1]].rank == 2
    assert rows[units[0]].proposed_for.startswith("Cờ") and rows[units[1]].proposed_for.startswith("Bằng khen")
    third = services.publish(user=world.staff, scoring=scoring, reason="Sửa lỗi đánh máy tổng điểm")
    assert third.rank_basis == "" and dict(third.rows.values_list("unit_id", "rank")) == council
    # the meeting's record stays what the meeting decided
    assert dict(world.meeting.rankings.values_list("unit_id", "rank"))[units[1]] == 1
    # the cluster's dossier is filed from the council's ranks, and they no longer change after it
    dossier = services.proposals_file(user=world.leader, scoring=scoring)
    lines = list(dossier.lines.values_list("collective_id", "award__code"))
    assert lines == [(units[0], "provincial_emulation_flag"), (units[1], "provincial_certificate"),
                     (units[2], "provincial_certificate")]
    scoring.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.publish(user=world.staff, scoring=scoring, reason="Xếp lại lần nữa",
                         ranks={units[0]: 2, units[1]: 1, units[2]: 3, units[3]: 4})
    assert refused.value.code == "filed"


def test_the_leader_may_score_a_criterion_the_member_left_blank(world):
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "30", "20", "20")  # submitted, its bonus item left blank
    with pytest.raises(PermissionDenied):
        services.criterion_adjust(user=world.officers[2], sheet=sheet, criterion=world.bonus, points=D("2"),
                                  reason="x")
    entry = services.criterion_adjust(user=world.leader, sheet=sheet, criterion=world.bonus, points=D("2"),
                                      reason="Theo báo cáo của đơn vị gửi Cụm")
    assert entry.points is None and entry.effective_points == 2
    assert services.totals(scoring)[world.units[1].pk].total == 72


def test_a_draft_is_the_members_own_until_submitted(world):
    """An adjustment of a draft would silently outweigh what the member types next."""
    scoring = _start(world)
    sheet = _score(world, scoring, 1, "30", "20", "20", submit=False)
    entry = sheet.entries.get(criterion=world.c1)
    with pytest.raises(ValidationError) as refused:
        services.entry_adjust(user=world.leader, entry=entry, points=D("20"), reason="Thiếu minh chứng")
    assert refused.value.code == "draft"
    with pytest.raises(ValidationError):
        services.criterion_adjust(user=world.leader, sheet=sheet, criterion=world.bonus, points=D("2"), reason="x")
    services.entry_save(user=world.officers[1], sheet=sheet, criterion=world.c1, points=D("35"))
    assert services.totals(scoring)[world.units[1].pk].scored == 75


def test_a_criterion_belongs_to_a_group_of_its_own_table(world):
    other = services.template_copy(template=world.template, year=2026)
    foreign_group = other.groups.get()
    with pytest.raises(ValidationError):
        services.criterion_save(criterion=Criterion(template=other, group=world.c1.group, title="Lạc bảng",
                                                    max_points=D("5")))
    services.criterion_save(criterion=Criterion(template=other, group=foreign_group, title="Đúng bảng",
                                                max_points=D("5")))


def test_the_admin_links_the_public_page_only_once_published(world):
    from django.contrib import admin

    from scoring.models import Scoring

    model_admin = admin.site._registry[Scoring]
    scoring = _ranked(world)
    assert model_admin.view_on_site(scoring) is None
    services.publish(user=world.staff, scoring=scoring)
    assert model_admin.view_on_site(scoring).endswith("/2025/")
