"""The home page: the whole demo is reachable from it, and its cache never shows stale news."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.news.models import ArticleStatus

from .conftest import HCM


@pytest.fixture
def full_demo(db, settings):
    settings.DEBUG = True  # the demo command refuses to run otherwise
    call_command("demo", stdout=io.StringIO())


def test_home_links_to_the_seed_article_the_border_cluster_the_meeting_and_the_decisions(full_demo, client):
    from portal.news import demo

    content = client.get(reverse("home")).content.decode()
    assert f'href="/tin-tuc/{demo.SEED_SLUG}/"' in content
    assert 'href="/cum-thi-dua/cum-thi-dua-cac-huyen-bien-gioi/"' in content
    assert f'href="/hoi-nghi/2017/{demo.MEETING_SLUG}/"' in content
    from awards.selectors import decisions_for_home

    decisions = decisions_for_home(limit=5)
    assert decisions
    for decision in decisions:
        assert f'href="{decision.get_absolute_url()}"' in content


def test_seed_article_links_to_its_meeting_and_cluster_in_the_demo(full_demo, client):
    from portal.news import demo

    content = client.get(f"/tin-tuc/{demo.SEED_SLUG}/").content.decode()
    assert f'href="/hoi-nghi/2017/{demo.MEETING_SLUG}/"' in content
    assert 'href="/cum-thi-dua/cum-thi-dua-cac-huyen-bien-gioi/"' in content


def test_home_shows_a_new_article_at_once_despite_its_cache(make_article, client, site_profile,
                                                           django_assert_max_num_queries):
    make_article(title="Tin thứ nhất")
    client.get(reverse("home"))
    with django_assert_max_num_queries(0):
        client.get(reverse("home"))
    make_article(title="Tin thứ hai")
    assert "Tin thứ hai" in client.get(reverse("home")).content.decode()


def test_home_cache_expires_when_a_scheduled_article_falls_due(make_article, client, site_profile, monkeypatch):
    from django.core.cache import cache

    now = datetime.datetime(2017, 7, 21, 16, 0, tzinfo=HCM)
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    make_article(title="Hẹn giờ", status=ArticleStatus.SCHEDULED, published_at=now + datetime.timedelta(seconds=90))
    timeouts = []
    original = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout=None: (timeouts.append((key, timeout)),
                                                                          original(key, value, timeout)))
    client.get(reverse("home"))
    assert [t for key, t in timeouts if key.startswith("portal:home")] == [91]


def sitemap_text(client) -> str:
    """The sitemap (one document while the site is small, else an index) and every page it names,
    as one text."""
    import re

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    if "<urlset" in index.content.decode():
        return index.content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index.content.decode())
    assert pages
    return "".join(client.get(page.replace("&amp;", "&")).content.decode() for page in pages)


def test_sitemap_lists_the_public_pages_of_every_app(full_demo, client):
    from awards.selectors import decisions_for_home
    from portal.news import demo

    body = sitemap_text(client)
    assert f"<loc>http://testserver/tin-tuc/{demo.SEED_SLUG}/</loc>" in body
    assert "<loc>http://testserver/cum-thi-dua/cum-thi-dua-cac-huyen-bien-gioi/</loc>" in body
    assert f"<loc>http://testserver/hoi-nghi/2017/{demo.MEETING_SLUG}/</loc>" in body
    assert "<loc>http://testserver/don-vi/huyen-van-lang/</loc>" in body
    assert "<loc>http://testserver/ca-nhan/tran-van-ba/</loc>" in body
    decision = decisions_for_home(limit=1)[0]
    assert f"<loc>http://testserver{decision.get_absolute_url()}</loc>" in body
