"""Public pages run a fixed number of SQL queries whatever the amount of news."""

import pytest
from django.urls import reverse

from portal.news import services

from .conftest import jpeg


def grow(make_article, n, *, photos=0):
    made = []
    for index in range(n):
        article = make_article(title=f"Lạng Sơn tin số {index}", body=f"<p>Nội dung Lạng Sơn {index}</p>")
        for order in range(photos):
            services.article_photo_add(article=article, image=jpeg(f"a{index}-{order}.jpg"),
                                       alt_text=f"Ảnh {order}", caption=f"Ảnh: {order}", order=order)
        made.append(article)
    return made


def queries_for(client, url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("url_name", ["home", "news:list", "search"])
def test_list_pages_keep_their_query_count_as_news_grows(url_name, make_article, client, site_profile,
                                                         django_assert_max_num_queries):
    url = reverse(url_name) + ("?q=lang+son" if url_name == "search" else "")
    grow(make_article, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(make_article, 30)
    queries_for(client, url, django_assert_max_num_queries, len(small.captured_queries))


def test_article_page_keeps_its_query_count_with_more_photos_and_news(make_article, client, site_profile,
                                                                      django_assert_max_num_queries):
    article = grow(make_article, 1, photos=1)[0]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(article.get_absolute_url())
    for order in range(2, 8):
        services.article_photo_add(article=article, image=jpeg(f"more-{order}.jpg"), alt_text="Ảnh", order=order)
    grow(make_article, 15)
    response = queries_for(client, article.get_absolute_url(), django_assert_max_num_queries,
                           len(small.captured_queries))
    assert response.content.decode().count("data-lightbox-item") == 7


@pytest.mark.parametrize(("url_name", "budget"), [("home", 12), ("news:list", 7), ("search", 10)])
def test_pages_stay_within_a_small_absolute_budget(url_name, budget, make_article, client, site_profile,
                                                   django_assert_max_num_queries):
    grow(make_article, 25)
    url = reverse(url_name) + ("?q=lang+son" if url_name == "search" else "")
    queries_for(client, url, django_assert_max_num_queries, budget)


@pytest.mark.parametrize("url", ["/tin-tuc/rss/", "/tin-tuc/atom/", "/sitemap.xml",
                                 "/tin-tuc/chuyen-muc/hoat-dong-cum-khoi-thi-dua/"])
def test_feeds_sitemap_and_category_pages_keep_their_query_count(url, make_article, client, site_profile,
                                                                 django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    grow(make_article, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(make_article, 30)
    queries_for(client, url, django_assert_max_num_queries, len(small.captured_queries))
