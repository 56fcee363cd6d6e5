"""The rules as data, each row with the article and clause it comes from (issue 13):

- who may grant what (the AwardRule rows of 0002) names its article and clause per authority, and
  each award the article it rests on;
- a household's cash is 1.5 times the individual's amount of the same award (NĐ 152/2025), a
  factor of another rule's amount, not code;
- the issuing authorities say which administrative level of body they sign for;
- the standards and prerequisites of the titles (domain.md R6), dated, with their thresholds:
  more than 50 % of the members Lao động tiên tiến before 2024, at least 70 % since; the 15 %
  quota of Chiến sĩ thi đua cơ sở (to 2023) is loaded switched off, as R6 says.

Lines recorded before revocations had dates: an in-force line keeps no revoking decision, and a
revoked line takes its decision's revocation date. Frozen here, like 0002, so that it replays
the same way forever; later changes are new migrations or admin edits."""

import datetime
from decimal import Decimal

from django.db import migrations, models

LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"
LAW_2003 = "Luật Thi đua, khen thưởng 15/2003/QH11 (sửa đổi, bổ sung năm 2013)"
DECREE_129 = "Nghị định 129/2025/NĐ-CP, Điều 59"
DECREE_152_CASH = "Nghị định 152/2025/NĐ-CP, Điều 50–54"

# the article (and clause) of Luật 06/2022/QH15 giving each authority its powers (domain.md R5)
POWERS = {
    "president": f"{LAW_2022}, Điều 77 (chưa đối chiếu)",
    "government": f"{LAW_2022}, Điều 78, khoản 1",
    "prime_minister": f"{LAW_2022}, Điều 78, khoản 2",
    "provincial_chair": f"{LAW_2022}, Điều 79",
    "unit_head": f"{LAW_2022}, Điều 80, khoản 1",
    "district_chair": f"{LAW_2022}, Điều 80, khoản 2",
    "commune_chair": f"{LAW_2022}, Điều 80, khoản 3",
    "enterprise_director": f"{LAW_2022}, Điều 80, khoản 4",
    "board_chair": f"{LAW_2022}, Điều 80, khoản 4",
}
SWITCH = datetime.date(2025, 7, 1)
# the district chair's powers the commune chair took on 01/07/2025
TAKEN_OVER = {"cultural_village", "advanced_labour_collective", "grassroots_emulation_fighter"}
HOUSEHOLD_RELATIVE = ("prime_minister_certificate", "provincial_certificate", "certificate_of_commendation")

ADMIN_LEVELS = {"provincial_chair": "province", "district_chair": "district", "commune_chair": "commune"}

OLD_LAW_FROM = datetime.date(2004, 4, 1)
NEW_LAW_FROM = datetime.date(2024, 1, 1)
OLD_LAW_TO = datetime.date(2023, 12, 31)

# code, award, kind, required award, count, max gap, threshold, inclusive, enabled, from, to, basis
STANDARDS = [
    ("R6.cstd-tinh-streak", "provincial_emulation_fighter", "streak", "grassroots_emulation_fighter", 3, 1,
     None, True, True, OLD_LAW_FROM, OLD_LAW_TO, f"{LAW_2003}, Điều 22"),
    ("R6.cstd-tinh-streak", "provincial_emulation_fighter", "streak", "grassroots_emulation_fighter", 3, 1,
     None, True, True, NEW_LAW_FROM, None, f"{LAW_2022}, Điều 22, khoản 1"),
    # given on a three-year cycle: the earlier title at most three achievement years before the later
    ("R6.cstd-toan-quoc-streak", "national_emulation_fighter", "streak", "provincial_emulation_fighter", 2, 3,
     None, True, True, OLD_LAW_FROM, OLD_LAW_TO, f"{LAW_2003}, Điều 21"),
    ("R6.cstd-toan-quoc-streak", "national_emulation_fighter", "streak", "provincial_emulation_fighter", 2, 3,
     None, True, True, NEW_LAW_FROM, None, f"{LAW_2022}, Điều 21, khoản 1"),
    ("R6.cstdcs-ldtt", "grassroots_emulation_fighter", "same_year", "advanced_worker", None, None,
     None, True, True, OLD_LAW_FROM, OLD_LAW_TO, f"{LAW_2003}, Điều 23"),
    ("R6.cstdcs-ldtt", "grassroots_emulation_fighter", "same_year", "advanced_worker", None, None,
     None, True, True, NEW_LAW_FROM, None, f"{LAW_2022}, Điều 23"),
    ("R6.ttldtt-share", "advanced_labour_collective", "member_share", "advanced_worker", None, None,
     Decimal("50"), False, True, OLD_LAW_FROM, OLD_LAW_TO, f"{LAW_2003}, Điều 28"),
    ("R6.ttldtt-share", "advanced_labour_collective", "member_share", "advanced_worker", None, None,
     Decimal("70"), True, True, NEW_LAW_FROM, None, f"{LAW_2022}, Điều 28"),
    ("R6.ttldxs-share", "excellent_labour_collective", "member_share", "advanced_worker", None, None,
     Decimal("50"), False, True, OLD_LAW_FROM, OLD_LAW_TO, f"{LAW_2003}, Điều 27"),
    ("R6.ttldxs-share", "excellent_labour_collective", "member_share", "advanced_worker", None, None,
     Decimal("70"), True, True, NEW_LAW_FROM, None, f"{LAW_2022}, Điều 27, khoản 2"),
    # at most 15 % of the Lao động tiên tiến: a warning, switched off by default (domain.md R6)
    ("R6.cstdcs-quota", "grassroots_emulation_fighter", "quota", "advanced_worker", None, None,
     Decimal("15"), True, False, datetime.date(2017, 7, 31), OLD_LAW_TO, "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3"),
    ("R6.co-tinh", "provincial_emulation_flag", "leads_cluster", None, None, None,
     None, True, True, OLD_LAW_FROM, OLD_LAW_TO, f"{LAW_2003}, Điều 26"),
    ("R6.co-tinh", "provincial_emulation_flag", "leads_cluster", None, None, None,
     None, True, True, NEW_LAW_FROM, None, f"{LAW_2022}, Điều 26, khoản 1"),
]


