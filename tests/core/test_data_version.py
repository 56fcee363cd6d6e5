"""Without Redis every gunicorn worker keeps its own cache, and a write in one worker must still
hide the pages the others keep: the data version is then a file the workers of a host share
(portal.core.cache, DATA_VERSION_FILE)."""

import datetime
import os
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from portal.core import cache as versions


@pytest.fixture
def version_file(tmp_path):
    path = tmp_path / "var" / "data-version"
    with override_settings(DATA_VERSION_FILE=path):
        yield path


def test_the_version_file_is_made_on_first_read_and_each_write_moves_it_forward(version_file):
    first = versions.data_version()
    assert version_file.exists()
    versions.data_changed()
    second = versions.data_version()
    versions.data_changed()
    assert first < second < versions.data_version()


def test_a_write_moves_the_version_forward_even_if_the_clock_went_back(version_file):
    versions.data_version()
    tomorrow = time.time_ns() + 86_400 * 10**9  # the clock was set back a day since the last write
    os.utime(version_file, ns=(tomorrow, tomorrow))
    before = versions.data_version()
    versions.data_changed()
    assert versions.data_version() > before


def test_the_settings_use_the_file_exactly_when_there_is_no_shared_cache():
    from portal.settings import base

    assert (getattr(base, "DATA_VERSION_FILE", None) is None) == bool(base.REDIS_URL)


@pytest.mark.django_db
@pytest.mark.usefixtures("site_profile")
@override_settings(PAGE_CACHE_SECONDS=600, FRAGMENT_CACHE_SECONDS=600)
def test_a_write_in_another_worker_hides_the_pages_this_worker_keeps(version_file, client):
    from portal.news.models import Article, ArticleStatus, Category

    cache.clear()
    category = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong", order=1)
    article = Article.objects.create(title="Tiêu đề cũ", category=category, summary="Tóm tắt.", body="<p>x</p>",
                                     status=ArticleStatus.PUBLISHED,
                                     published_at=datetime.datetime(2017, 7, 21, 1, 0, tzinfo=datetime.UTC))
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    # another worker saves the article: the rows change and the shared file moves, while this
    # process's own cache still holds the old page
    Article.objects.filter(pk=article.pk).update(title="Tiêu đề mới")
    versions._touch(version_file)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Tiêu đề mới" in response.content.decode()
