"""The site shell in a real browser: language, search form, login link, phone width."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_reads_in_vietnamese_and_switches_to_english(page, live_server, site_profile):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("link", name="Đăng nhập").is_visible()
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Log in").is_visible()
    assert page.js_errors == []


def test_search_form_submits_with_get(page, live_server, site_profile):
    page.goto(live_server.url + "/")
    page.get_by_label("Tìm kiếm trên trang").fill("lang son")
    page.get_by_role("button", name="Tìm kiếm").click()
    assert "/tim-kiem/?q=lang+son" in page.url


def test_login_link_leads_to_a_labelled_form(page, live_server, site_profile):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đăng nhập").click()
    assert page.get_by_label("Tên đăng nhập").is_visible()
    assert page.get_by_label("Mật khẩu").is_visible()


def test_no_horizontal_scroll_at_360px(phone_page, live_server, site_profile):
    phone_page.goto(live_server.url + "/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert phone_page.locator(".site-footer").inner_text().count("sonoivu@langson.gov.vn") == 1
