# A document's meetings in the list's whole order, so this index stays the one the planner picks.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0011_sort_time'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='meeting',
            name='meeting_basis_idx',
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(fields=['basis_document', 'record_state', '-sort_date', '-sort_time', '-id'], name='meeting_basis_idx'),
        ),
    ]