def load(apps, schema_editor):
    from portal.core.text import fold

    Award = apps.get_model("awards", "Award")
    AwardRule = apps.get_model("awards", "AwardRule")
    IssuerRole = apps.get_model("awards", "IssuerRole")
    Standard = apps.get_model("awards", "Standard")
    DecisionLine = apps.get_model("awards", "DecisionLine")

    for code, level in ADMIN_LEVELS.items():
        IssuerRole.objects.filter(code=code).update(admin_level=level)

    # the article each award rests on: the titles (Điều 19–20), the forms (Điều 9); the honours
    # outside the law (custom) have none
    for award in Award.objects.all():
        if award.category == "custom":
            award.legal_basis = ""
        elif award.category == "emulation_title":
            award.legal_basis = f"{LAW_2022}, Điều 19–20"
        else:
            award.legal_basis = f"{LAW_2022}, Điều 9"
        award.save(update_fields=["legal_basis"])

    for rule in AwardRule.objects.select_related("issuer_role", "award"):
        basis = POWERS.get(rule.issuer_role.code, rule.legal_basis)
        if rule.issuer_role.code == "commune_chair" and rule.valid_from >= SWITCH and rule.award.code in TAKEN_OVER:
            basis = DECREE_129
        rule.legal_basis = basis
        if rule.cash_multiplier is not None:
            rule.cash_legal_basis = DECREE_152_CASH
        if (rule.valid_from >= SWITCH and rule.subject_type == "household" and rule.cash_multiplier is None
                and rule.award.code in HOUSEHOLD_RELATIVE):
            rule.cash_relative_award = rule.award
            rule.cash_relative_subject = "individual"
            rule.cash_relative_factor = Decimal("1.5")
            rule.cash_legal_basis = DECREE_152_CASH
        rule.search_text = fold(f"{rule.legal_basis} {rule.note}")  # what AwardRule.save() keeps
        rule.save()

    awards = {a.code: a for a in Award.objects.all()}
    for (code, award, kind, required, count, gap, threshold, inclusive, enabled, valid_from, valid_to,
         basis) in STANDARDS:
        Standard.objects.update_or_create(
            code=code, award=awards[award], valid_from=valid_from,
            defaults={"kind": kind, "required_award": awards.get(required), "count": count, "max_gap_years": gap,
                      "threshold": threshold, "threshold_inclusive": inclusive, "is_enabled": enabled,
                      "valid_to": valid_to, "legal_basis": basis},
        )

    # revocations recorded before lines had their own dates
    DecisionLine.objects.filter(status="in_force").exclude(revoked_by=None).update(revoked_by=None)
    for line in DecisionLine.objects.filter(status="revoked", revoked_on=None).select_related(
            "decision", "revoked_by"):
        line.revoked_on = line.decision.revoked_on or (line.revoked_by.signed_on if line.revoked_by else None)
        if line.revoked_on:
            line.save(update_fields=["revoked_on"])


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_rules_as_data")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="decisionline",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "revoked"),
                                   models.Q(("revoked_by__isnull", True), ("revoked_on__isnull", True)),
                                   _connector="OR"),
                name="decisionline_revocation_consistent",
                violation_error_message="A line in force has no revocation.",
            ),
        ),
    ]
