"""Measure a reference page in process, with bench/timing.py, the method run.py uses for the portal.

usage: python bench/reference/measure.py plain|wagtail --hits N --out FILE [--page-seconds S]

`plain` runs with any Django (run.py uses the portal's venv, and the throwaway venv too, so a
difference of Django versions would show); `wagtail` needs the throwaway venv bench/out/refvenv
(bench/reference/requirements.txt). The first run creates bench/out/reference/<name>.sqlite3 and
fills it: 50 articles (or blog pages) in two categories (a blog index), each with the same
eight-paragraph body. The measured pages: one article (and the list of 20 on its category / the
blog index). Prints and writes {"page": {"ms", "hits", "queries", "bytes"}, "versions": {...}}."""

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

PROJECTS = {"plain": "bench.reference.plain.settings", "wagtail": "bench.reference.wagtailblog.settings"}
ARTICLES = 50


def seed_plain():
    from bench.reference.common import BODY
    from bench.reference.plain.articles.models import Article, Category

    news = Category.objects.create(name="Tin hoạt động", slug="tin-hoat-dong", order=1)
    Category.objects.create(name="Thông báo", slug="thong-bao", order=2)
    start = datetime.datetime(2024, 1, 1, 8, tzinfo=datetime.UTC)
    Article.objects.bulk_create(
        Article(category=news, title=f"Hội nghị sơ kết công tác thi đua số {i}", slug=f"hoi-nghi-so-ket-{i}",
                summary="Tóm tắt bài viết về hội nghị.", body=BODY, date=start + datetime.timedelta(days=i))
        for i in range(ARTICLES))
    return {"article": "/tin-tuc/tin-hoat-dong/hoi-nghi-so-ket-25/", "list": "/tin-tuc/tin-hoat-dong/"}


def seed_wagtail():
    from wagtail.models import Page, Site

    from bench.reference.common import BODY
    from bench.reference.wagtailblog.blog.models import BlogIndexPage, BlogPage

    root = Page.get_first_root_node()
    for page in root.get_children():  # the "Welcome" page wagtail's migrations make
        page.delete()
    home = root.add_child(instance=Page(title="Trang chủ", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)
    index = home.add_child(instance=BlogIndexPage(title="Tin hoạt động", slug="tin-hoat-dong"))
    home.add_child(instance=BlogIndexPage(title="Thông báo", slug="thong-bao"))
    for i in range(ARTICLES):
        index.add_child(instance=BlogPage(
            title=f"Hội nghị sơ kết công tác thi đua số {i}", slug=f"hoi-nghi-so-ket-{i}",
            intro="Tóm tắt bài viết về hội nghị.", body=BODY,
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i)))
    return {"article": "/tin-hoat-dong/hoi-nghi-so-ket-25/", "list": "/tin-hoat-dong/"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("project", choices=sorted(PROJECTS))
    ap.add_argument("--hits", type=int, default=30)
    ap.add_argument("--page-seconds", type=float, default=20)
    ap.add_argument("--out")
    args = ap.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = PROJECTS[args.project]
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from timing import make_hit, median_of

    db = Path(settings.DATABASES["default"]["NAME"])
    db.parent.mkdir(parents=True, exist_ok=True)
    marker = db.with_suffix(".pages.json")
    if not (db.exists() and marker.exists()):
        db.unlink(missing_ok=True)
        call_command("migrate", "--noinput", verbosity=0)
        marker.write_text(json.dumps((seed_plain if args.project == "plain" else seed_wagtail)()))
    pages = json.loads(marker.read_text())
    hit = make_hit(Client())
    results = {}
    for name, url in pages.items():
        measured = median_of(hit, url, args.hits, args.page_seconds)
        with CaptureQueriesContext(connection) as queries:
            _, response = hit(url)
        results[name] = {"url": url, "ms": measured["ms"], "hits": measured["hits"], "status": response.status_code,
                         "queries": len(queries), "bytes": len(response.content)}
    versions = {"django": django.get_version(), "python": sys.version.split()[0]}
    try:
        import wagtail

        versions["wagtail"] = wagtail.__version__
    except ImportError:
        pass
    out = {"project": args.project, "pages": results, "versions": versions}
    text = json.dumps(out, indent=1)
    if args.out:
        Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
