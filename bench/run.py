#!/usr/bin/env python
"""The portal's page-cost bench: `make bench` (or bench/run.py [--postgres] [--scale 100]).

It builds two databases, the demo and the demo plus `bench/generate.py --scale N`, and measures
every public page in process on each: the production profile, Django's test client through the
whole middleware stack, the median of N hits after a warm-up. A second, shorter pass times every
SQL statement (connection.execute_wrapper) to split each page's cost into SQL and Python and to
name the statements that dominate. /robots.txt through the same middleware is the ceiling.

It prints one table and writes bench/results/latest.json (and latest-<database>.json):
{"ceiling": {...}, "pages": {name: {"ms_demo", "ms_scale", "flatness", "rps", "ratio"}},
"reference": {...}, "meta": {...}} plus, in bench/results/detail-<database>.json, each page's
SQL/Python split and slowest statements. rps (wrk) and the reference (Wagtail, plain Django) are
not measured yet and are null; see bench/README.md.

Hits per page: BENCH_HITS (30), or 5 with BENCH_QUICK=1; a page stops early once it has used
BENCH_PAGE_SECONDS (20) and has at least 3 hits. --reuse keeps databases built by an earlier run.

Each database is measured in a child process (`run.py --measure URL`), so the two never share
a connection, a cache or an import."""

import argparse
import contextlib
import io
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"

# Resolved on the demo database, then measured unchanged on the scaled one: the same page, with
# more data around it. Pages that exist only with many rows (deep list pages) are scale-only.
PAGES_SNIPPET = """
import json
from django.db.models import Count
from awards.models import Decision
from clusters.models import Cluster, Person, Unit
from documents.models import Document
from meetings.models import Meeting
from portal.news.models import Article, Category

def first(qs):
    row = qs.first()
    return row.get_absolute_url() if row else None

seed_cluster = Cluster.objects.filter(slug="cum-thi-dua-cac-huyen-bien-gioi").first() or Cluster.objects.first()
pages = {
    "home": "/",
    "news_list": "/tin-tuc/",
    "news_category": first(Category.objects.order_by("order", "pk")),
    "article": first(Article.objects.published().filter(slug__startswith="hoi-nghi-so-ket"))
               or first(Article.objects.published()),
    "news_rss": "/tin-tuc/rss/",
    "news_atom": "/tin-tuc/atom/",
    "search": "/tim-kiem/?q=bien+gioi",
    "sitemap": "/sitemap.xml",
    "cluster_list": "/cum-thi-dua/",
    "cluster": seed_cluster and seed_cluster.get_absolute_url(),
    "unit": first(Unit.objects.filter(slug="huyen-loc-binh")) or first(Unit.objects.filter(kind="district")),
    "person": first(Person.objects.annotate(n=Count("award_lines")).order_by("-n", "pk")),
    "meeting_list": "/hoi-nghi/",
    "meeting_ical": "/hoi-nghi/lich.ics",
    "meeting": first(Meeting.objects.published().filter(date="2017-07-14")) or first(Meeting.objects.published()),
    "decision_list": "/quyet-dinh/",
    "decision": first(Decision.objects.published().annotate(n=Count("lines")).order_by("-n", "pk")),
    "lookup": "/khen-thuong/?q=loc+binh",
    "lookup_empty": "/khen-thuong/",
    "statistics": "/thong-ke/",
    "statistics_csv": "/thong-ke/thong-ke-khen-thuong.csv",
    "statistics_xlsx": "/thong-ke/thong-ke-khen-thuong.xlsx",
    "form_0603": "/thong-ke/mau-0603/",
    "form_0603_xlsx": "/thong-ke/mau-0603.xlsx",
    "cluster_summary": seed_cluster and f"/thong-ke/cum/{seed_cluster.slug}/2017/",
    "document_list": "/van-ban/",
    "document_rss": "/van-ban/rss/",
    "document": first(Document.objects.filter(slug__isnull=False).order_by("pk")),
}
print(json.dumps({k: v for k, v in pages.items() if v}))
"""
SCALE_ONLY = {
    "news_list_page40": "/tin-tuc/?page=40",
    "meeting_list_page40": "/hoi-nghi/?page=40",
    "decision_list_page40": "/quyet-dinh/?page=40",
}
CEILING = "/robots.txt"


