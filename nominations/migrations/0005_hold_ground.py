# What a held dossier waits for (R8): a disciplinary matter, an inspection or a complaint.

from django.db import migrations, models


def ground_existing_holds(apps, schema_editor):
    # held before the ground was asked for: the reason given says which; "another matter" until
    # staff resume and hold it again
    apps.get_model("nominations", "Dossier").objects.filter(state="on_hold").update(hold_ground="other")


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0004_more_thresholds'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossier',
            name='hold_ground',
            field=models.CharField(blank=True, choices=[('discipline', 'a disciplinary matter under consideration'), ('inspection', 'an inspection or audit under way'), ('complaint', 'a complaint or denunciation being dealt with'), ('other', 'another matter')], editable=False, max_length=20, verbose_name='held because of'),
        ),
        migrations.RunPython(ground_existing_holds, migrations.RunPython.noop),
    ]
