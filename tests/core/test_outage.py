"""When the database cannot be reached, visitors get the Vietnamese maintenance page with a 503
and Retry-After (a crawler keeps the page, a monitor knows it is temporary), never a 500.

The outage is simulated where Django meets the driver: opening a cursor fails as the driver
fails when the server is down (OperationalError) or the connection was lost (InterfaceError)."""

from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import Client

from portal.core.errors import RETRY_AFTER

MAINTENANCE = "Trang thông tin tạm thời gián đoạn"


@contextmanager
def database_unreachable(error="OperationalError"):
    """Every attempt to use the database fails until the block ends."""
    connection = connections["default"]
    driver_error = getattr(connection.Database, error)

    def unreachable():
        with connection.wrap_database_errors:
            raise driver_error("could not connect to server at 10.0.0.9: Connection refused")

    # On the instance, and undone before the test's own database teardown runs (not monkeypatch,
    # which may be torn down after it).
    connection.ensure_connection = unreachable
    try:
        yield
    finally:
        del connection.ensure_connection


@pytest.fixture(params=["OperationalError", "InterfaceError"])
def database_down(request, db):
    with database_unreachable(request.param):
        yield request.param


@pytest.fixture
def browser():
    # a browser sees the response; the test client would re-raise the failure instead
    return Client(raise_request_exception=False)


def assert_maintenance_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert MAINTENANCE in body
    assert "Xin vui lòng thử lại sau ít phút" in body


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/cum-thi-dua/", "/hoi-nghi/", "/thong-ke/"])
def test_public_pages_answer_503_with_the_maintenance_page_when_the_database_is_down(
    site_profile, database_down, browser, path,
):
    assert_maintenance_page(browser.get(path))


def test_a_logged_in_visitor_gets_the_maintenance_page_too(staff_user, browser):
    # Their session and user are read by middleware, before any view runs.
    browser.force_login(staff_user)
    with database_unreachable():
        assert_maintenance_page(browser.get("/can-bo/"))


def test_other_failures_still_answer_500(site_profile, browser, monkeypatch):
    from portal.news import selectors

    def broken():
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(selectors, "home_context", broken)
    response = browser.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Lỗi máy chủ" in response.content.decode()
