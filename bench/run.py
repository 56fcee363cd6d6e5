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
    else:
        # a kept demo database gets the migrations it lacks before the scaled one is copied from it
        sh([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
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

def measure(database_url: str, pages: dict, hits: int, page_seconds: float, cached_hits: int) -> dict:
    """Each page three times: uncached (PAGE_CACHE_SECONDS=0: the render, what issue 17's render
    targets mean; the portal's per-data-version caches, of computed values and of the rendered
    parts of pages, stay on as in production: what an officer with a session, or any visitor the
    page cache does not serve, gets), fully rendered (FRAGMENT_CACHE_SECONDS=0 too: the first
    visitor after a write; the SQL pass looks at this one) and cached (PAGE_CACHE_SECONDS=600: one
    hit stores the page, the timed hits are served by portal.core.pagecache)."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from timing import make_hit, median_of

    hit = make_hit(Client())

    results = {}
    for name, url in pages.items():
        with override_settings(PAGE_CACHE_SECONDS=0):
            measured = median_of(hit, url, hits, page_seconds)
            times, status = measured["times"], measured["status"]
        # the full render: nothing stored, neither the page nor its parts (portal.core.fragments),
        # as for the first visitor after a write; the SQL pass looks at this render
        with override_settings(PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0):
            full = median_of(hit, url, hits, page_seconds)
            # the SQL pass: every statement's time, grouped by its text (parameters apart)
            profiles = []
            for _ in range(min(3 if full["ms"] < 1000 else 1, len(full["times"]))):
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
        cached = {"ms": None, "hits": 0, "served": None}
        if cached_hits and statistics.median(times) < 5000:
            with override_settings(PAGE_CACHE_SECONDS=600):
                _, first = hit(url)  # stores the page (or says why not)
                cached["served"] = first.get("X-Page-Cache") or "not stored"
                if cached["served"] == "miss":
                    again = median_of(hit, url, cached_hits, page_seconds, warm=False)
                    cached.update(ms=again["ms"], hits=again["hits"],
                                  served=again["response"].get("X-Page-Cache") or "not stored")
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
            "ms_full": round(full["ms"], 2),
            "ms_cached": cached["ms"] and round(cached["ms"], 3), "cached_hits": cached["hits"],
            "cache": cached["served"],
            "sql_ms": round(sql_ms, 2), "python_ms": round(max(full["ms"] - sql_ms, 0), 2),
            "queries": len(statements),
            "top": [{"ms": round(sum(t), 2), "count": len(t), "sql": sql, "params": example[sql]} for sql, t in top],
        }
        cached_text = f"cached {cached['ms']:.3f} ms" if cached["ms"] else f"cached: {cached['served']}"
        print(f"   {name:22} {ms_median:9.2f} ms  (full render {full['ms']:.2f} ms; {len(times)} hits, "
              f"{len(statements)} queries, SQL {sql_ms:.1f} ms; {cached_text})", file=sys.stderr, flush=True)
    return {"vendor": connection.vendor, "pages": results}


def child(database_url: str, pages_file: str | None, resolve: bool, out: str, hits: int, page_seconds: float,
          cached_hits: int):
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
    Path(out).write_text(json.dumps(measure(database_url, pages, hits, page_seconds, cached_hits)))


def run_child(database_url: str, *extra) -> None:
    sh([PY, __file__, "--measure", database_url, *extra], production_env(database_url))


# --- the references: Wagtail and plain Django, in process, same method ---------------------------

def reference_venv() -> Path | None:
    """bench/out/refvenv with bench/reference/requirements.txt (Wagtail), made on first use from the
    interpreter running this script; None (and a message) where pip cannot reach PyPI."""
    venv = OUT / "refvenv"
    python = venv / "bin" / "python"
    requirements = ROOT / "bench" / "reference" / "requirements.txt"
    stamp = venv / ".installed"
    if stamp.exists() and stamp.read_text() == requirements.read_text():
        return python
    print("-- making the throwaway venv bench/out/refvenv (Wagtail from PyPI)", file=sys.stderr, flush=True)
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(requirements)], check=True,
                       stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as exc:
        print(f"   no Wagtail reference: {exc} (pip install -r {requirements} in {venv} by hand)", file=sys.stderr)
        return None
    stamp.write_text(requirements.read_text())
    return python


def references(hits: int, page_seconds: float) -> dict:
    """{"wagtail": ..., "plain_django": ..., "plain_django_refvenv": ...}, each {"article": {"ms",
    "queries"…}, "list": …, "versions"}; run in this machine's same minutes as the portal's pages."""
    script = ROOT / "bench" / "reference" / "measure.py"
    found = {}
    runs = [("plain_django", Path(PY), "plain")]
    refvenv = reference_venv()
    if refvenv:
        runs += [("wagtail", refvenv, "wagtail"), ("plain_django_refvenv", refvenv, "plain")]
    for label, python, project in runs:
        out = OUT / f"reference-{label}.json"
        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
        try:
            subprocess.run([str(python), str(script), project, "--hits", str(hits), "--page-seconds",
                            str(page_seconds), "--out", str(out)], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        except subprocess.CalledProcessError as exc:
            print(f"   reference {label} failed: {exc}", file=sys.stderr)
            continue
        result = json.loads(out.read_text())
        found[label] = {**result["pages"], "versions": result["versions"]}
        print(f"   reference {label:22} article {result['pages']['article']['ms']:7.2f} ms "
              f"({result['pages']['article']['queries']} queries), list {result['pages']['list']['ms']:7.2f} ms",
              file=sys.stderr, flush=True)
    return found


# --- throughput: wrk against gunicorn on the production profile ----------------------------------

WRK_HELP = "wrk is not installed: `apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk`; throughput skipped"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url: str, seconds: int, connections: int = 16) -> dict:
    subprocess.run(["wrk", "-t2", f"-c{connections}", "-d1s", url], capture_output=True, check=True)  # warm-up
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
                         capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p99_ms": round(float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)], 2)
            if p99 else None, "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors and errors.group(1)}


def throughput(database_url: str, pages: dict, seconds: int) -> dict | None:
    """wrk -c16 against gunicorn (portal/gunicorn.conf.py, its default workers and threads) on the
    production profile: first as deployed (PAGE_CACHE_SECONDS=600, so an anonymous page is a
    cache hit after its first request in each worker), then with PAGE_CACHE_SECONDS=0 (every
    request renders). /robots.txt is the ceiling in both."""
    if not shutil.which("wrk"):
        print(f"-- {WRK_HELP}", file=sys.stderr, flush=True)
        return None
    import urllib.request

    found = {"workers": None, "seconds": seconds, "connections": 16, "cached": {}, "uncached": {}}
    for mode, cache_seconds in (("cached", "600"), ("uncached", "0")):
        port = free_port()
        env = {**production_env(database_url), "PAGE_CACHE_SECONDS": cache_seconds,
               "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_LOGLEVEL": "warning"}
        server = subprocess.Popen([str(Path(PY).parent / "gunicorn"), "-c", "portal/gunicorn.conf.py", "portal.wsgi"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(150):
                try:
                    urllib.request.urlopen(base + CEILING, timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                print(f"   gunicorn did not answer on {base}", file=sys.stderr)
                continue
            for name, path in pages.items():
                with urllib.request.urlopen(base + path, timeout=60) as first:
                    first.read()
                result = wrk(base + path, seconds)
                with urllib.request.urlopen(base + path, timeout=60) as after:
                    result["served"] = after.headers.get("X-Page-Cache") or "rendered"
                found[mode][name] = result
                print(f"   wrk {mode:8} {name:16} {result['rps']:8.1f} req/s  p99 {result['p99_ms']} ms  "
                      f"({result['served']}, non-2xx {result['non_2xx']})", file=sys.stderr, flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    found["workers"] = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() * 2 + 1))
    return found


# --- report ---------------------------------------------------------------------------------------

# issue 17's render targets, as a share of the Wagtail blog page measured in the same run
DETAIL_PAGES = ("article", "cluster", "meeting", "decision")
LIST_PAGES = ("news_list", "news_category", "cluster_list", "meeting_list", "decision_list", "document_list")
WRK_PAGES = ("ceiling", "article", "home", "news_list", "meeting", "decision_list")


def abbreviate(sql: str, width: int = 150) -> str:
    """One line, each list of model columns cut to "…", so the FROM, JOIN, WHERE and ORDER BY show
    (a COUNT or a DISTINCT of one or two columns stays)."""
    sql = " ".join(sql.split()).replace('"', "")
    sql = re.sub(r"SELECT ((?:(?!SELECT|FROM).)*?) FROM",
                 lambda m: f"SELECT {m.group(1) if m.group(1).count(',') < 3 else '…'} FROM", sql)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def limit_of(page: dict) -> str:
    """What the page's time goes to, from its SQL pass: the SQL share and the statement that
    dominates, or the Python side (templates, ORM, serialising) with its query count."""
    sql, total, q = page["sql_ms"], page.get("ms_full", page["ms"]), page["queries"]
    top = page["top"][0] if page["top"] else None
    if top and sql >= 0.5 * total:
        return f"SQL {sql:.0f} of {total:.0f} ms; {top['ms']:.0f} ms ×{top['count']}: {abbreviate(top['sql'], 110)}"
    text = f"Python {total - sql:.0f} of {total:.0f} ms ({q} queries, SQL {sql:.1f} ms)"
    if top and top["count"] > 3:
        text += f"; a statement ×{top['count']}: {abbreviate(top['sql'], 80)}"
    return text


def ratio(a, b, digits=2):
    return round(a / b, digits) if a and b else None


def report(demo: dict, scale: dict, scale_n: int, meta: dict, refs: dict, rps: dict | None) -> dict:
    ceiling_demo, ceiling_scale = demo["pages"].pop("ceiling"), scale["pages"].pop("ceiling")
    wagtail = refs.get("wagtail", {})
    wagtail_article = wagtail.get("article", {}).get("ms")
    names = list(scale["pages"])
    cached_rps, uncached_rps = (rps or {}).get("cached", {}), (rps or {}).get("uncached", {})
    ceiling_rps = cached_rps.get("ceiling", {}).get("rps")
    ceiling_rps_uncached = uncached_rps.get("ceiling", {}).get("rps")
    print(f"\n{meta['database']}: in-process ms, demo vs demo + --scale {scale_n} (median of up to {meta['hits']} "
          f"hits, page cache off = render; cached = served by the page cache, at scale); wrk c=16 at scale")
    print(f"{'page':22} {'ms_demo':>8} {'ms_scale':>8} {'flat':>5} {'cached':>7} {'sql_ms':>7} {'q':>4} "
          f"{'xceil':>6} {'/wagt':>6} {'rps':>7} {'rps%':>5} {'rps_unc':>7}  limit at scale")
    pages = {}
    for name in names:
        big, small = scale["pages"][name], demo["pages"].get(name)
        flat = ratio(big["ms"], small and small["ms"])
        to_wagtail = ratio(small and small["ms"], wagtail_article)
        r, ru = cached_rps.get(name, {}).get("rps"), uncached_rps.get(name, {}).get("rps")
        target = 0.25 if name in DETAIL_PAGES else 0.5 if name in LIST_PAGES else None
        pages[name] = {
            "ms_demo": small and small["ms"], "ms_scale": big["ms"], "flatness": flat,
            "ms_full_demo": small and small.get("ms_full"), "ms_full_scale": big.get("ms_full"),
            "flatness_full": ratio(big.get("ms_full"), small and small.get("ms_full")),
            "rps": r, "ratio": ratio(big["ms"], ceiling_scale["ms"], 1),
            "ms_cached_demo": small and small["ms_cached"], "ms_cached_scale": big["ms_cached"],
            "cache": big["cache"], "sql_ms_scale": big["sql_ms"], "queries_scale": big["queries"],
            "rps_ratio": ratio(r, ceiling_rps), "rps_uncached": ru,
            "rps_uncached_ratio": ratio(ru, ceiling_rps_uncached),
            "wagtail_ratio": to_wagtail, "wagtail_target": target, "limit": limit_of(big),
        }
        fmt = lambda v, w, d=2: f"{v:{w}.{d}f}" if v is not None else f"{'-':>{w}}"  # noqa: E731
        print(f"{name:22} {fmt(small and small['ms'], 8)} {fmt(big['ms'], 8)} {fmt(flat, 5)} "
              f"{fmt(big['ms_cached'], 7, 3)} {fmt(big['sql_ms'], 7, 1)} {big['queries']:4d} "
              f"{fmt(pages[name]['ratio'], 6, 0)} {fmt(to_wagtail, 6)} {fmt(r, 7, 0)} "
              f"{fmt(pages[name]['rps_ratio'], 5)} {fmt(ru, 7, 0)}  {limit_of(big)[:90]}")
        if big["status"] != 200 or (small and small["status"] != 200):
            print(f"{'':22} status demo {small and small['status']}, scale {big['status']} ({big['url']})")
    print(f"{'ceiling /robots.txt':22} {ceiling_demo['ms']:8.2f} {ceiling_scale['ms']:8.2f} "
          f"{ratio(ceiling_scale['ms'], ceiling_demo['ms']) or 0:5.2f} {ceiling_scale['ms_cached'] or 0:7.3f}"
          f"{'':27}{ceiling_rps or 0:8.0f} {'1.00':>5} {ceiling_rps_uncached or 0:7.0f}")
    for label, ref in refs.items():
        print(f"reference {label:20} article {ref['article']['ms']:.2f} ms ({ref['article']['queries']} queries), "
              f"list {ref['list']['ms']:.2f} ms ({ref['versions']})")
    return {
        "ceiling": {"path": CEILING, "ms_demo": ceiling_demo["ms"], "ms_scale": ceiling_scale["ms"],
                    "ms_cached_scale": ceiling_scale["ms_cached"], "rps": ceiling_rps,
                    "rps_uncached": ceiling_rps_uncached},
        "pages": pages,
        "reference": {
            "wagtail_blog_page_ms": wagtail_article, "wagtail_blog_index_ms": wagtail.get("list", {}).get("ms"),
            "plain_django_article_ms": refs.get("plain_django", {}).get("article", {}).get("ms"),
            "plain_django_list_ms": refs.get("plain_django", {}).get("list", {}).get("ms"),
            "plain_django_article_ratio": ratio(refs.get("plain_django", {}).get("article", {}).get("ms"),
                                                wagtail_article),
            "runs": refs,
        },
        "throughput": rps,
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
    ap.add_argument("--no-wrk", action="store_true", help="skip the throughput part")
    ap.add_argument("--no-reference", action="store_true", help="skip Wagtail and plain Django")
    ap.add_argument("--no-profile", action="store_true", help="skip the cProfile pass at demo size")
    ap.add_argument("--no-cold", action="store_true", help="skip the report pages with a cold cache")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--pages", help=argparse.SUPPRESS)
    ap.add_argument("--resolve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    quick = os.environ.get("BENCH_QUICK") == "1"
    hits = int(os.environ.get("BENCH_HITS", "5" if quick else "30"))
    cached_hits = int(os.environ.get("BENCH_CACHED_HITS", "20" if quick else "100"))
    page_seconds = float(os.environ.get("BENCH_PAGE_SECONDS", "8" if quick else "20"))
    wrk_seconds = int(os.environ.get("BENCH_WRK_SECONDS", "5" if quick else "10"))
    if args.measure:
        child(args.measure, args.pages, args.resolve, args.out, hits, page_seconds, cached_hits)
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
    # migrations an older database lacks (new indexes): the pages are measured as deployed
    for url in (demo_url, scale_url):
        sh([PY, "manage.py", "migrate", "--noinput", "-v0"], production_env(url))
    sh([PY, "manage.py", "collectstatic", "--noinput", "-v0"], production_env(demo_url))
    pages_file = OUT / "pages.json"
    run_child(demo_url, "--resolve", "--out", str(pages_file))
    pages = json.loads(pages_file.read_text().strip().splitlines()[-1])
    started = time.monotonic()
    measured, refs = {}, {}
    for label, url, extra in (("demo", demo_url, {}), ("scale", scale_url, SCALE_ONLY)):
        print(f"-- measuring {label}: {url}", file=sys.stderr, flush=True)
        todo = OUT / f"pages-{label}.json"
        todo.write_text(json.dumps({"ceiling": CEILING, **pages, **extra}))
        result_file = OUT / f"measure-{label}.json"
        run_child(url, "--pages", str(todo), "--out", str(result_file))
        measured[label] = json.loads(result_file.read_text())
        if label == "demo" and not args.no_reference:
            # right after the demo pages, so the render ratios compare minutes of the same load
            print("-- measuring the references (Wagtail blog page, plain Django article)", file=sys.stderr, flush=True)
            refs = references(hits, page_seconds)
    if not args.no_cold:
        print("-- the report pages with a cold cache (bench/cold_pages.py)", file=sys.stderr, flush=True)
        for label, url in (("demo", demo_url), ("scale", scale_url)):
            sh([PY, "bench/cold_pages.py", "--label", label, "--pages-file", str(pages_file),
                "--hits", "3" if quick else "7"], production_env(url), stdout=subprocess.DEVNULL)
    rps = None
    if not args.no_wrk:
        print(f"-- wrk c=16, {wrk_seconds} s a page, gunicorn on the production profile: {scale_url}",
              file=sys.stderr, flush=True)
        rps = throughput(scale_url, {n: (CEILING if n == "ceiling" else pages[n]) for n in WRK_PAGES
                                     if n == "ceiling" or n in pages}, wrk_seconds)
    vendor = measured["scale"]["vendor"]
    if not args.no_profile:
        print("-- profiling the uncached render at demo size (bench/profile_pages.py)", file=sys.stderr, flush=True)
        sh([PY, "bench/profile_pages.py", "--hits", "5" if quick else "10", "--pages-file", str(pages_file),
            "--out", str(RESULTS / f"profile-{vendor}.json")], production_env(demo_url), stdout=subprocess.DEVNULL)
    meta = {"database": vendor, "scale": scale, "hits": hits, "cached_hits": cached_hits, "quick": quick,
            "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "measure_s": round(time.monotonic() - started),
            "profile": "portal.settings.production, in process (django.test.Client), no cookies",
            "git": git_state(), **timings}
    detail = {"meta": meta, "demo": measured["demo"]["pages"], "scale": measured["scale"]["pages"]}
    summary = report(measured["demo"], measured["scale"], scale, meta, refs, rps)
    text = json.dumps(summary, indent=1, ensure_ascii=False)
    (RESULTS / f"latest-{vendor}.json").write_text(text + "\n")
    (RESULTS / f"detail-{vendor}.json").write_text(json.dumps(detail, indent=1, ensure_ascii=False) + "\n")
    combine()
    print(f"\nwrote {RESULTS / f'latest-{vendor}.json'}, latest.json, detail-{vendor}.json and bench/RESULTS.md")


def git_state() -> str:
    """The commit measured, and whether the working tree had changes (they are measured too)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench"], cwd=ROOT,
                           capture_output=True, text=True)
    return head.stdout.strip() + (" + uncommitted changes outside bench/" if dirty.stdout.strip() else "")


def combine() -> None:
    """results/latest.json: the issue's shape for the most recent run (top level), with every
    database's latest run under "databases"; then bench/RESULTS.md from the same files."""
    runs = {}
    for vendor in ("sqlite", "postgresql"):
        path = RESULTS / f"latest-{vendor}.json"
        if path.exists():
            runs[vendor] = json.loads(path.read_text())
    if not runs:
        return
    newest = max(runs.values(), key=lambda r: r["meta"]["at"])
    (RESULTS / "latest.json").write_text(json.dumps({**newest, "databases": runs}, indent=1, ensure_ascii=False)
                                         + "\n")
    import results_md

    (ROOT / "bench" / "RESULTS.md").write_text(results_md.render(runs, RESULTS))


if __name__ == "__main__":
    main()
