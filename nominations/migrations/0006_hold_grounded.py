# Its own migration, so that PostgreSQL adds the check in a transaction without the backfill.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0005_hold_ground'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='dossier',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('hold_ground__gt', ''), ('state', 'on_hold')), models.Q(models.Q(('state', 'on_hold'), _negated=True), ('hold_ground', '')), _connector='OR'), name='dossier_hold_grounded', violation_error_message='A dossier on hold says what it waits for.'),
        ),
    ]
