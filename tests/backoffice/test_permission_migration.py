"""The review permission moves from the history model to the meetings app (issue 13): groups and
accounts that held it keep reviewing after the migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("backoffice", "0002_roles"), ("meetings", "0007_basis_document")]
AFTER = [("backoffice", "0003_review_permission_moves_to_meetings")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_review_grants_move_to_the_meetings_permission(django_user_model):
    old = _migrate(BEFORE)
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    User = old.get_model("core", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    audit_type, _created = ContentType.objects.get_or_create(app_label="backoffice", model="auditentry")
    granted, _created = Permission.objects.get_or_create(content_type=audit_type, codename="review_meeting",
                                                         defaults={"name": "review"})
    group = Group.objects.create(name="Tổ thẩm định")
    group.permissions.add(granted)
    user = User.objects.create(username="tham.dinh", is_staff=True)
    user.user_permissions.add(granted)
    try:
        _migrate(AFTER)
        from django.contrib.auth.models import Group as LiveGroup
        from django.contrib.auth.models import Permission as LivePermission

        moved = LivePermission.objects.get(codename="review_meeting", content_type__app_label="meetings")
        assert moved in LiveGroup.objects.get(name="Tổ thẩm định").permissions.all()
        live_user = django_user_model.objects.get(username="tham.dinh")
        assert live_user.has_perm("meetings.review_meeting")
        assert not LivePermission.objects.filter(codename="review_meeting",
                                                 content_type__app_label="backoffice").exists()
    finally:
        executor = MigrationExecutor(connection)
        _migrate(executor.loader.graph.leaf_nodes())
