import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from backoffice import throttle
from backoffice.models import LoginAttempt

from .conftest import PASSWORD


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURES_PER_USER = 3
    settings.LOGIN_DISTINCT_NAMES_PER_ADDRESS = 6
    settings.LOGIN_FAILURE_WINDOW = 600
    settings.LOGIN_LOCK_BASE = 60
    settings.LOGIN_LOCK_MAX = 3600
    return settings


@pytest.fixture
def clock(monkeypatch):
    """timezone.now, moved forward at will."""
    state = {"now": timezone.now()}
    monkeypatch.setattr("django.utils.timezone.now", lambda: state["now"])

    def advance(seconds):
        state["now"] += datetime.timedelta(seconds=seconds)

    return advance


def attempt(client, username, password="wrong", url=None, address="10.0.0.1"):  # noqa: S107
    return client.post(url or reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def logged_in(response, client):
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_five_wrong_passwords_for_the_reviewer_do_not_lock_her_out_elsewhere(client, world):
    for _ in range(5):
        attempt(client, "so.noivu", address="198.51.100.66")
    response = attempt(client, "so.noivu", PASSWORD, address="198.51.100.66")
    assert response.status_code == 200 and "1 phút" in response.content.decode()
    assert logged_in(attempt(client, "so.noivu", PASSWORD, address="10.20.0.1"), client)


def test_a_locked_pair_says_so_clearly_and_other_names_are_free(client, world, limits):
    for _ in range(3):
        assert "vui lòng đợi" not in attempt(client, "locbinh").content.decode().lower()
    response = attempt(client, "locbinh", PASSWORD)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "1 phút" in response.content.decode()
    assert logged_in(attempt(client, "vanlang", PASSWORD), client)


def test_user_name_is_matched_whatever_the_case(client, world, limits):
    for name in ("locbinh", "LOCBINH", "LocBinh"):
        attempt(client, name, address="10.0.0.9")
    assert attempt(client, "locbinh", PASSWORD, address="10.0.0.9").status_code == 200


def test_the_delay_grows_with_every_further_failure_and_is_capped(client, world, limits, clock):
    for _ in range(3):
        attempt(client, "locbinh")
    assert throttle.blocked_for("locbinh", "10.0.0.1") == 1
    clock(61)
    assert throttle.blocked_for("locbinh", "10.0.0.1") == 0
    attempt(client, "locbinh")  # the fourth failure: two minutes
    assert throttle.blocked_for("locbinh", "10.0.0.1") == 2
    clock(121)
    attempt(client, "locbinh")  # the fifth: four minutes
    assert throttle.blocked_for("locbinh", "10.0.0.1") == 4
    clock(60)
    assert attempt(client, "locbinh", PASSWORD).status_code == 200  # still locked: 3 minutes left
    clock(181)
    assert logged_in(attempt(client, "locbinh", PASSWORD), client)
    assert throttle.delay_after(2) == datetime.timedelta(0)
    assert throttle.delay_after(40) == datetime.timedelta(seconds=3600)


def test_many_names_from_one_address_block_new_names_there_but_not_its_known_users(client, world, limits):
    # locbinh signed in from the office's public address before.
    assert logged_in(attempt(client, "locbinh", PASSWORD, address="10.0.0.3"), client)
    client.logout()
    for index in range(6):
        attempt(client, f"guess{index}", address="10.0.0.3")
    # A name never seen at that address (the reviewer, who has no failures) is refused there...
    response = attempt(client, "so.noivu", PASSWORD, address="10.0.0.3")
    assert response.status_code == 200 and "phút" in response.content.decode()
    # ...but not elsewhere, and the office's known user still gets in with the right password.
    assert logged_in(attempt(client, "so.noivu", PASSWORD, address="10.0.0.4"), client)
    client.logout()
    assert logged_in(attempt(client, "locbinh", PASSWORD, address="10.0.0.3"), client)


def test_many_failures_for_one_name_do_not_block_the_address(client, world, limits):
    for _ in range(20):
        attempt(client, "locbinh", address="10.0.0.5")
    assert logged_in(attempt(client, "vanlang", PASSWORD, address="10.0.0.5"), client)


def test_a_right_password_never_counts_and_clears_the_pair(client, world, limits):
    attempt(client, "locbinh")
    attempt(client, "locbinh")
    for _ in range(5):
        assert logged_in(attempt(client, "locbinh", PASSWORD), client)
        client.logout()
    assert not LoginAttempt.objects.filter(succeeded=False).exists()
    attempt(client, "locbinh")
    attempt(client, "locbinh")
    assert logged_in(attempt(client, "locbinh", PASSWORD), client)


def test_the_admin_login_is_throttled_too(client, world, limits):
    for _ in range(3):
        attempt(client, "so.noivu", url="/admin/login/")
    response = attempt(client, "so.noivu", PASSWORD, url="/admin/login/")
    assert response.status_code == 200 and "phút" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_counters_live_in_the_database_and_survive_a_change_of_cache(settings, db, limits):
    for _ in range(3):
        throttle.record_failure("so.noivu", "10.0.0.8")
    assert throttle.blocked_for("so.noivu", "10.0.0.8") == 1
    # Another worker: its own, empty, per-process cache.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "another-worker"}}
    from django.core.cache import cache

    cache.clear()
    assert throttle.blocked_for("so.noivu", "10.0.0.8") == 1
    assert throttle.blocked_for("SO.NOIVU ", "10.0.0.8") == 1


def test_forwarded_address_is_used_only_behind_a_trusted_proxy(client, world, limits):
    for index in range(6):
        client.post(reverse("login"), {"username": f"guess{index}", "password": "x"}, REMOTE_ADDR="10.0.0.7",
                    HTTP_X_FORWARDED_FOR="203.0.113.5")
    # Not trusted: the proxy's own address is what was counted, and blocked for new names.
    assert attempt(client, "vanlang", PASSWORD, address="10.0.0.7").status_code == 200
    limits.LOGIN_THROTTLE_TRUST_FORWARDED_FOR = True
    response = client.post(reverse("login"), {"username": "vanlang", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7",
                           HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert response.status_code == 302


def _reset_link():
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)


def test_a_password_reset_by_email_unlocks_the_account(client, world, limits):
    for _ in range(5):
        attempt(client, "so.noivu")
    assert attempt(client, "so.noivu", PASSWORD).status_code == 200
    response = client.post(reverse("password-reset"), {"email": "so.noivu@example.invalid"})
    assert response.status_code == 302
    assert "mật khẩu" in mail.outbox[0].subject.lower()
    link = _reset_link()
    assert link.startswith("/can-bo/mat-khau/dat-lai/")
    response = client.get(link, follow=True)
    assert response.status_code == 200 and "Mật khẩu mới" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0],
                           {"new_password1": "Another-pass-456", "new_password2": "Another-pass-456"})
    assert response.status_code == 302 and response.url == reverse("password-reset-complete")
    assert not LoginAttempt.objects.filter(username="so.noivu", succeeded=False).exists()
    assert logged_in(attempt(client, "so.noivu", "Another-pass-456"), client)


