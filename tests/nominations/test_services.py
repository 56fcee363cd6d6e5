"""The nomination path's rules, through the services every view and admin page calls."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards.models import Decision, DecisionLine
from awards.rules import ConfirmationRequired
from clusters.models import ClusterYear
from nominations import services, workdays
from nominations.checks import dossier_lines_check
from nominations.models import (
    Consultation,
    Deadline,
    DossierEvent,
    DossierKind,
    DossierState,
    LineOutcome,
    VoteThreshold,
    WorkingDayChange,
)

from .conftest import add_line, make_dossier

S = DossierState
pytestmark = pytest.mark.django_db


def test_officer_files_for_own_unit_only(world):
    with pytest.raises(PermissionDenied):
        make_dossier(world, user=world.vanlang, unit=world.loc_binh)
    dossier = make_dossier(world)
    assert dossier.state == S.DRAFT and not dossier.is_paper
    assert dossier.addressed_role == world.chair
    assert DossierEvent.objects.filter(dossier=dossier, action="created").exists()


def test_only_the_leader_unit_files_for_the_cluster_with_last_years_fallback(world):
    with pytest.raises(ValidationError):
        make_dossier(world, user=world.vanlang, unit=world.van_lang, cluster=world.cluster)
    assert make_dossier(world, cluster=world.cluster).cluster == world.cluster
    # 2026 has no leader recorded: 2025's leader files (R2)
    assert make_dossier(world, cluster=world.cluster, year=2026).unit == world.loc_binh
    ClusterYear.objects.create(cluster=world.cluster, year=2027)
    with pytest.raises(ValidationError):  # 2027 and 2026 have no leader: nobody may file
        make_dossier(world, cluster=world.cluster, year=2027)


def test_staff_enter_a_paper_dossier(world):
    dossier = make_dossier(world, user=world.staff)
    assert dossier.is_paper


def test_refusals_stop_the_submission_and_warnings_need_confirming(world):
    dossier = make_dossier(world)
    # Lao động tiên tiến is not the province chair's to grant (R5): a refusal
    add_line(dossier, world.locbinh, "Hoàng Văn Bình", "advanced_worker")
    with pytest.raises(ValidationError) as refused:
        services.dossier_submit(user=world.locbinh, dossier=dossier)
    assert "R5.no-authority" in str(refused.value)
    dossier.lines.all().delete()
    add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    services.dossier_submit(user=world.locbinh, dossier=dossier)
    assert dossier.state == S.SUBMITTED and dossier.submitted_at


def test_a_state_award_is_checked_against_the_authority_that_holds_it(world):
    dossier = make_dossier(world)
    add_line(dossier, world.locbinh, "Lương Văn C", "order_labour", award_class=world.awards["order_labour"]
             .classes.get(code="third"))
    check = dossier_lines_check(dossier)
    assert not [p for p in check.errors if p.code == "R5.no-authority"]


def test_submission_needs_memo_and_lines(world):
    dossier = make_dossier(world, memo_number="", memo_date=None)
    with pytest.raises(ValidationError) as error:
        services.dossier_submit(user=world.locbinh, dossier=dossier)
    text = str(error.value)
    assert "nominee" in text or "người" in text


def test_deadline_and_lateness(world, settings):
    dossier = make_dossier(world, year=2025)
    add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    assert services.deadline_for(dossier) == datetime.date(2025, 12, 10)
    # an award's own deadline wins where it is earlier or later than the kind's
    Deadline.objects.create(kind=DossierKind.REGULAR, award=world.awards["provincial_certificate"], day=1, month=12,
                            valid_from=datetime.date(2024, 1, 1))
    assert services.deadline_for(dossier) == datetime.date(2025, 12, 1)
    late = make_dossier(world, year=2024)
    add_line(late, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    services.dossier_submit(user=world.locbinh, dossier=late)
    assert late.deadline == datetime.date(2024, 12, 1) and late.is_late


def test_steps_and_who_may_take_them(world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    with pytest.raises(PermissionDenied):
        services.dossier_submit(user=world.vanlang, dossier=dossier)
    services.dossier_submit(user=world.locbinh, dossier=dossier)
    with pytest.raises(PermissionDenied):  # the officer does not receive their own dossier
        services.dossier_step(user=world.locbinh, dossier=dossier, to_state=S.RECEIVED)
    with pytest.raises(ValidationError):  # no skipping to the council
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.COUNCIL)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    assert dossier.register_number == 1 and dossier.proposal_memo.number_text == "15/TTr-UBND"
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.APPRAISAL)
    with pytest.raises(ValidationError):  # a return needs a reason
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RETURNED)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RETURNED, reason="Thiếu báo cáo",
                          line_notes={line.pk: "Bổ sung báo cáo thành tích có xác nhận"})
    line.refresh_from_db()
    assert line.return_note.startswith("Bổ sung")
    # the officer corrects and resubmits; the note is cleared
    line.title_text = "Phó Trưởng phòng"
    services.line_save(user=world.locbinh, line=line)
    services.dossier_submit(user=world.locbinh, dossier=dossier)
    line.refresh_from_db()
    assert dossier.state == S.SUBMITTED and line.return_note == ""
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    assert dossier.register_number == 1  # received again, same register number
    with pytest.raises(ValidationError):  # a hold needs a reason
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.ON_HOLD)
    with pytest.raises(ValidationError) as ungrounded:  # and what it waits for (R8)
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.ON_HOLD, reason="Đang xem xét đơn thư")
    assert ungrounded.value.code == "hold_ground"
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.ON_HOLD, reason="Đang xem xét đơn thư",
                          hold_ground="complaint")
    assert dossier.held_from == S.RECEIVED and dossier.hold_ground == "complaint"
    assert dossier.state_reason == "Đang giải quyết khiếu nại, tố cáo: Đang xem xét đơn thư"
    with pytest.raises(ValidationError):  # the officer cannot edit what the office holds
        line.title_text = "x"
        services.line_save(user=world.locbinh, line=line)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    steps = list(DossierEvent.objects.filter(dossier=dossier, action__in=["step", "submitted", "resubmitted"])
                 .values_list("to_state", flat=True))
    assert steps == [S.SUBMITTED, S.RECEIVED, S.APPRAISAL, S.RETURNED, S.SUBMITTED, S.RECEIVED, S.ON_HOLD,
                     S.RECEIVED]


@pytest.mark.parametrize(("percent", "more_than", "members", "needed"), [
    ("90", False, 15, 14), ("90", False, 10, 9), ("80", False, 15, 12), ("80", False, 11, 9),
    ("50", True, 14, 8), ("50", True, 15, 8), ("50", True, 1, 1),
])
def test_thresholds_round_up_to_whole_votes(percent, more_than, members, needed):
    assert VoteThreshold(percent=Decimal(percent), more_than=more_than).required_votes(members) == needed


def test_thresholds_are_dated_data(world):
    day = datetime.date(2025, 12, 20)
    cstd = world.awards["provincial_emulation_fighter"].pk
    assert services.required_votes(cstd, day, 15)[0] == 14
    assert services.required_votes(world.awards["provincial_emulation_flag"].pk, day, 15)[0] == 12
    assert services.required_votes(world.awards["provincial_certificate"].pk, day, 15)[0] == 8
    # R7's kinds, every award of them: the hero titles of a locality and the Cờ thi đua xuất sắc too
    for code, needed in [("hero_labour", 14), ("hero_province", 14), ("hero_city", 14),
                         ("government_emulation_flag", 12), ("excellent_emulation_flag", 12),
                         ("grassroots_emulation_fighter", 12)]:
        assert services.required_votes(world.awards[code].pk, day, 15)[0] == needed, code
    VoteThreshold.objects.create(award=world.awards["provincial_certificate"], percent=Decimal("66.67"),
                                 valid_from=datetime.date(2025, 12, 1), basis="Quy chế mới")
    assert services.required_votes(world.awards["provincial_certificate"].pk, day, 15)[0] == 11
    assert services.required_votes(world.awards["provincial_certificate"].pk, datetime.date(2025, 11, 1), 15)[0] == 8


def test_working_days_skip_weekends_and_holidays():
    # published Tuesday 28/04/2026: 30/04 and 01/05 are public holidays, then a weekend
    start, end = workdays.consultation_period(datetime.date(2026, 4, 28))
    assert start == datetime.date(2026, 4, 29)
    assert end == datetime.date(2026, 5, 14)
    assert workdays.working_days_between(start, end) == 10
    assert not workdays.is_working_day(datetime.date(2026, 9, 2))  # National Day


def test_a_day_the_government_moved_counts(db):
    WorkingDayChange.objects.create(day=datetime.date(2026, 5, 4), is_working_day=False, note="Nghỉ bù")
    assert workdays.consultation_period(datetime.date(2026, 4, 28))[1] == datetime.date(2026, 5, 15)
    WorkingDayChange.objects.create(day=datetime.date(2026, 5, 9), is_working_day=True, note="Làm bù thứ Bảy")
    assert workdays.consultation_period(datetime.date(2026, 4, 28))[1] == datetime.date(2026, 5, 14)


def test_a_moved_day_added_later_reaches_the_open_consultations_only(world):
    dossier = make_dossier(world)
    add_line(dossier, world.locbinh, "Lương Văn C", "prime_minister_certificate")
    _to_appraisal(world, dossier)
    held = services.consultation_open(user=world.staff, title="Đã xong", slug="da-xong", lines=dossier.lines.all(),
                                      published_on=datetime.date(2026, 3, 2))
    open_one = services.consultation_open(user=world.staff, title="Đang lấy ý kiến", slug="dang-lay-y-kien",
                                          lines=dossier.lines.all(),
                                          published_on=timezone.localdate() + datetime.timedelta(days=1))
    before, held_dates = open_one.ends_on, (held.starts_on, held.ends_on)
    day_off = open_one.starts_on  # a working day inside the period, given off by a notice
    change = services.working_day_change_save(change=WorkingDayChange(day=day_off, is_working_day=False,
                                                                      note="Nghỉ bù"))
    open_one.refresh_from_db()
    held.refresh_from_db()
    assert open_one.starts_on > day_off and open_one.ends_on > before
    assert workdays.working_days_between(open_one.starts_on, open_one.ends_on) == 10
    assert (held.starts_on, held.ends_on) == held_dates  # a closed consultation keeps its dates
    services.working_day_change_delete(changes=[change])
    open_one.refresh_from_db()
    assert open_one.ends_on == before


def _to_appraisal(world, dossier):
    services.dossier_submit(user=world.locbinh, dossier=dossier, confirm=True)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.RECEIVED)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.APPRAISAL)


def test_state_award_nominees_go_to_the_council_after_a_consultation(world):
    dossier = make_dossier(world)
    add_line(dossier, world.locbinh, "Lương Văn C", "prime_minister_certificate")
    _to_appraisal(world, dossier)
    with pytest.raises(ValidationError):
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.COUNCIL)
    consultation = services.consultation_open(
        user=world.staff, title="Lấy ý kiến", slug="lay-y-kien", lines=dossier.lines.all(),
        published_on=timezone.localdate() - datetime.timedelta(days=30))
    dossier.refresh_from_db()
    assert dossier.state == S.CONSULTATION and consultation.ends_on < timezone.localdate()
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.COUNCIL)


def test_comments_only_while_open_and_rate_limited(world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.locbinh, "Lương Văn C", "prime_minister_certificate")
    _to_appraisal(world, dossier)
    consultation = services.consultation_open(user=world.staff, title="Lấy ý kiến", slug="y-kien",
                                              lines=[line], published_on=timezone.localdate())
    # comments are taken from publication on; not after the end date
    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_on=today - datetime.timedelta(days=1), starts_on=today - datetime.timedelta(days=9),
        published_on=today - datetime.timedelta(days=10))
    consultation.refresh_from_db()
    with pytest.raises(ValidationError):
        services.comment_add(consultation=consultation, name="A", contact="a@example.invalid", text="x",
                             address="1.2.3.4")
    Consultation.objects.filter(pk=consultation.pk).update(ends_on=timezone.localdate())
    consultation.refresh_from_db()
    for _n in range(3):
        services.comment_add(consultation=consultation, name="A", contact="a@example.invalid", text="Ý kiến",
                             address="1.2.3.4", line=line)
    with pytest.raises(ValidationError):
        services.comment_add(consultation=consultation, name="A", contact="a@example.invalid", text="x",
                             address="1.2.3.4")
    comment = services.comment_add(consultation=consultation, name="B", contact="0912", text="y",
                                   address="5.6.7.8")
    services.comment_answer(user=world.staff, comment=comment, answer="Cảm ơn")
    assert comment.answered_by == world.staff


def test_vote_decides_each_line_and_decision_traces_back(world):
    dossier = make_dossier(world)
    good = add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate", gender="female")
    weak = add_line(dossier, world.locbinh, "Nông Văn Dũng", "provincial_certificate")
    _to_appraisal(world, dossier)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.COUNCIL)
    with pytest.raises(ValidationError):
        services.dossier_step(user=world.staff, dossier=dossier, to_state=S.VOTED)
    day = datetime.date(2025, 12, 20)
    vote = services.vote_record(user=world.staff, line=good, voted_on=day, members_total=15, members_present=13,
                                votes_for=10)
    assert vote.passed and vote.required_votes == 8
    vote = services.vote_record(user=world.staff, line=weak, voted_on=day, members_total=15, members_present=13,
                                votes_for=7)
    assert not vote.passed
    weak.refresh_from_db()
    assert weak.outcome == LineOutcome.NOT_APPROVED and "8" in weak.outcome_reason
    with pytest.raises(ValidationError):  # more votes than ballots
        services.vote_record(user=world.staff, line=good, voted_on=day, members_total=15, members_present=10,
                             votes_for=12, written_votes=1)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.VOTED)
    good.refresh_from_db()
    with pytest.raises(ValidationError):  # a refused line is never drafted
        services.decision_draft(user=world.staff, lines=[weak], issuer_role=world.chair,
                                issuer_unit=world.province, subject_line="Về việc tặng Bằng khen")
    decision = services.decision_draft(user=world.staff, lines=[good], issuer_role=world.chair,
                                       issuer_unit=world.province, subject_line="Về việc tặng Bằng khen")
    dossier.refresh_from_db()
    good.refresh_from_db()
    assert decision.is_draft and not decision.is_published and decision.number is None
    assert dossier.state == S.PROPOSED and good.decision_line.decision == decision
    assert good.person is not None and good.decision_line.person == good.person
    assert list(decision.based_on.all()) == [dossier.proposal_memo]
    assert not Decision.objects.published().filter(pk=decision.pk).exists()
    services.decision_sign(user=world.staff, decision=decision, number=2345, symbol="QĐ-UBND",
                           signed_on=datetime.date(2025, 12, 28), confirm=True)
    good.refresh_from_db()
    dossier.refresh_from_db()
    assert good.outcome == LineOutcome.DECIDED and decision.number_text == "2345/QĐ-UBND"
    assert dossier.state == S.DECIDED and dossier.decided_at
    assert DecisionLine.objects.get(nominee_line=good).decision.is_signed


def test_signing_checks_the_rules_of_its_date(world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    _to_appraisal(world, dossier)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.COUNCIL)
    services.vote_record(user=world.staff, line=line, voted_on=datetime.date(2025, 12, 20), members_total=9,
                         members_present=9, votes_for=9)
    services.dossier_step(user=world.staff, dossier=dossier, to_state=S.VOTED)
    decision = services.decision_draft(user=world.staff, lines=[line], issuer_role=world.chair,
                                       issuer_unit=world.province, subject_line="Về việc tặng Bằng khen")
    # an ordinary officer never signs
    with pytest.raises(PermissionDenied):
        services.decision_sign(user=world.locbinh, decision=decision, number=1, symbol="QĐ-UBND",
                               signed_on=datetime.date(2025, 12, 28))
    try:
        services.decision_sign(user=world.staff, decision=decision, number=1, symbol="QĐ-UBND",
                               signed_on=datetime.date(2025, 12, 28))
    except ConfirmationRequired:
        decision.refresh_from_db()
        assert decision.is_draft  # nothing was signed


def test_staff_edit_the_content_of_paper_dossiers_only(world):
    filed = make_dossier(world)
    line = add_line(filed, world.locbinh, "Hoàng Thị Hoa", "provincial_certificate")
    line.title_text = "Đổi bởi Sở"
    with pytest.raises(ValidationError):  # a unit's own dossier is the unit's to write
        services.line_save(user=world.staff, line=line)
    paper = make_dossier(world, user=world.staff)
    add_line(paper, world.staff, "Lương Văn C", "provincial_certificate")
    # a paper dossier with a warning is submitted through the step, confirming it
    services.dossier_step(user=world.staff, dossier=paper, to_state=S.SUBMITTED, confirm=True)
    assert paper.state == S.SUBMITTED


def test_a_dossier_is_addressed_to_the_provinces_peoples_committee_by_default(world):
    dossier = services.dossier_create(user=world.locbinh, unit=world.loc_binh, achievement_year=2025,
                                      summary="Đề nghị tặng Bằng khen")
    assert dossier.addressed_unit == world.province and dossier.addressed_role == world.chair
