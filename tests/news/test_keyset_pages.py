"""Deep pages of a list are read by key (the last row of the page before), and hold exactly the
rows the offset would give, ties on the sort column included, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.core import pagination
from portal.core.pagination import CachedCountPaginator
from portal.news import selectors
from portal.news.models import Article

from .conftest import HCM

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(make_article):
    start = datetime.datetime(2017, 7, 1, 8, 0, tzinfo=HCM)
    for n in range(133):
        # every third article shares its time with the one before: the id breaks the tie
        make_article(published_at=start + datetime.timedelta(hours=n - n % 3 // 2))
    return selectors.article_public_list()


def _ids(page):
    return [article.pk for article in page.object_list]


def test_every_deep_page_holds_what_the_offset_gives(articles):
    offsets = Paginator(articles, 20)
    keyed = CachedCountPaginator(articles, 20, count_key=("test-news",), keys_never_null=True)
    assert keyed.num_pages == 7
    for number in range(1, 8):
        assert _ids(keyed.page(number)) == _ids(offsets.page(number)), number


def test_a_deep_page_seeks_instead_of_skipping(articles):
    keyed = CachedCountPaginator(articles, 20, count_key=("test-news",), keys_never_null=True)
    keyed.page(7)  # the page ends are read once
    with CaptureQueriesContext(connection) as ctx:
        rows = _ids(keyed.page(7))
    assert len(rows) == 13
    (sql,) = [q["sql"] for q in ctx.captured_queries]
    assert "OFFSET" not in sql.upper() and "LIMIT 20" in sql.upper()


def test_a_write_moves_the_page_ends(articles, make_article):
    keyed = CachedCountPaginator(articles, 20, count_key=("test-news",), keys_never_null=True)
    before = _ids(keyed.page(6))
    make_article(published_at=datetime.datetime(2020, 1, 1, tzinfo=HCM))  # a new first row
    moved = CachedCountPaginator(selectors.article_public_list(), 20, count_key=("test-news",),
                                 keys_never_null=True)
    after = _ids(moved.page(6))
    assert after != before and after == _ids(Paginator(selectors.article_public_list(), 20).page(6))


def test_mixed_directions_and_nullable_columns(articles):
    mixed = Article.objects.published().order_by("category_id", "-published_at", "-id")
    keyed = CachedCountPaginator(mixed, 20, count_key=("test-mixed",), keys_never_null=True)
    assert pagination._seek_order(mixed, keys_never_null=True) is not None
    assert [_ids(keyed.page(n)) for n in range(1, 8)] == [_ids(Paginator(mixed, 20).page(n)) for n in range(1, 8)]
    # a nullable column the caller does not vouch for: read by offset
    assert pagination._seek_order(articles) is None
    assert pagination._seek_order(articles, keys_never_null=True) is not None
