"""The site shell in a real browser: language, search form, login link, phone width."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_reads_in_vietnamese_and_switches_to_english(page, live_server, site_profile):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("link", name="Đăng nhập").is_visible()
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert page.js_errors == []


def test_search_form_submits_with_get(page, live_server, site_profile):
    page.goto(live_server.url + "/")
    page.get_by_label("Tìm kiếm trên trang").fill("lang son")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**/tim-kiem/?q=lang+son")


def test_login_link_leads_to_a_labelled_form(page, live_server, site_profile):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Đăng nhập").click()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    expect(page.get_by_label("Mật khẩu")).to_be_visible()


def test_no_horizontal_scroll_at_360px(phone_page, live_server, site_profile):
    phone_page.goto(live_server.url + "/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert phone_page.locator(".site-footer").inner_text().count("sonoivu@langson.gov.vn") == 1
