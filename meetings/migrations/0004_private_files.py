"""Existing photos and documents get random names; a draft's photos and every document move
to the private storage (portal.core.files), a published meeting's photos stay public."""

from django.db import migrations

from portal.core.files import rehome_files


def rehome(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    public = set(Meeting.objects.filter(record_state="published").values_list("pk", flat=True))
    rehome_files(apps, schema_editor, model="meetings.MeetingPhoto", fields=("image", "thumbnail", "display"),
                 folder="meetings/photos", private=lambda photo: photo.meeting_id not in public)
    rehome_files(apps, schema_editor, model="meetings.MeetingDocument", fields=("file",),
                 folder="meetings/documents", private=lambda document: True)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_record_what_the_source_says")]

    operations = [migrations.RunPython(rehome, migrations.RunPython.noop)]
