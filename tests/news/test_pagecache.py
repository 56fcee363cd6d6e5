"""Issue 17: anonymous pages come from a full-page cache that is never stale (portal.core.pagecache)."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory, override_settings
from django.utils import timezone

from portal.core import pagecache
from portal.news.models import ArticleStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_profile")]

ON = override_settings(PAGE_CACHE_SECONDS=600)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@ON
def test_a_second_anonymous_hit_comes_from_the_cache_without_a_query(client, make_article,
                                                                      django_assert_num_queries):
    article = make_article(title="Hội nghị sơ kết")
    first = client.get(article.get_absolute_url())
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    # the headers the outer middleware adds are there on a hit too
    assert "Content-Security-Policy" in second and second["Content-Language"] == "vi"
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200 and head.content == b"" and head["X-Page-Cache"] == "hit"


@ON
def test_any_write_makes_the_next_hit_fresh(client, make_article):
    article = make_article(title="Tiêu đề cũ")
    url = article.get_absolute_url()
    client.get(url)
    article.title = "Tiêu đề mới"
    article.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Tiêu đề mới" in response.content.decode()


@ON
def test_signed_in_visitors_and_pending_messages_are_never_served_from_or_stored_in_the_cache(
        client, staff_user, make_article):
    url = make_article().get_absolute_url()
    client.force_login(staff_user)
    assert "X-Page-Cache" not in client.get(url)
    assert "X-Page-Cache" not in client.get(url)
    client.logout()
    client.cookies["messages"] = "x"
    assert "X-Page-Cache" not in client.get(url)


@ON
def test_languages_are_cached_apart(client, make_article):
    url = make_article().get_absolute_url()
    assert client.get(url)["Content-Language"] == "vi"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert english["X-Page-Cache"] == "miss" and english["Content-Language"] == "en"


@ON
def test_a_page_that_rendered_a_csrf_token_is_not_stored():
    def view(request):
        return HttpResponse(get_token(request))

    middleware = pagecache.PageCacheMiddleware(view)
    request = RequestFactory().get("/bieu-mau/")
    assert "X-Page-Cache" not in middleware(request)
    assert "X-Page-Cache" not in middleware(RequestFactory().get("/bieu-mau/"))


@ON
def test_an_entry_expires_when_a_scheduled_article_comes_out(client, make_article, monkeypatch):
    now = timezone.now()
    make_article(status=ArticleStatus.SCHEDULED, published_at=now + datetime.timedelta(seconds=90))
    shown = make_article(published_at=now - datetime.timedelta(days=1))
    assert abs((pagecache.next_change(now) - (now + datetime.timedelta(seconds=90))).total_seconds()) < 1
    timeouts = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout=None: (
        timeouts.append(timeout) if key.startswith("portal:page:") else None, real_set(key, value, timeout))[1])
    client.get(shown.get_absolute_url())
    assert timeouts and 1 <= timeouts[0] <= 90


def test_without_scheduled_changes_an_entry_lives_at_most_until_local_midnight():
    now = timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 59, 0))
    midnight = pagecache.next_local_midnight(now)
    assert timezone.localtime(midnight).hour == 0 and (midnight - now).total_seconds() == 60
