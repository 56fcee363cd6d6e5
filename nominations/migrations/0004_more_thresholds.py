"""R7 names "Anh hùng" and "the Cờ" as kinds: the hero titles of a province or a city and the
province's "Cờ thi đua xuất sắc" are among them, and fell to "more than half" in 0002."""

import datetime
from decimal import Decimal

from django.db import migrations

FROM_2024 = datetime.date(2024, 1, 1)
VOTE_BASIS = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7; Nghị định 152/2025/NĐ-CP"
THRESHOLDS = [("hero_province", "90"), ("hero_city", "90"), ("excellent_emulation_flag", "80")]


def load(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    VoteThreshold = apps.get_model("nominations", "VoteThreshold")
    awards = {a.code: a for a in Award.objects.filter(code__in=[code for code, _percent in THRESHOLDS])}
    for code, percent in THRESHOLDS:
        if code in awards:
            VoteThreshold.objects.get_or_create(
                award=awards[code], valid_from=FROM_2024,
                defaults={"percent": Decimal(percent), "more_than": False, "basis": VOTE_BASIS})


class Migration(migrations.Migration):
    dependencies = [("nominations", "0003_labels")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
