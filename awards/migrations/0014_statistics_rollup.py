# The statistics roll-up (awards/statistics/models.py), filled from the lines already recorded.

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, F, Q


def fill(apps, schema_editor):
    """What statistics_rollup_rebuild does, with the models as they are at this migration."""
    DecisionLine = apps.get_model("awards", "DecisionLine")
    StatisticsRollup = apps.get_model("awards", "StatisticsRollup")
    alias = schema_editor.connection.alias
    individual, collective = Q(subject_type="individual"), Q(subject_type="collective")
    grouped = (
        DecisionLine.objects.using(alias)
        .filter(status="in_force", decision__is_published=True, decision__status="in_force",
                decision__withdrawn_at__isnull=True)
        .order_by().values("decision_id", "award_id", "subject_type")
        .annotate(n=Count("award"),
                  direct=Count("award", filter=individual & Q(person_category="direct_worker")),
                  small=Count("award", filter=collective & Q(is_small_collective=True)),
                  female=Count("award", filter=individual & Q(gender="female")))
    )
    StatisticsRollup.objects.using(alias).bulk_create(
        [StatisticsRollup(decision_id=r["decision_id"], award_id=r["award_id"], subject_type=r["subject_type"],
                          lines=r["n"], direct_workers=r["direct"], small_collectives=r["small"], women=r["female"])
         for r in grouped.iterator(chunk_size=2000)],
        batch_size=2000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0013_decision_draft"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatisticsRollup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("subject_type", models.CharField(
                    choices=[("individual", "individual"), ("collective", "collective"), ("household", "household")],
                    max_length=20, verbose_name="subject")),
                ("lines", models.PositiveIntegerField(verbose_name="lines counted")),
                ("direct_workers", models.PositiveIntegerField(
                    default=0, help_text="Individuals among them who are direct workers.",
                    verbose_name="direct workers")),
                ("small_collectives", models.PositiveIntegerField(
                    default=0, help_text="Collectives among them that are small collectives.",
                    verbose_name="small collectives")),
                ("women", models.PositiveIntegerField(
                    default=0, help_text="Individuals among them who are women.", verbose_name="women")),
                ("award", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="+", to="awards.award",
                    verbose_name="award")),
                ("decision", models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="+", to="awards.decision",
                    verbose_name="decision")),
            ],
            options={
                "verbose_name": "statistics roll-up row",
                "verbose_name_plural": "statistics roll-up",
                "constraints": [
                    models.UniqueConstraint(fields=("decision", "award", "subject_type"), name="statistics_rollup_key"),
                    models.CheckConstraint(
                        condition=Q(direct_workers__lte=F("lines"), small_collectives__lte=F("lines"),
                                    women__lte=F("lines")),
                        name="statistics_rollup_parts_within_lines"),
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
