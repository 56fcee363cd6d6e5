"""Issue 12: the admin's permission pickers read Vietnamese, not the English names Django stores."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from portal.core.permissions import permission_label

pytestmark = pytest.mark.django_db


def test_default_and_custom_permissions_are_labelled_in_the_page_language():
    add = Permission.objects.get(codename="add_decision")
    assert permission_label(add).endswith("| Có thể thêm quyết định")
    review = Permission.objects.get(codename="review_meeting")
    assert "Can review" not in permission_label(review)


@pytest.mark.parametrize("url", ["admin:auth_group_add", "admin:core_user_add"])
def test_the_group_and_user_forms_show_no_stored_english_names(admin_client, url):
    body = admin_client.get(reverse(url)).content.decode()
    if "Can add" in body or "Có thể thêm" in body:  # the user add form has no permissions until saved
        assert "Can add" not in body and "Có thể thêm" in body


def test_the_user_change_form_lists_permissions_in_vietnamese(admin_client, django_user_model):
    user = django_user_model.objects.create_user("mot.nguoi", password="x")
    body = admin_client.get(reverse("admin:core_user_change", args=[user.pk])).content.decode()
    assert "Có thể thêm quyết định" in body and "Can add decision" not in body
