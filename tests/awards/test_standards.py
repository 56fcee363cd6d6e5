"""R5 and R6 as issue 13 states them: the dated standards of the titles (rows with their legal
basis), the signer's role against the issuing body, the achievement year against the date."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from awards.models import Decision, Standard
from awards.services import ConfirmationRequired

from .conftest import collective, individual

pytestmark = pytest.mark.django_db


def _codes(excinfo):
    return [w.code for w in excinfo.value.warnings]


@pytest.fixture
def grant(issue, roles, units):
    """A title granted by the head of a department (heads of units grant LĐTT, CSTĐCS, TTLĐTT)."""

    def _grant(lines, year, **fields):
        fields.setdefault("signed_on", datetime.date(year, 12, 1))  # the rules of the signing date apply
        return issue(lines, achievement_year=year, issuer_role=roles["unit_head"], issuer_unit=units["department"],
                     **fields)

    return _grant


# --- R6: CSTĐ toàn quốc -----------------------------------------------------------------------------


@pytest.fixture
def national(issue, roles, units):
    def _national(person, award, **fields):
        return issue([individual(person, award)], achievement_year=2024, issuer_role=roles["prime_minister"],
                     issuer_unit=units["central"], **fields)

    return _national


def _provincial_titles(issue, people, awards, years):
    for year in years:
        issue([individual(people["hoa"], awards["provincial_emulation_fighter"])], achievement_year=year,
              signed_on=datetime.date(max(year, 2024), 12, 1), confirm=True)


def test_R6_cstd_toan_quoc_needs_two_consecutive_provincial_titles_the_later_in_the_achievement_year(
    issue, national, people, awards
):
    # two provincial titles within six years, neither for the achievement year: not enough
    _provincial_titles(issue, people, awards, [2018, 2021])
    with pytest.raises(ConfirmationRequired) as excinfo:
        national(people["hoa"], awards["national_emulation_fighter"])
    assert _codes(excinfo) == ["R6.cstd-toan-quoc-streak"]
    assert "Điều 21" in excinfo.value.warnings[0].basis


def test_R6_cstd_toan_quoc_after_consecutive_provincial_titles_needs_no_confirmation(issue, national, people, awards):
    _provincial_titles(issue, people, awards, [2021, 2024])  # one cycle apart, the later in 2024
    decision = national(people["hoa"], awards["national_emulation_fighter"])
    assert decision.lines.count() == 1


def test_R6_cstd_toan_quoc_with_a_missed_cycle_between_the_titles_warns(issue, national, people, awards):
    _provincial_titles(issue, people, awards, [2017, 2024])
    with pytest.raises(ConfirmationRequired) as excinfo:
        national(people["hoa"], awards["national_emulation_fighter"])
    assert _codes(excinfo) == ["R6.cstd-toan-quoc-streak"]


# --- R6: CSTĐ cơ sở needs Lao động tiên tiến of the same year ----------------------------------------


def test_R6_cstdcs_without_ldtt_of_the_same_year_on_record_warns(grant, people, awards):
    with pytest.raises(ConfirmationRequired) as excinfo:
        grant([individual(people["hoa"], awards["grassroots_emulation_fighter"])], 2024)
    assert _codes(excinfo) == ["R6.cstdcs-ldtt"]
    assert "Lao động tiên tiến" in excinfo.value.warnings[0].message
    # granted outside the portal: a confirmation is enough
    grant([individual(people["hoa"], awards["grassroots_emulation_fighter"])], 2024, confirm=True)


def test_R6_cstdcs_with_ldtt_of_the_same_year_needs_no_confirmation(grant, people, awards):
    grant([individual(people["hoa"], awards["advanced_worker"])], 2024)
    decision = grant([individual(people["hoa"], awards["grassroots_emulation_fighter"])], 2024)
    assert decision.lines.count() == 1
    # in the same decision counts too
    decision = grant([individual(people["binh"], awards["advanced_worker"]),
                      individual(people["binh"], awards["grassroots_emulation_fighter"])], 2024)
    assert decision.lines.count() == 2


# --- R6: the share of members who are Lao động tiên tiến ---------------------------------------------


@pytest.mark.parametrize("award, year, share, warns", [
    ("advanced_labour_collective", 2024, "69.99", True),
    ("advanced_labour_collective", 2024, "70", False),
    ("advanced_labour_collective", 2023, "50", True),  # "more than 50 %" before 2024
    ("advanced_labour_collective", 2023, "50.5", False),
    ("advanced_labour_collective", 2024, None, True),  # unknown
    ("excellent_labour_collective", 2024, "65", True),
    ("excellent_labour_collective", 2024, "80", False),
])
def test_R6_collective_titles_need_the_share_of_members_who_are_ldtt(issue, grant, roles, units, awards, award,
                                                                      year, share, warns):
    line = collective(units["village"], awards[award], member_count=20,
                      advanced_worker_share=Decimal(share) if share else None)
    if award == "excellent_labour_collective":
        run = lambda **kw: issue([line], achievement_year=year,  # noqa: E731 (the chair grants TTLĐXS)
                                 signed_on=datetime.date(year, 12, 20), **kw)
    else:
        run = lambda **kw: grant([line], year, **kw)  # noqa: E731
    if year < 2024:
        with pytest.raises(ConfirmationRequired) as excinfo:  # no powers loaded before 2024: confirmed anyway
            run()
        codes = _codes(excinfo)
        assert ("R6.ttldtt-share" in codes) == warns
        return
    if warns:
        with pytest.raises(ConfirmationRequired) as excinfo:
            run()
        code = "R6.ttldtt-share" if award == "advanced_labour_collective" else "R6.ttldxs-share"
        assert _codes(excinfo) == [code]
    else:
        assert run().lines.get().advanced_worker_share == Decimal(share)


def test_R6_only_a_collective_records_members(issue, awards, people):
    with pytest.raises(ValidationError):
        issue([individual(people["hoa"], awards["provincial_certificate"], member_count=3)])


# --- R6: the 15 % quota of CSTĐ cơ sở, off by default ------------------------------------------------


def test_R6_cstdcs_quota_is_a_warning_off_by_default(grant, people, awards):
    from clusters.models import Person

    workers = [Person.objects.create(full_name=f"Người {i}", slug=f"nguoi-quota-{i}") for i in range(3)]
    lines = [individual(p, awards["advanced_worker"]) for p in workers]
    lines += [individual(p, awards["grassroots_emulation_fighter"]) for p in workers]  # 100 % of the LĐTT
    rows = Standard.objects.filter(code="R6.cstdcs-quota")
    assert rows.exists() and not rows.filter(is_enabled=True).exists()
    signed = datetime.date(2020, 12, 1)
    with pytest.raises(ConfirmationRequired) as excinfo:
        grant(lines, 2020, signed_on=signed)
    assert "R6.cstdcs-quota" not in _codes(excinfo)
    rows.update(is_enabled=True)
    with pytest.raises(ConfirmationRequired) as excinfo:
        grant(lines, 2020, signed_on=signed)
    assert "R6.cstdcs-quota" in _codes(excinfo)
    assert "Nghị định 91/2017/NĐ-CP" in next(w for w in excinfo.value.warnings if w.code == "R6.cstdcs-quota").basis


# --- R5: the signer's role fits the issuing body; the achievement year -------------------------------


def test_R5_a_commune_chair_does_not_sign_for_the_provincial_peoples_committee(issue, awards, people, roles, units):
    with pytest.raises(ValidationError) as refused:
        issue([individual(people["hoa"], awards["certificate_of_commendation"])], issuer_role=roles["commune_chair"],
              signed_on=datetime.date(2025, 8, 1), achievement_year=2025)
    assert any("R5.issuer-level" in m for m in refused.value.messages)
    decision = issue([individual(people["hoa"], awards["certificate_of_commendation"])],
                     issuer_role=roles["commune_chair"], issuer_unit=units["ubnd_xa"],
                     signed_on=datetime.date(2025, 8, 1), achievement_year=2025)
    assert decision.lines.count() == 1


def test_R5_a_body_whose_level_is_not_recorded_asks_for_confirmation(issue, awards, people, roles, units):
    units["ubnd_tinh"].admin_level = ""
    units["ubnd_tinh"].save()
    with pytest.raises(ConfirmationRequired) as excinfo:
        issue([individual(people["hoa"], awards["provincial_certificate"])])
    assert _codes(excinfo) == ["R5.issuer-level-unknown"]


def test_R5_the_achievement_year_cannot_follow_the_signing_year(issue, awards, people, roles, units):
    with pytest.raises(ValidationError) as refused:
        issue([individual(people["hoa"], awards["provincial_certificate"])], achievement_year=2025,
              signed_on=datetime.date(2024, 12, 20))
    assert "achievement_year" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(number=1, number_text="1/QĐ-UBND", signed_on=datetime.date(2024, 1, 5),
                                achievement_year=2025, issuer_role=roles["provincial_chair"],
                                issuer_unit=units["ubnd_tinh"], subject_line="Về việc")