def production_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "REDIS_URL"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": secrets.token_urlsafe(40),
        "HTTPS_ONLY": "0", "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost", "SERVE_MEDIA": "1",
        "STATIC_ROOT": str(OUT / "static"), "MEDIA_ROOT": str(OUT / "media"), "DATABASE_URL": database_url,
    })
    return env


def sh(args, env, **kw):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kw)


# --- building the two databases ----------------------------------------------------------------

def database_urls(postgres: bool, scale: int) -> tuple[str, str]:
    if postgres:
        return f"{PG}/portal_bench_demo", f"{PG}/portal_bench_{scale}"
    return f"sqlite:///{OUT / 'bench-demo.sqlite3'}", f"sqlite:///{OUT / f'bench-{scale}.sqlite3'}"


def exists(url: str) -> bool:
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).exists()
    name = url.rsplit("/", 1)[1]
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SELECT datname FROM pg_database"],
                         capture_output=True, text=True)
    return name in out.stdout.split()


def drop(url: str) -> None:
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", url.rsplit("/", 1)[1]],
                       check=True)


def build(demo_url: str, scale_url: str, scale: int, reuse: bool) -> dict:
    """The demo database, then the scaled one as a copy of it plus the generator's rows."""
    timings = {}
    env = production_env(demo_url)
    if not (reuse and exists(demo_url)):
        print("-- building the demo database", file=sys.stderr, flush=True)
        drop(demo_url)
        if not demo_url.startswith("sqlite"):
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", demo_url.rsplit("/", 1)[1]], check=True)
        sh([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
        sh([PY, "manage.py", "demo"], {**env, "DEBUG": "1"}, stdout=subprocess.DEVNULL)
    if not (reuse and exists(scale_url)):
        print(f"-- building scale {scale} (demo + bench/generate.py --scale {scale})", file=sys.stderr, flush=True)
        drop(scale_url)
        if scale_url.startswith("sqlite"):
            shutil.copyfile(demo_url.removeprefix("sqlite:///"), scale_url.removeprefix("sqlite:///"))
        else:
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "-T", demo_url.rsplit("/", 1)[1],
                            scale_url.rsplit("/", 1)[1]], check=True)
        start = time.monotonic()
        sh([PY, "bench/generate.py", "--scale", str(scale)], production_env(scale_url))
        timings["generate_s"] = round(time.monotonic() - start, 1)
    return timings


# --- measuring one database (child process) ----------------------------------------------------

