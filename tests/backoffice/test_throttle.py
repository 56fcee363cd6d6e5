import pytest
from django.urls import reverse

from .conftest import PASSWORD


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURES_PER_USER = 3
    settings.LOGIN_FAILURES_PER_ADDRESS = 6
    settings.LOGIN_FAILURE_WINDOW = 600
    return settings


def attempt(client, username, password="wrong", url=None, address="10.0.0.1"):  # noqa: S107
    return client.post(url or reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_repeated_failures_for_a_user_name_block_it_with_a_clear_message(client, world, limits):
    for _ in range(3):
        assert "vui lòng đợi" not in attempt(client, "locbinh").content.decode().lower()
    response = attempt(client, "locbinh", PASSWORD)
    body = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "10 phút" in body
    # Another user name from another address is not affected.
    assert attempt(client, "vanlang", PASSWORD, address="10.0.0.2").status_code == 302


def test_user_name_is_matched_whatever_the_case(client, world, limits):
    for name in ("locbinh", "LOCBINH", "LocBinh"):
        attempt(client, name, address="10.0.0.9")
    assert attempt(client, "locbinh", PASSWORD, address="10.0.0.10").status_code == 200


def test_repeated_failures_from_one_address_block_that_address(client, world, limits):
    for index in range(6):
        attempt(client, f"guess{index}", address="10.0.0.3")
    assert attempt(client, "vanlang", PASSWORD, address="10.0.0.3").status_code == 200
    assert attempt(client, "vanlang", PASSWORD, address="10.0.0.4").status_code == 302


def test_a_successful_login_clears_the_user_names_failures(client, world, limits):
    attempt(client, "locbinh")
    attempt(client, "locbinh")
    assert attempt(client, "locbinh", PASSWORD).status_code == 302
    client.logout()
    attempt(client, "locbinh")
    attempt(client, "locbinh")
    assert attempt(client, "locbinh", PASSWORD).status_code == 302


def test_the_block_ends_when_the_window_has_passed(client, world, limits, monkeypatch):
    import time

    for _ in range(3):
        attempt(client, "locbinh")
    assert attempt(client, "locbinh", PASSWORD).status_code == 200
    later = time.time() + 601
    monkeypatch.setattr("backoffice.throttle.timezone.now",
                        lambda: __import__("datetime").datetime.fromtimestamp(later, __import__("datetime").UTC))
    from django.core.cache import cache

    cache.clear()  # the cache entries expire with the window; the local cache cannot be time-travelled
    assert attempt(client, "locbinh", PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(client, world, limits):
    for _ in range(3):
        attempt(client, "so.noivu", url="/admin/login/")
    response = attempt(client, "so.noivu", PASSWORD, url="/admin/login/")
    assert response.status_code == 200 and "phút" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_officers_land_in_their_back_office_and_staff_in_the_admin(client, world):
    response = client.post(reverse("login"), {"username": "locbinh", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("backoffice:dashboard")
    client.logout()
    response = client.post(reverse("login"), {"username": "so.noivu", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert reverse("backoffice:review-queue") in response.content.decode()


def test_counters_are_shared_through_redis_when_it_is_configured(settings, limits):
    import socket

    pytest.importorskip("redis")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/15", "KEY_PREFIX": "portal-tests"}}
    from backoffice import throttle

    try:
        for _ in range(3):
            throttle.record_failure("redis-user", "")
        assert throttle.blocked_for("redis-user", "") == 10
    finally:
        throttle.clear_user("redis-user")
    assert throttle.blocked_for("redis-user", "") == 0


def test_forwarded_address_is_used_only_behind_a_trusted_proxy(client, world, limits):
    for index in range(6):
        client.post(reverse("login"), {"username": f"guess{index}", "password": "x"}, REMOTE_ADDR="10.0.0.7",
                    HTTP_X_FORWARDED_FOR="203.0.113.5")
    # Not trusted: the proxy's own address is what was counted, and blocked.
    assert attempt(client, "vanlang", PASSWORD, address="10.0.0.7").status_code == 200
    limits.LOGIN_THROTTLE_TRUST_FORWARDED_FOR = True
    response = client.post(reverse("login"), {"username": "vanlang", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7",
                           HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert response.status_code == 302
