"""Every public page runs no more SQL queries on `bench/generate.py --scale 5` data than on the
demo (issue 17): a page that starts querying per row fails here, whatever test data it was
written against.

The data is built once for the module, inside a transaction rolled back at its end: the demo
(`manage.py demo`), each page's query count taken on it, then the generator's `run(5)` in
process (250 units, 50 clusters over 10 years, 1,000 meetings, 1,000 articles, 200 decisions of
250 lines: 50,000 lines). Each page is then asked for again, every cache emptied first, so the
count is that of the first visitor after a write."""

import importlib.util
import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

SCALE = 5
GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _first(queryset):
    row = queryset.first()
    return row.get_absolute_url() if row else None


def _pages() -> dict[str, str]:
    """The demo's pages, as bench/run.py picks them: the same addresses are asked for at scale."""
    from awards.models import Decision, Movement
    from clusters.models import Cluster
    from documents.models import Document
    from meetings.models import Meeting
    from portal.news.models import Article

    seed_cluster = Cluster.objects.filter(slug="cum-thi-dua-cac-huyen-bien-gioi").first()
    pages = {
        "home": "/",
        "news_list": "/tin-tuc/",
        "article": _first(Article.objects.published().filter(slug__startswith="hoi-nghi-so-ket")),
        "meeting_list": "/hoi-nghi/",
        "meeting": _first(Meeting.objects.published().filter(date="2017-07-14")),
        "cluster_list": "/cum-thi-dua/",
        "cluster": seed_cluster.get_absolute_url(),
        "decision_list": "/quyet-dinh/",
        "decision": _first(Decision.objects.published().annotate(n=Count("lines")).order_by("-n", "pk")),
        "lookup": "/khen-thuong/?q=loc+binh",
        "statistics": "/thong-ke/",
        "statistics_by_unit": None,  # below, once the unit is known
        "search": "/tim-kiem/?q=bien+gioi",
        "sitemap": "/sitemap.xml",
        "feed": "/tin-tuc/rss/",
        "document_list": "/van-ban/",
        "document": _first(Document.objects.filter(is_published=True).order_by("pk")),
        "movement_list": "/phong-trao/",
        "movement": _first(Movement.objects.published().order_by("pk")),
    }
    from clusters.models import Unit

    loc_binh = Unit.objects.get(slug="huyen-loc-binh")
    pages["statistics_by_unit"] = f"/thong-ke/?unit={loc_binh.pk}"
    missing = [name for name, url in pages.items() if not url]
    assert not missing, f"the demo has no page for {missing}"
    return pages


def _count(client: Client, url: str) -> int:
    cache.clear()  # the page cache and the computed figures: the first visitor after a write
    client.cookies.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        count = len(ctx)  # read at once: the query log is bounded
    assert response.status_code == 200, url
    return count


@pytest.fixture(scope="module")
def budgets(django_db_setup, django_db_blocker):
    """{page: (url, queries on the demo)}, with the database holding the demo plus --scale 5
    until the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):  # the demo command refuses to run without it
            call_command("demo", stdout=io.StringIO())
        client = Client()
        pages = _pages()
        demo = {name: (url, _count(client, url)) for name, url in pages.items()}
        _generator().run(SCALE, seed=1)
        yield demo
        transaction.set_rollback(True)


PAGES = ["home", "news_list", "article", "meeting_list", "meeting", "cluster_list", "cluster", "decision_list",
         "decision", "lookup", "statistics", "statistics_by_unit", "search", "sitemap", "feed", "document_list",
         "document", "movement_list", "movement"]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_no_more_queries_at_scale_5_than_on_the_demo(page, budgets, db, client):
    url, on_demo = budgets[page]
    at_scale = _count(client, url)
    assert at_scale <= on_demo, f"{url}: {at_scale} queries at --scale {SCALE}, {on_demo} on the demo"


# The rendered parts of a page (portal.core.fragments) spare its queries for every visitor the
# page cache does not serve (officers and staff have a session): once stored, a page reads nothing
# at all (a detail page's id and title, a list's count are cached reads too).
HIT_QUERIES = {"home": 0, "news_list": 0, "article": 0, "meeting_list": 0, "meeting": 0, "cluster_list": 0,
               "cluster": 0, "decision_list": 0, "decision": 0, "document_list": 0, "lookup": 0}
NONCE = re.compile(rb' nonce="[^"]*"')


@override_settings(FRAGMENT_CACHE_SECONDS=600)
@pytest.mark.parametrize("page", list(HIT_QUERIES))
def test_a_page_whose_parts_are_stored_reads_at_most_its_own_row(page, budgets, db, client):
    url, _on_demo = budgets[page]
    cache.clear()
    client.cookies.clear()
    first = client.get(url)
    client.cookies.clear()
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(url)
    assert second.status_code == 200
    assert len(ctx) <= HIT_QUERIES[page], [q["sql"] for q in ctx.captured_queries]
    assert NONCE.sub(b"", second.content) == NONCE.sub(b"", first.content)


# Lists whose deep pages are read by key (portal.core.pagination): no query skips rows by OFFSET.
DEEP_PAGES = {"news_list": 45, "meeting_list": 45, "decision_list": 9}


@pytest.mark.parametrize("page", list(DEEP_PAGES))
def test_a_deep_page_of_a_list_is_read_by_key(page, budgets, db, client):
    url, _on_demo = budgets[page]
    address = f"{url}?page={DEEP_PAGES[page]}"
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert response.status_code == 200
    assert f"<span aria-current=\"page\">{DEEP_PAGES[page]}</span>" in response.content.decode()
    offsets = [q["sql"] for q in ctx.captured_queries if " OFFSET " in q["sql"].upper()]
    assert offsets == [], offsets
