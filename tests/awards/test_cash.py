"""R10, cash: a household gets 1.5 times the individual's amount where the rule says so, a
relative factor stored as data in the dated rules, not code."""

import datetime
from decimal import Decimal

import pytest

from awards.models import AwardRule, SubjectType

from .conftest import individual

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 12, 1)


def _household(award):
    from awards.models import Household

    household = Household.objects.create(head_name="Hoàng Văn Tài")
    return {"subject_type": SubjectType.HOUSEHOLD, "household": household, "name_text": "Hộ ông Hoàng Văn Tài",
            "award": award}


def test_R10_household_cash_is_a_factor_of_the_individual_amount_kept_in_the_rules(issue, awards, people, roles):
    certificate = awards["provincial_certificate"]
    household_rule = AwardRule.objects.valid_on(DAY).get(award=certificate, subject_type="household",
                                                         issuer_role=roles["provincial_chair"])
    assert (household_rule.cash_relative_award, household_rule.cash_relative_subject,
            household_rule.cash_relative_factor) == (certificate, "individual", Decimal("1.50"))
    assert household_rule.cash_multiplier is None and "152/2025" in household_rule.cash_legal_basis
    # the individual's multiplier is not known: neither is the household's
    line = issue([_household(certificate)], signed_on=DAY, achievement_year=2025).lines.get()
    assert line.cash_amount is None

    # once the rule for individuals gives one, the household's follows from the data
    AwardRule.objects.valid_on(DAY).filter(award=certificate, subject_type="individual",
                                           issuer_role=roles["provincial_chair"]).update(cash_multiplier=Decimal("1"))
    decision = issue([individual(people["hoa"], certificate), _household(certificate)], signed_on=DAY,
                     achievement_year=2024)
    person_line, household_line = decision.lines.order_by("order")
    assert person_line.cash_amount == 2_340_000
    assert household_line.cash_multiplier == Decimal("1.50")
    assert household_line.cash_amount == 3_510_000
