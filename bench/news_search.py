"""Time the site search over a large news archive: `python bench/news_search.py [N]`.

Fills a scratch database (DATABASE_URL, default an SQLite file under /tmp) with N published
articles (default 20,000) written like the Sở's news, then times searches through the test
client: the ranked UNION page, its count and the row loads. Prints the median per query."""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/portal-bench-news.sqlite3")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from portal.core.text import fold  # noqa: E402
from portal.news import search as site_search  # noqa: E402
from portal.news.models import Article, ArticleStatus, Category  # noqa: E402
from portal.news.sanitize import html_to_text  # noqa: E402

TEXT = ("thi đua khen thưởng hội nghị sơ kết tổng kết cụm huyện biên giới Lạng Sơn Văn Lãng Lộc Bình Tràng Định "
        "Cao Lộc Đình Lập đoàn đại biểu phong trào nông thôn mới tập huấn nghiệp vụ kiểm tra giám sát doanh nhân "
        "doanh nghiệp tiêu biểu Hoàng Văn Thụ kỷ niệm thương binh liệt sĩ")
WORDS = TEXT.split(" ")
QUERIES = ["lang son", "doan", "hoang van thu", "hoi nghi so ket", "khen thuong", "zzzz"]


def fill(n: int) -> None:
    if Article.objects.count() >= n:
        return
    category, _ = Category.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    rng = random.Random(2017)
    start = datetime.datetime(2010, 1, 1, tzinfo=datetime.UTC)
    rows = []
    for i in range(n):
        title = " ".join(rng.choices(WORDS, k=12))
        body = "".join(f"<p>{' '.join(rng.choices(WORDS, k=80))}</p>" for _ in range(5))
        rows.append(Article(
            title=title, slug=f"bench-{i}", category=category, summary=title, body=body,
            status=ArticleStatus.PUBLISHED, published_at=start + datetime.timedelta(hours=i), is_sample=True,
            search_title=fold(title), search_text=fold(" ".join([title, title, html_to_text(body)])),
        ))
        if len(rows) == 2000:
            Article.objects.bulk_create(rows)
            rows = []
    Article.objects.bulk_create(rows)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    fill(n)
    client = Client()
    print(f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, {Article.objects.count()} articles")
    for query in QUERIES:
        timings = []
        for _ in range(5):
            began = time.perf_counter()
            response = client.get("/tim-kiem/", {"q": query})
            timings.append(time.perf_counter() - began)
        assert response.status_code == 200
        count = site_search.ranked_keys(query).count()
        print(f"  {query!r:20} {count:6} results  median {statistics.median(timings) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