def measure(database_url: str, pages: dict, hits: int, page_seconds: float) -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()

    def hit(url):
        start = time.perf_counter()
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return (time.perf_counter() - start) * 1000, response.status_code

    results = {}
    for name, url in pages.items():
        # warm-up (templates, translations, per-process caches): two hits, one for a slow page
        warm, status = hit(url)
        if warm < 1000:
            _, status = hit(url)
        times, spent = [], 0.0
        least = 3 if warm < page_seconds * 1000 / 3 else 1  # a page of many seconds: fewer hits
        while len(times) < hits and (len(times) < least or spent < page_seconds * 1000):
            ms, status = hit(url)
            times.append(ms)
            spent += ms
        # the SQL pass: every statement's time, grouped by its text (parameters apart)
        profiles = []
        for _ in range(min(3 if statistics.median(times) < 1000 else 1, len(times))):
            statements = []

            def timed(execute, sql, params, many, context, statements=statements):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    statements.append((sql, (time.perf_counter() - start) * 1000, params))

            with connection.execute_wrapper(timed):
                total, _ = hit(url)
            profiles.append((total, statements))
        profiles.sort(key=lambda p: p[0])
        total, statements = profiles[len(profiles) // 2]
        groups: dict[str, list] = {}
        example: dict[str, str] = {}
        for sql, ms, params in statements:
            groups.setdefault(sql, []).append(ms)
            example.setdefault(sql, repr(params)[:300])
        top = sorted(groups.items(), key=lambda g: -sum(g[1]))[:4]
        ms_median = statistics.median(times)
        sql_ms = statistics.median(sum(ms for _, ms, _ in s) for _, s in profiles)
        results[name] = {
            "url": url, "status": status, "hits": len(times), "ms": round(ms_median, 2),
            "sql_ms": round(sql_ms, 2), "python_ms": round(max(ms_median - sql_ms, 0), 2),
            "queries": len(statements),
            "top": [{"ms": round(sum(t), 2), "count": len(t), "sql": sql, "params": example[sql]} for sql, t in top],
        }
        print(f"   {name:22} {ms_median:9.2f} ms  ({len(times)} hits, {len(statements)} queries, "
              f"SQL {sql_ms:.1f} ms)", file=sys.stderr, flush=True)
    return {"vendor": connection.vendor, "pages": results}


def child(database_url: str, pages_file: str | None, resolve: bool, out: str, hits: int, page_seconds: float):
    sys.path.insert(0, str(ROOT))
    if resolve:
        import django

        django.setup()
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(PAGES_SNIPPET, {})  # noqa: S102 - this file's own snippet
        Path(out).write_text(buffer.getvalue())
        return
    pages = json.loads(Path(pages_file).read_text())
    Path(out).write_text(json.dumps(measure(database_url, pages, hits, page_seconds)))


def run_child(database_url: str, *extra) -> None:
    sh([PY, __file__, "--measure", database_url, *extra], production_env(database_url))


# --- report ---------------------------------------------------------------------------------------

def abbreviate(sql: str, width: int = 150) -> str:
    """One line, each list of model columns cut to "…", so the FROM, JOIN, WHERE and ORDER BY show
    (a COUNT or a DISTINCT of one or two columns stays)."""
    sql = " ".join(sql.split()).replace('"', "")
    sql = re.sub(r"SELECT ((?:(?!SELECT|FROM).)*?) FROM",
                 lambda m: f"SELECT {m.group(1) if m.group(1).count(',') < 3 else '…'} FROM", sql)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def report(demo: dict, scale: dict, scale_n: int, meta: dict) -> dict:
    ceiling_demo, ceiling_scale = demo["pages"].pop("ceiling"), scale["pages"].pop("ceiling")
    names = list(scale["pages"])
    print(f"\nin-process page cost, {meta['database']}: demo vs demo + --scale {scale_n} "
          f"(median of up to {meta['hits']} hits; SQL/Python split at scale)")
    print(f"{'page':22} {'ms_demo':>9} {'ms_scale':>9} {'flat':>6} {'sql_ms':>8} {'py_ms':>8} {'q':>4}  "
          "slowest statement")
    pages = {}
    for name in names:
        big = scale["pages"][name]
        small = demo["pages"].get(name)
        flat = big["ms"] / small["ms"] if small and small["ms"] else None
        slow = big["top"][0] if big["top"] else None
        slowest = f"{slow['ms']:.1f} ms x{slow['count']}: {abbreviate(slow['sql'], 90)}" if slow else ""
        print(f"{name:22} {small['ms'] if small else float('nan'):9.2f} {big['ms']:9.2f} "
              f"{flat if flat else float('nan'):6.2f} {big['sql_ms']:8.2f} {big['python_ms']:8.2f} "
              f"{big['queries']:4d}  {slowest}")
        if big["status"] != 200 or (small and small["status"] != 200):
            print(f"{'':22} status demo {small and small['status']}, scale {big['status']} ({big['url']})")
        pages[name] = {
            "ms_demo": small["ms"] if small else None, "ms_scale": big["ms"],
            "flatness": round(flat, 2) if flat else None,
            "rps": None, "ratio": round(big["ms"] / ceiling_scale["ms"], 1) if ceiling_scale["ms"] else None,
        }
    print(f"{'ceiling /robots.txt':22} {ceiling_demo['ms']:9.2f} {ceiling_scale['ms']:9.2f} "
          f"{ceiling_scale['ms'] / ceiling_demo['ms']:6.2f}")
    return {
        "ceiling": {"path": CEILING, "ms_demo": ceiling_demo["ms"], "ms_scale": ceiling_scale["ms"], "rps": None},
        "pages": pages,
        # not measured yet: Wagtail 8 blog page and a plain three-query Django article, same session
        "reference": {"wagtail_blog_page_ms": None, "plain_django_article_ms": None},
        "meta": meta,
    }


def main():
    ap = argparse.ArgumentParser(description="in-process page costs on the demo and on --scale N")
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--scales", type=int, nargs="+", help="older form: the largest is used as --scale")
    ap.add_argument("--postgres", action="store_true")
    ap.add_argument("--reuse", action="store_true", help="keep databases an earlier run built")
    ap.add_argument("--demo-url", help="measure this database as the demo (skips building it)")
    ap.add_argument("--scale-url", help="measure this database as the scaled one (skips building it)")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--pages", help=argparse.SUPPRESS)
    ap.add_argument("--resolve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    quick = os.environ.get("BENCH_QUICK") == "1"
    hits = int(os.environ.get("BENCH_HITS", "5" if quick else "30"))
    page_seconds = float(os.environ.get("BENCH_PAGE_SECONDS", "20"))
    if args.measure:
        child(args.measure, args.pages, args.resolve, args.out, hits, page_seconds)
        return
    scale = max(args.scales) if args.scales else args.scale
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    demo_url, scale_url = database_urls(args.postgres, scale)
    timings = {}
    if args.demo_url or args.scale_url:
        demo_url, scale_url = args.demo_url or demo_url, args.scale_url or scale_url
    else:
        timings = build(demo_url, scale_url, scale, args.reuse)
    sh([PY, "manage.py", "collectstatic", "--noinput", "-v0"], production_env(demo_url))
    pages_file = OUT / "pages.json"
    run_child(demo_url, "--resolve", "--out", str(pages_file))
    pages = json.loads(pages_file.read_text().strip().splitlines()[-1])
    measured = {}
    for label, url, extra in (("demo", demo_url, {}), ("scale", scale_url, SCALE_ONLY)):
        print(f"-- measuring {label}: {url}", file=sys.stderr, flush=True)
        todo = OUT / f"pages-{label}.json"
        todo.write_text(json.dumps({"ceiling": CEILING, **pages, **extra}))
        result_file = OUT / f"measure-{label}.json"
        run_child(url, "--pages", str(todo), "--out", str(result_file))
        measured[label] = json.loads(result_file.read_text())
    vendor = measured["scale"]["vendor"]
    meta = {"database": vendor, "scale": scale, "hits": hits, "quick": quick, "at": time.strftime("%Y-%m-%d %H:%M"),
            "profile": "portal.settings.production, in process (django.test.Client)", **timings}
    detail = {"meta": meta, "demo": measured["demo"]["pages"], "scale": measured["scale"]["pages"]}
    summary = report(measured["demo"], measured["scale"], scale, meta)
    text = json.dumps(summary, indent=1, ensure_ascii=False)
    (RESULTS / "latest.json").write_text(text + "\n")
    (RESULTS / f"latest-{vendor}.json").write_text(text + "\n")
    (RESULTS / f"detail-{vendor}.json").write_text(json.dumps(detail, indent=1, ensure_ascii=False) + "\n")
    print(f"\nwrote {RESULTS / 'latest.json'} and {RESULTS / f'detail-{vendor}.json'}")


if __name__ == "__main__":
    main()
