# The nominee lines of a drafted decision that staff numbered and dated by hand (awards 0015 made it
# a signed decision) are decided, as signing them through the office's page would have done.

from django.db import migrations


def decide_lines_of_signed_decisions(apps, schema_editor):
    NomineeLine = apps.get_model("nominations", "NomineeLine")
    NomineeLine.objects.filter(
        decision_line__decision__is_draft=False, decision_line__decision__number__isnull=False,
        decision_line__decision__signed_on__isnull=False,
    ).exclude(outcome="decided").update(outcome="decided", outcome_reason="")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0015_decision_draft_unsigned"),
        ("nominations", "0006_hold_grounded"),
    ]

    operations = [migrations.RunPython(decide_lines_of_signed_decisions, migrations.RunPython.noop)]
