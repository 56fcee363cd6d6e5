"""Officers and reviewers change their own password in the back office (/can-bo/mat-khau/doi/),
in Vietnamese, linked from the back office's menu."""

from django.urls import reverse

from .conftest import PASSWORD

URL = "/can-bo/mat-khau/doi/"


def test_the_address_and_the_link(client_b):
    assert reverse("backoffice:password-change") == URL
    body = client_b.get(reverse("backoffice:dashboard")).content.decode()
    assert URL in body and "Đổi mật khẩu" in body


def test_an_officer_changes_the_password_and_stays_signed_in(client_b, world):
    page = client_b.get(URL)
    assert page.status_code == 200 and 'for="id_old_password"' in page.content.decode()
    response = client_b.post(URL, {"old_password": PASSWORD, "new_password1": "Lang-Son-2025!",
                                   "new_password2": "Lang-Son-2025!"})
    assert response.status_code == 302 and response["Location"] == reverse("backoffice:password-change-done")
    world.officer_b.refresh_from_db()
    assert world.officer_b.check_password("Lang-Son-2025!")
    assert client_b.get(reverse("backoffice:dashboard")).status_code == 200


def test_a_wrong_present_password_is_refused_in_vietnamese(reviewer_client, world):
    response = reviewer_client.post(URL, {"old_password": "sai", "new_password1": "Lang-Son-2025!",
                                          "new_password2": "Lang-Son-2025!"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mật khẩu chưa được đổi" in body and 'aria-invalid="true"' in body
    world.reviewer.refresh_from_db()
    assert world.reviewer.check_password(PASSWORD)


def test_the_public_is_sent_to_log_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
