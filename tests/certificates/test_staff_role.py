"""Provincial staff (not superusers) may print certificates: the staff role covers the app."""

import pytest
from django.contrib.auth.models import Group

from backoffice.roles import STAFF_GROUP

pytestmark = pytest.mark.django_db


def test_the_staff_role_holds_the_certificate_permissions():
    codenames = set(Group.objects.get(name=STAFF_GROUP).permissions.filter(
        content_type__app_label="certificates").values_list("codename", flat=True))
    assert {"add_certificateprint", "view_certificatelayout"} <= codenames
