"""The review permission of meeting records belongs to the meetings app (Meeting.Meta.permissions),
not to the history model it was declared on. Every group and account that held the old one
(backoffice.review_meeting) gets the new one (meetings.review_meeting), then the old one goes."""

from django.db import migrations

CODENAME = "review_meeting"
NAME = "Can review, return, approve and publish filed meeting records"


def _permission(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    # permissions are made after the last migration; this one is needed now
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME})
    return permission


def move(apps, schema_editor, *, source, target):
    Permission = apps.get_model("auth", "Permission")
    old = Permission.objects.filter(content_type__app_label=source[0], content_type__model=source[1],
                                    codename=CODENAME).first()
    if old is None:
        return  # a new database: nothing was granted yet
    new = _permission(apps, *target)
    for group in old.group_set.all():
        group.permissions.add(new)
    for user in old.user_set.all():
        user.user_permissions.add(new)
    old.delete()


def forwards(apps, schema_editor):
    move(apps, schema_editor, source=("backoffice", "auditentry"), target=("meetings", "meeting"))


def backwards(apps, schema_editor):
    move(apps, schema_editor, source=("meetings", "meeting"), target=("backoffice", "auditentry"))


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0002_roles"),
        ("meetings", "0008_review_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["-at", "-id"], "verbose_name": "history entry",
                     "verbose_name_plural": "history of changes"},
        ),
    ]
