"""The cluster register in a real browser: the border cluster's page on a phone, and a second
leader refused in the admin with the rest of the input kept."""

import io

import pytest
from playwright.sync_api import expect

from clusters import demo
from clusters.models import ClusterYear, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def border_cluster(db):
    demo.load(stdout=io.StringIO())
    return ClusterYear.objects.get(cluster__slug="cum-thi-dua-cac-huyen-bien-gioi", year=2017)


def test_border_cluster_reads_on_a_phone(phone_page, live_server, site_profile, border_cluster):
    phone_page.goto(live_server.url + "/cum-thi-dua/cum-thi-dua-cac-huyen-bien-gioi/")
    members = phone_page.locator(".member-list li")
    assert members.count() == 5
    assert "Trưởng cụm" in members.nth(0).inner_text() and "Huyện Lộc Bình" in members.nth(0).inner_text()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_home_menu_leads_to_the_border_cluster(page, live_server, site_profile, border_cluster):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Cụm, khối thi đua").first.click()
    page.get_by_role("link", name="Cụm thi đua các huyện biên giới").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Cụm thi đua các huyện biên giới")


def test_second_leader_in_the_admin_shows_a_vietnamese_error(page, live_server, staff_user, border_cluster):
    # Ask the database before the browser starts: on SQLite the live server shares the test's
    # in-memory connection, and a query from this thread while the server answers a request
    # (a script the page loads late) can make that request see no session, so the browser loses
    # its cookie and the save below lands on the login page.
    row = border_cluster.members.get(unit__slug="huyen-cao-loc")
    index = list(border_cluster.members.order_by("order", "unit__name").values_list("pk", flat=True)).index(row.pk)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", "x-Secret-123")
    page.click("[type=submit]")
    # wait for the login to land before leaving the page, or the session cookie may not be set yet
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    page.goto(live_server.url + f"/admin/clusters/clusteryear/{border_cluster.pk}/change/")
    page.fill("#id_note", "Ghi chú đang soạn")
    page.select_option(f"#id_members-{index}-role", Role.LEADER)
    page.select_option(f"#id_members-{index}-selection_method", "elected")
    page.locator("input[name=_save]").click()
    # expect() waits for the page the save returns; is_visible() would look at once
    expect(page.get_by_text("Cụm đã có Trưởng cụm trong năm này.").first).to_be_visible()
    assert page.input_value("#id_note") == "Ghi chú đang soạn"
    page.wait_for_load_state("networkidle")
    assert border_cluster.members.get(role=Role.LEADER).unit.slug == "huyen-loc-binh"
    assert page.js_errors == []
