# The start time as an ordering column without nulls, so the public list is read by key.

import datetime

from django.db import migrations, models
from django.db.models import F


def fill_sort_time(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.exclude(time=None).update(sort_time=F("time"))


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0010_document_cluster_and_calendar_indexes'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='meeting',
            options={'ordering': ['-sort_date', '-sort_time', '-id'], 'permissions': [('review_meeting', 'Can review, return, approve and publish filed meeting records')], 'verbose_name': 'meeting', 'verbose_name_plural': 'meetings'},
        ),
        migrations.RemoveIndex(
            model_name='meeting',
            name='meeting_public_by_date',
        ),
        migrations.AddField(
            model_name='meeting',
            name='sort_time',
            field=models.TimeField(default=datetime.time(0, 0), editable=False),
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['record_state', '-sort_date', '-sort_time', '-id'], name='meeting_public_by_date'),
        ),
        # last: PostgreSQL refuses schema changes to a table with pending trigger events
        migrations.RunPython(fill_sort_time, migrations.RunPython.noop),
    ]
