# The public list's order on columns without nulls, so its deep pages are read by key.

import datetime

from django.db import migrations, models
from django.db.models import F


def fill_sort_keys(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    Decision.objects.exclude(signed_on=None).update(sort_date=F("signed_on"))
    # an undated decision sorts on 1 January of the year it is counted in
    for year in Decision.objects.filter(signed_on=None).exclude(statistics_year=None).values_list(
            "statistics_year", flat=True).distinct():
        Decision.objects.filter(signed_on=None, statistics_year=year).update(sort_date=datetime.date(year, 1, 1))
    Decision.objects.exclude(number=None).update(sort_number=F("number"))


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0015_decision_draft_unsigned'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='decision',
            options={'ordering': ['-signed_on_known', '-sort_date', '-sort_number', '-id'], 'verbose_name': 'decision', 'verbose_name_plural': 'decisions'},
        ),
        migrations.RemoveIndex(
            model_name='decision',
            name='decision_public_idx',
        ),
        migrations.AddField(
            model_name='decision',
            name='sort_date',
            field=models.DateField(default=datetime.date(1, 1, 1), editable=False),
        ),
        migrations.AddField(
            model_name='decision',
            name='sort_number',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=models.Index(fields=['is_published', '-signed_on_known', '-sort_date', '-sort_number', '-id'], name='decision_public_idx'),
        ),
        # last: PostgreSQL refuses schema changes to a table with pending trigger events
        migrations.RunPython(fill_sort_keys, migrations.RunPython.noop),
    ]
