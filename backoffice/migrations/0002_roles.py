"""The two back-office groups and their permissions, so no one sets roles up by hand.
(Models added by later migrations join the groups through the post_migrate hook in apps.py.)"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from backoffice.roles import sync_roles

    sync_roles(apps)


def remove_roles(apps, schema_editor):
    from backoffice.roles import OFFICER_GROUP, STAFF_GROUP

    apps.get_model("auth", "Group").objects.filter(name__in=[STAFF_GROUP, OFFICER_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("clusters", "0001_initial"),
        ("meetings", "0001_initial"),
        ("awards", "0001_initial"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