def test_officers_get_a_reset_link_and_accounts_without_a_role_do_not(client, world, django_user_model):
    client.post(reverse("password-reset"), {"email": "locbinh@example.invalid"})
    assert len(mail.outbox) == 1 and "locbinh" in mail.outbox[0].body
    django_user_model.objects.create_user("visitor", "visitor@example.invalid", PASSWORD)
    response = client.post(reverse("password-reset"), {"email": "visitor@example.invalid"})
    assert response.status_code == 302 and len(mail.outbox) == 1


def test_the_reset_pages_are_in_vietnamese(client, db):
    body = client.get(reverse("password-reset")).content.decode()
    assert "Quên mật khẩu" in body
    assert reverse("password-reset") in client.get(reverse("login")).content.decode()


def test_reviewers_see_who_is_locked_and_unlock(client, world, limits):
    for _ in range(3):
        attempt(client, "locbinh", address="10.0.0.11")
    for index in range(6):
        attempt(client, f"guess{index}", address="10.0.0.12")
    client.force_login(world.reviewer)
    page = client.get(reverse("backoffice:login-locks")).content.decode()
    assert "locbinh" in page and "10.0.0.11" in page and "10.0.0.12" in page
    response = client.post(reverse("backoffice:login-locks"), {"username": "locbinh", "address": "10.0.0.11"})
    assert response.status_code == 302
    assert throttle.blocked_for("locbinh", "10.0.0.11") == 0
    client.post(reverse("backoffice:login-locks"), {"username": "", "address": "10.0.0.12"})
    page = client.get(reverse("backoffice:login-locks")).content.decode()
    assert "10.0.0.11" not in page and "10.0.0.12" not in page
    client.logout()
    assert logged_in(attempt(client, "locbinh", PASSWORD, address="10.0.0.11"), client)


def test_officers_cannot_see_the_locked_list(client, world):
    client.force_login(world.officer_b)
    assert client.get(reverse("backoffice:login-locks")).status_code == 403


def test_officers_land_in_their_back_office_and_reviewers_on_their_home(client, world):
    response = client.post(reverse("login"), {"username": "locbinh", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:dashboard")
    client.logout()
    response = client.post(reverse("login"), {"username": "so.noivu", "password": PASSWORD}, follow=True)
    # a reviewer lands on what waits for them (issue 12), with the admin one link away
    assert response.redirect_chain[-1][0] == reverse("backoffice:review-queue")
    assert reverse("admin:index") in response.content.decode()
