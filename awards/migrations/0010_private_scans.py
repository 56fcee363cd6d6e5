"""Existing decision scans get random names in the private storage: the old names were the
decision's number, so an unpublished decision's scan could be fetched by guessing it."""

from django.db import migrations

from portal.core.files import rehome_files


def rehome(apps, schema_editor):
    rehome_files(apps, schema_editor, model="awards.Decision", fields=("scan",), folder="awards/decisions",
                 private=lambda decision: True)


class Migration(migrations.Migration):
    dependencies = [("awards", "0009_line_import")]

    operations = [migrations.RunPython(rehome, migrations.RunPython.noop)]
