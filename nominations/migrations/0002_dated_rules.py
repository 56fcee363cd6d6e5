"""The dated rules of the nomination path as data: the council's vote thresholds (R7) and the
deadlines of proposals (R12). Staff change them in the admin; these are the defaults."""

import datetime
from decimal import Decimal

from django.db import migrations

FROM_2024 = datetime.date(2024, 1, 1)
VOTE_BASIS = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7; Nghị định 152/2025/NĐ-CP"
THRESHOLDS = [
    # award code (None: every other award), share of all members, strictly more than
    ("hero_labour", "90", False), ("hero_armed_forces", "90", False),
    ("national_emulation_fighter", "90", False), ("provincial_emulation_fighter", "90", False),
    ("government_emulation_flag", "80", False), ("provincial_emulation_flag", "80", False),
    ("grassroots_emulation_fighter", "80", False),
    (None, "50", True),
]
DEADLINES = [
    # kind, award code (None: the kind's default), day, month, years after the achievement year, basis
    ("regular", None, 10, 12, 0, "Kế hoạch công tác thi đua, khen thưởng của tỉnh: đề nghị trước ngày 10/12"),
    ("term", None, 10, 12, 0, "Kế hoạch công tác thi đua, khen thưởng của tỉnh: đề nghị trước ngày 10/12"),
    ("regular", "national_emulation_fighter", 31, 12, 1, "Nghị định 98/2023/NĐ-CP, Điều 32"),
    ("regular", "government_emulation_flag", 30, 6, 1, "Nghị định 98/2023/NĐ-CP, Điều 32"),
]


def load(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    VoteThreshold = apps.get_model("nominations", "VoteThreshold")
    Deadline = apps.get_model("nominations", "Deadline")
    awards = {a.code: a for a in Award.objects.all()}
    for code, percent, more_than in THRESHOLDS:
        if code and code not in awards:
            continue
        VoteThreshold.objects.get_or_create(
            award=awards.get(code) if code else None, valid_from=FROM_2024,
            defaults={"percent": Decimal(percent), "more_than": more_than, "basis": VOTE_BASIS})
    for kind, code, day, month, years_after, basis in DEADLINES:
        if code and code not in awards:
            continue
        Deadline.objects.get_or_create(
            kind=kind, award=awards.get(code) if code else None, valid_from=FROM_2024,
            defaults={"day": day, "month": month, "years_after": years_after, "basis": basis})


class Migration(migrations.Migration):
    dependencies = [("nominations", "0001_initial"), ("awards", "0013_decision_draft")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
