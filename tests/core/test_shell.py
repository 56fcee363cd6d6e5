"""The site shell every public page shares: language, footer, search form, login link."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_is_vietnamese_whatever_the_browser_asks(client, site_profile):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body
    assert response["Content-Language"] == "vi"


def test_language_switch_gives_english_and_back(client, site_profile):
    response = client.get(reverse("language-switch", args=["en"]) + "?next=/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Log in" in body
    client.get(reverse("language-switch", args=["vi"]))
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_language_switch_never_redirects_off_site(client):
    response = client.get(reverse("language-switch", args=["en"]) + "?next=https://evil.example/")
    assert response["Location"] == "/"


def test_unknown_language_is_ignored(client, site_profile):
    client.get(reverse("language-switch", args=["fr"]))
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_footer_comes_from_the_site_profile(client, site_profile):
    body = client.get("/").content.decode()
    assert "TRANG THÔNG TIN ĐIỆN TỬ SỞ NỘI VỤ TỈNH LẠNG SƠN" in body
    assert "Số 4 đường Quang Trung, phường Chi Lăng, thành phố Lạng Sơn, tỉnh Lạng Sơn" in body
    assert "(025) 3.812.110" in body
    assert "(025) 3.812.498" in body
    assert "sonoivu@langson.gov.vn" in body
    assert "Bình Minh" not in body


def test_editing_the_profile_shows_at_once(client, site_profile):
    client.get("/")
    site_profile.phone = "(025) 3.999.999"
    site_profile.save()
    assert "(025) 3.999.999" in client.get("/").content.decode()


def test_every_page_has_a_get_search_form_and_the_link_lists(client, site_profile):
    body = client.get("/").content.decode()
    assert 'method="get" action="/tim-kiem/"' in body
    assert 'name="q"' in body
    assert "Liên kết Websites" in body


def test_shell_costs_no_query_once_cached(client, site_profile, django_assert_max_num_queries):
    # The login page is the shell alone: header, link lists and footer come from the cache.
    login = reverse("login")
    client.get(login)
    with django_assert_max_num_queries(0):
        client.get(login)


def test_404_page_is_vietnamese(client, site_profile):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_500_page_is_vietnamese_and_needs_no_database():
    from portal.core.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()


def test_site_profile_is_a_singleton_in_the_database(site_profile):
    from django.db import IntegrityError, transaction

    from portal.news.models import SiteProfile

    with pytest.raises(IntegrityError), transaction.atomic():
        SiteProfile.objects.create(id=2, site_name="Another")


def test_login_page_logs_staff_into_the_admin(client, staff_user, site_profile):
    # staff who are not reviewers (reviewers land on their back-office home: tests/backoffice)
    response = client.post(reverse("login"), {"username": "staff", "password": "x-Secret-123"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_security_headers_are_sent(client, site_profile):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
