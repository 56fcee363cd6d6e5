#!/usr/bin/env python
"""The report pages with a cold cache: every cache emptied before each hit (the page cache and the
per-data-version caches of computed figures, `portal.core.cache.cached`), so each hit computes
its figures from the database, as the first visitor after a write does. Issue 17's targets at
1,000,000 lines on PostgreSQL: statistics under 150 ms, look-up under 30 ms of server time.

    DATABASE_URL=... bench/cold_pages.py --label scale [--pages-file bench/out/pages.json] [--hits 7]

Production profile, in process (Django's test client, no cookies), the median of the hits after
one untimed hit; each statement is timed too (SQL ms). Merges its figures under `label` into
results/cold-<database>.json, which bench/results_md.py adds to RESULTS.md."""

import argparse
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
os.environ.setdefault("HTTPS_ONLY", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["PAGE_CACHE_SECONDS"] = "0"

# the pages whose figures are computed from the decision lines, and where they are by default
PAGES = {
    "statistics": "/thong-ke/",
    "statistics_year": "/thong-ke/?year_from=2020",
    "statistics_csv": "/thong-ke/thong-ke-khen-thuong.csv",
    "statistics_xlsx": "/thong-ke/thong-ke-khen-thuong.xlsx",
    "lookup": "/khen-thuong/?q=loc+binh",
    "form_0603": "/thong-ke/mau-0603/",
    "cluster_summary": None,  # from the pages file
}


def measure(pages: dict, hits: int) -> dict:
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from timing import make_hit

    hit = make_hit(Client())
    out = {}
    for name, url in pages.items():
        times, sql_ms, count = [], [], 0
        for i in range(hits + 1):
            statements = []

            def timed(execute, sql, params, many, context, statements=statements):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    statements.append((time.perf_counter() - start) * 1000)

            cache.clear()
            with connection.execute_wrapper(timed):
                ms, response = hit(url)
            if i:  # the first: a connection, imports, compiled templates
                times.append(ms)
                sql_ms.append(sum(statements))
                count = len(statements)
        out[name] = {"url": url, "ms": round(statistics.median(times), 2),
                     "sql_ms": round(statistics.median(sql_ms), 2), "queries": count,
                     "status": response.status_code, "hits": hits}
        print(f"{name:18} {out[name]['ms']:8.1f} ms  SQL {out[name]['sql_ms']:7.1f} ms  {count:3} queries  {url}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--label", default="scale", help="demo or scale: where the figures go in the JSON")
    ap.add_argument("--pages-file", help="run.py's resolved pages (for the seed cluster's summary)")
    ap.add_argument("--hits", type=int, default=7)
    args = ap.parse_args()
    pages = dict(PAGES)
    if args.pages_file:
        resolved = json.loads(Path(args.pages_file).read_text().strip().splitlines()[-1])
        pages.update({name: resolved[name] for name in pages if resolved.get(name)})
    pages = {name: url for name, url in pages.items() if url}
    figures = measure(pages, args.hits)
    from django.db import connection

    path = RESULTS / f"cold-{connection.vendor}.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[args.label] = {"at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "hits": args.hits, "pages": figures}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
