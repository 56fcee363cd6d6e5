"""The rules of decision_issue, each with a test that fails without it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from awards.models import AwardType, Decision, DecisionLine, RecordStatus, SubjectType
from awards.services import ConfirmationRequired, cash_amount, decision_lines_check, decision_revoke

from .conftest import collective, individual

pytestmark = pytest.mark.django_db


def test_authority_without_the_power_is_refused_naming_the_line_and_saving_nothing(issue, awards, people, units, roles):
    lines = [
        individual(people["hoa"], awards["provincial_certificate"]),
        individual(people["binh"], awards["advanced_worker"]),
        # a Chủ tịch UBND tỉnh does not grant Cờ thi đua của Chính phủ
        collective(units["village"], awards["government_emulation_flag"]),
    ]
    with pytest.raises(ValidationError) as excinfo:
        issue(lines)
    messages = excinfo.value.messages
    assert len(messages) == 2  # LĐTT is not the chair's either (heads of units grant it)
    assert messages[0].startswith("Dòng 2:")
    assert messages[1].startswith("Dòng 3:")
    assert "Cờ thi đua của Chính phủ" in messages[1]
    assert Decision.objects.count() == 0
    assert DecisionLine.objects.count() == 0


def test_authority_with_the_power_is_accepted(issue, awards, people, units):
    decision = issue([
        individual(people["hoa"], awards["provincial_certificate"], person_category="direct_worker", gender="female"),
        collective(units["village"], awards["provincial_certificate"], is_small_collective=True),
    ])
    assert decision.lines.count() == 2


def test_without_rules_loaded_for_the_date_a_warning_requires_confirmation(issue, awards, people, units, roles):
    fields = {"signed_on": datetime.date(2017, 12, 20), "achievement_year": 2017}
    lines = [individual(people["hoa"], awards["advanced_worker"])]  # not the chair's power from 2024
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue(lines, **fields)
    assert [w.code for w in excinfo.value.warnings] == ["R5.no-rules-loaded"]
    assert Decision.objects.count() == 0
    decision = issue(lines, confirm=True, **fields)
    assert decision.lines.count() == 1


def test_same_subject_same_award_same_year_is_refused_within_a_decision(issue, awards, people):
    line = individual(people["hoa"], awards["provincial_certificate"])
    with pytest.raises(ValidationError) as excinfo:
        issue([line, dict(line)])
    assert excinfo.value.messages[0].startswith("Dòng 2:")


def test_same_subject_same_award_same_year_is_refused_across_decisions(issue, awards, people):
    issue([individual(people["hoa"], awards["provincial_certificate"])], number_text="10/QĐ-UBND")
    with pytest.raises(ValidationError) as excinfo:
        issue([individual(people["hoa"], awards["provincial_certificate"])])
    assert "10/QĐ-UBND" in excinfo.value.messages[0]
    # another year is another achievement
    issue([individual(people["hoa"], awards["provincial_certificate"])], achievement_year=2023)


def test_a_revoked_award_does_not_block_a_new_one(issue, awards, people):
    first = issue([individual(people["hoa"], awards["provincial_certificate"])])
    decision_revoke(decision=first, revoked_by=None, revoked_on=datetime.date(2025, 1, 5))
    second = issue([individual(people["hoa"], awards["provincial_certificate"])])
    assert second.lines.count() == 1


def test_provincial_fighter_without_three_consecutive_grassroots_titles_warns(issue, awards, people, units, roles):
    lines = [individual(people["hoa"], awards["provincial_emulation_fighter"])]
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue(lines)
    assert [w.code for w in excinfo.value.warnings] == ["R6.cstd-tinh-streak"]
    assert str(excinfo.value.warnings[0]).startswith("Dòng 1:")


def test_provincial_fighter_after_three_consecutive_merit_grassroots_titles_needs_no_confirmation(
    issue, awards, people, units, roles
):
    for year in (2022, 2023, 2024):
        issue([individual(people["hoa"], awards["grassroots_emulation_fighter"])], achievement_year=year,
              issuer_role=roles["unit_head"], issuer_unit=units["department"], signed_on=datetime.date(2024, 12, 1),
              confirm=True)  # no Lao động tiên tiến on record: confirmed
    decision = issue([individual(people["hoa"], awards["provincial_emulation_fighter"])])
    assert decision.lines.count() == 1


def test_only_merit_titles_count_toward_the_streak(issue, awards, people, roles, units):
    for year, award_type in ((2022, AwardType.MERIT), (2023, AwardType.AD_HOC), (2024, AwardType.MERIT)):
        issue([individual(people["hoa"], awards["grassroots_emulation_fighter"])], achievement_year=year,
              award_type=award_type, issuer_role=roles["unit_head"], issuer_unit=units["department"],
              signed_on=datetime.date(2024, 12, 1), confirm=True)
    with pytest.raises(ConfirmationRequired):
        issue([individual(people["hoa"], awards["provincial_emulation_fighter"])])


def test_national_fighter_without_two_provincial_titles_warns(issue, awards, people, roles, units):
    lines = [individual(people["hoa"], awards["national_emulation_fighter"])]
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue(lines, issuer_role=roles["prime_minister"], issuer_unit=units["central"])
    assert [w.code for w in excinfo.value.warnings] == ["R6.cstd-toan-quoc-streak"]


def test_class_is_required_when_the_award_has_classes(issue, awards, people, roles, units):
    order = awards["order_labour"]
    with pytest.raises(ValidationError) as excinfo:
        issue([individual(people["hoa"], order)], issuer_role=roles["president"], issuer_unit=units["central"])
    assert "hạng" in excinfo.value.messages[0]
    decision = issue([individual(people["hoa"], order, award_class=order.classes.get(code="third"))],
                     issuer_role=roles["president"], issuer_unit=units["central"])
    assert decision.lines.get().award_class.name == "Hạng Ba"


def test_class_is_refused_when_the_award_has_none(issue, awards, people):
    other_class = awards["order_labour"].classes.first()
    with pytest.raises(ValidationError):
        issue([individual(people["hoa"], awards["provincial_certificate"], award_class=other_class)])


def test_a_line_must_name_exactly_one_subject_in_the_database(issue, awards, people, units):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionLine.objects.create(
            decision=decision, subject_type=SubjectType.INDIVIDUAL, person=people["binh"], unit=units["village"],
            name_text="x", award=awards["provincial_certificate"],
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionLine.objects.create(
            decision=decision, subject_type=SubjectType.COLLECTIVE, name_text="x",
            award=awards["provincial_certificate"],
        )


def test_on_1_july_2025_district_chair_giay_khen_is_refused_and_commune_chair_accepted(
    issue, awards, people, units, roles
):
    day = datetime.date(2025, 7, 1)
    line = individual(people["hoa"], awards["certificate_of_commendation"])
    with pytest.raises(ValidationError) as excinfo:
        issue([line], signed_on=day, achievement_year=2025, issuer_role=roles["district_chair"],
              issuer_unit=units["ubnd_xa"])
    assert "Chủ tịch UBND huyện" in excinfo.value.messages[0]
    decision = issue([line], signed_on=day, achievement_year=2025, issuer_role=roles["commune_chair"],
                     issuer_unit=units["ubnd_xa"])
    assert decision.lines.count() == 1


def test_on_30_june_2025_district_chair_still_grants_giay_khen(issue, awards, people, units, roles):
    decision = issue([individual(people["hoa"], awards["certificate_of_commendation"])],
                     signed_on=datetime.date(2025, 6, 30), achievement_year=2025,
                     issuer_role=roles["district_chair"], issuer_unit=units["ubnd_huyen"])
    assert decision.lines.count() == 1


def test_subject_that_did_not_exist_on_the_signing_date_warns(issue, awards, units, roles):
    units["village"].valid_from = datetime.date(2025, 1, 1)
    units["village"].save()
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue([collective(units["village"], awards["provincial_certificate"])])
    assert [w.code for w in excinfo.value.warnings] == ["D4.subject-not-existing"]


def test_cash_is_multiplier_times_base_salary_at_the_signing_date(issue, awards, units, roles):
    decision = issue([collective(units["village"], awards["provincial_certificate"])],
                     signed_on=datetime.date(2025, 12, 1), achievement_year=2025)
    line = decision.lines.get()
    assert line.cash_multiplier == Decimal("3.00")
    assert line.base_salary == 2_340_000
    assert line.cash_amount == 7_020_000


def test_cash_stays_empty_where_the_multiplier_is_unknown(issue, awards, people):
    line = issue([individual(people["hoa"], awards["provincial_certificate"])]).lines.get()
    assert line.cash_multiplier is None and line.cash_amount is None


def test_cash_amount_rounds_to_the_dong():
    assert cash_amount(Decimal("0.3"), 1_390_001) == 417_000
    assert cash_amount(Decimal("0.25"), 1_390_002) == 347_501


def test_check_mode_saves_nothing_and_reports_structured_problems(awards, people, units, roles):
    decision = Decision(signed_on=datetime.date(2024, 5, 1), issuer_role=roles["district_chair"],
                        issuer_unit=units["ubnd_huyen"], achievement_year=2023)
    lines = [DecisionLine(subject_type="individual", person=people["hoa"], name_text="Hoa",
                          award=awards["provincial_emulation_flag"])]
    check = decision_lines_check(decision=decision, lines=lines)
    assert {p.code for p in check.errors} == {"R5.subject-kind", "R5.no-authority"}
    assert all(p.index == 0 for p in check.errors)
    assert Decision.objects.count() == 0


def test_revoking_marks_the_decision_and_its_lines(issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    revoker = issue([individual(people["binh"], awards["provincial_certificate"])])
    decision_revoke(decision=decision, revoked_by=revoker, revoked_on=datetime.date(2025, 2, 1))
    decision.refresh_from_db()
    assert decision.status == RecordStatus.REVOKED
    assert decision.lines.get().status == RecordStatus.REVOKED


def test_decision_number_is_unique_per_issuer_and_year(issue, awards, people):
    issue([individual(people["hoa"], awards["provincial_certificate"])], number=163, number_text="163/QĐ-UBND")
    with pytest.raises(ValidationError):
        issue([individual(people["binh"], awards["provincial_certificate"])], number=163, number_text="163/QĐ-UBND")


def test_a_decision_cannot_be_revoked_before_it_was_signed(issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    with pytest.raises(ValidationError):
        decision_revoke(decision=decision, revoked_by=None, revoked_on=datetime.date(2020, 1, 1))
