"""The publish gate: drafts and future articles stay hidden; scheduled ones appear when due."""

import datetime

import pytest
from django.urls import reverse

from portal.news import services
from portal.news.models import Article, ArticleStatus

from .conftest import NOW


@pytest.fixture
def fixed_now(monkeypatch):
    """Time travel: timezone.now() answers what the test says."""
    clock = {"now": NOW}
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock["now"])
    return clock


def test_published_hides_drafts_and_future_scheduled_articles(make_article, fixed_now):
    public = make_article(published_at=NOW - datetime.timedelta(hours=1))
    make_article(status=ArticleStatus.DRAFT, published_at=None)
    make_article(status=ArticleStatus.DRAFT, published_at=NOW - datetime.timedelta(days=1))
    make_article(status=ArticleStatus.SCHEDULED, published_at=NOW + datetime.timedelta(minutes=1))
    make_article(status=ArticleStatus.PUBLISHED, published_at=NOW + datetime.timedelta(days=1))
    assert list(Article.objects.published()) == [public]


def test_scheduled_article_appears_by_itself_once_its_time_has_come(make_article, fixed_now, client, site_profile):
    article = make_article(status=ArticleStatus.SCHEDULED, published_at=NOW + datetime.timedelta(hours=2))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get(reverse("news:list")).content.decode()

    fixed_now["now"] = NOW + datetime.timedelta(hours=2)
    assert list(Article.objects.published()) == [article]
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.title in client.get(reverse("news:list")).content.decode()


def test_draft_page_is_not_found(make_article, client, site_profile):
    article = make_article(status=ArticleStatus.DRAFT, published_at=None)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_or_published_article_needs_a_publication_time(category):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Article.objects.create(title="Không có giờ", category=category, status=ArticleStatus.PUBLISHED)


def test_publishing_with_a_future_time_schedules_the_article(make_article, fixed_now):
    article = make_article(status=ArticleStatus.DRAFT, published_at=None)
    services.article_publish(article=article, at=NOW + datetime.timedelta(days=1))
    assert article.status == ArticleStatus.SCHEDULED
    services.article_publish(article=article, at=NOW - datetime.timedelta(minutes=1))
    assert article.status == ArticleStatus.PUBLISHED


# --- preview -------------------------------------------------------------------------------------

def test_preview_of_a_draft_is_refused_to_visitors(make_article, client, site_profile):
    article = make_article(status=ArticleStatus.DRAFT, published_at=None)
    response = client.get(reverse("news:preview", args=[article.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_preview_of_a_draft_is_refused_to_non_staff_users(make_article, client, site_profile, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="x-Secret-123")
    client.force_login(user)
    article = make_article(status=ArticleStatus.DRAFT, published_at=None)
    assert client.get(reverse("news:preview", args=[article.pk])).status_code == 302


def test_staff_preview_of_a_draft_is_never_cached(make_article, client, site_profile, staff_user):
    article = make_article(status=ArticleStatus.DRAFT, published_at=None, title="Bản nháp chưa đăng")
    client.force_login(staff_user)
    response = client.get(reverse("news:preview", args=[article.pk]))
    assert response.status_code == 200
    assert "Bản nháp chưa đăng" in response.content.decode()
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "private", "must-revalidate"} <= cache_control
    assert 'name="robots" content="noindex, nofollow"' in response.content.decode()
