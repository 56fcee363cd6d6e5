"""Issue 17: the parts of public pages kept as rendered HTML (portal.core.fragments) are never
stale, never shared across languages or sections, and never hold a preview."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from portal.core import fragments, pagecache
from portal.news.models import ArticleStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_profile")]

ON = override_settings(FRAGMENT_CACHE_SECONDS=600)


def stored_parts() -> list[str]:
    return [key for key in cache._cache if ":portal:part:" in key]  # LocMemCache keeps its keys here


@ON
def test_a_stored_article_is_served_with_one_query_and_any_write_shows_at_once(client, make_article,
                                                                               django_assert_num_queries):
    article = make_article(title="Hội nghị sơ kết", body="<p>Nội dung cũ</p>")
    url = article.get_absolute_url()
    first = client.get(url)
    assert "Nội dung cũ" in first.content.decode() and stored_parts()
    with django_assert_num_queries(0):  # its id and title are a cached read; body, gallery, links stored
        second = client.get(url)
    assert "Nội dung cũ" in second.content.decode()
    article.body = "<p>Nội dung mới</p>"
    article.save()
    third = client.get(url).content.decode()
    assert "Nội dung mới" in third and "Nội dung cũ" not in third


@ON
def test_a_signed_in_officer_gets_stored_parts_too_and_still_sees_the_account_links(client, staff_user, make_article):
    url = make_article(title="Tin cho cán bộ").get_absolute_url()
    client.get(url)  # an anonymous visitor stores the parts
    client.force_login(staff_user)
    page = client.get(url).content.decode()
    # the menu, footer and body come from the store; who is signed in never does
    assert "Tin cho cán bộ" in page and "Đăng xuất" in page and "Đăng nhập</a>" not in page


@ON
def test_the_menu_marks_the_section_of_each_page(client, make_article):
    client.get("/tin-tuc/")
    news = client.get("/tin-tuc/").content.decode()
    meetings = client.get("/hoi-nghi/").content.decode()
    assert 'href="/tin-tuc/" aria-current="page"' in news
    assert 'href="/hoi-nghi/" aria-current="page"' in meetings
    assert 'href="/tin-tuc/" aria-current="page"' not in meetings


@ON
def test_each_language_has_its_own_parts(client, make_article):
    url = make_article(title="Tin song ngữ").get_absolute_url()
    assert "Tin tức" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert ">News</a>" in english


@ON
def test_a_staff_preview_neither_reads_nor_stores_parts(client, staff_user, make_article):
    draft = make_article(title="Bản nháp chưa đăng", status=ArticleStatus.DRAFT, published_at=None)
    client.force_login(staff_user)
    page = client.get(f"/tin-tuc/xem-truoc/{draft.pk}/")
    assert page.status_code == 200 and "Bản nháp chưa đăng" in page.content.decode()
    assert not [key for key in stored_parts() if ":article" in key]


@ON
def test_a_part_lives_no_later_than_the_next_moment_a_page_changes_by_itself(rf, make_article):
    soon = timezone.now() + datetime.timedelta(seconds=30)
    make_article(title="Tin hẹn giờ", status=ArticleStatus.SCHEDULED, published_at=soon)
    _version, timeout, _shared = fragments._state(rf.get("/"))
    assert 1 <= timeout <= 31 and pagecache.next_change() <= soon


@ON
def test_a_part_is_rendered_live_when_the_next_change_is_under_a_second_away(rf, monkeypatch):
    monkeypatch.setattr(fragments, "next_change", lambda now: now + datetime.timedelta(milliseconds=200))
    assert fragments._state(rf.get("/")) is None


def test_parts_are_not_stored_when_turned_off(client, make_article):
    client.get(make_article().get_absolute_url())
    assert not stored_parts()


@ON
def test_a_feed_document_is_kept_until_the_news_changes(client, make_article, django_assert_num_queries):
    make_article(title="Tin đầu tiên")
    first = client.get("/tin-tuc/rss/")
    with django_assert_num_queries(0):
        again = client.get("/tin-tuc/rss/")
    assert again.content == first.content and again["Last-Modified"] == first["Last-Modified"]
    make_article(title="Tin mới đăng")
    assert "Tin mới đăng" in client.get("/tin-tuc/rss/").content.decode()
