#!/usr/bin/env python
"""Where an uncached render spends its time: `bench/profile_pages.py [--hits 10] [PAGE...]`.

On the database DATABASE_URL names (run.py uses the demo-size bench database), production profile,
PAGE_CACHE_SECONDS=0, each page is hit three times to warm up and then `--hits` times under
cProfile (standard library: nothing is installed into the portal's venv). Reported per page, with
file:line:

- the portal's own functions by cumulative time (views, context builders, template tags, models);
- the templates rendered and their inclusive time and count (an include inside a loop shows as a
  count per hit well above 1), measured by wrapping django.template.base.Template.render;
- URL reversing: calls of django.urls.reverse per hit and the portal lines that call it most;
- sanitising (portal.news.sanitize, nh3/bleach) per hit;
- repeated queries: a statement run more than twice per hit, with the portal line that runs it
  (per-row queries).

Writes bench/results/profile-<database>.json (read by RESULTS.md) and prints a summary. Times
under the profiler are inflated about twofold; read them as shares."""

import argparse
import collections
import cProfile
import json
import os
import pstats
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
PAGES = ("article", "cluster", "meeting", "decision", "news_list", "cluster_list", "meeting_list", "decision_list",
         "document_list")
OWN = ("portal/", "clusters/", "meetings/", "awards/", "documents/", "backoffice/")


def own(filename: str) -> str | None:
    """'portal/news/views.py' for a file of the portal (not the venv, not bench), else None."""
    try:
        rel = Path(filename).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return None
    return rel if rel.startswith(OWN) else None


def short(filename: str) -> str:
    """A file's path from its package (django/template/base.py), or from the portal's root."""
    text = filename.replace(os.sep, "/")
    if "site-packages/" in text:
        return text.split("site-packages/", 1)[1]
    return own(filename) or Path(filename).name


def first_own_frame(stack) -> str:
    for frame in reversed(stack):
        rel = own(frame.filename)
        if rel and "/core/pagecache" not in rel and "middleware" not in rel:
            return f"{rel}:{frame.lineno} ({frame.name})"
    return "?"


def profile_page(hit, url: str, hits: int) -> dict:
    from django.db import connection
    from django.template import base as template_base

    for _ in range(3):
        hit(url)
    templates = collections.defaultdict(lambda: [0, 0.0])
    original_render = template_base.Template.render

    def render(self, context):
        start = time.perf_counter()
        try:
            return original_render(self, context)
        finally:
            entry = templates[getattr(self.origin, "template_name", None) or self.name or "?"]
            entry[0] += 1
            entry[1] += (time.perf_counter() - start) * 1000

    queries = collections.defaultdict(lambda: {"count": 0, "ms": 0.0, "where": collections.Counter()})

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            q = queries[sql]
            q["count"] += 1
            q["ms"] += (time.perf_counter() - start) * 1000
            q["where"][first_own_frame(traceback.extract_stack(limit=60))] += 1

    # one pass for templates and queries (the wrappers' own cost stays out of cProfile's pass)
    template_base.Template.render = render
    try:
        with connection.execute_wrapper(timed):
            plain = [hit(url)[0] for _ in range(hits)]
    finally:
        template_base.Template.render = original_render
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for _ in range(hits):
        hit(url)
    profiler.disable()
    profiled_ms = (time.perf_counter() - start) * 1000 / hits
    stats = pstats.Stats(profiler)
    raw = stats.stats  # {(file, line, func): (cc, nc, tt, ct, callers)}

    functions, reverse_calls, reverse_ms, sanitise_ms = [], 0, 0.0, 0.0
    reverse_callers = collections.Counter()
    for (filename, line, func), (_cc, nc, tt, ct, callers) in raw.items():
        rel = own(filename)
        if rel:
            functions.append({"where": f"{rel}:{line}", "function": func, "calls": nc / hits,
                              "cum_ms": ct * 1000 / hits, "own_ms": tt * 1000 / hits})
        if filename.endswith(os.path.join("django", "urls", "base.py")) and func == "reverse":
            reverse_calls += nc
            reverse_ms += ct * 1000
            for (cfile, cline, cfunc), caller in callers.items():
                where = own(cfile) or ("{% url %} in a template" if cfile.endswith("defaulttags.py") else
                                       Path(cfile).name)
                reverse_callers[f"{where}:{cline} ({cfunc})" if own(cfile) else where] += caller[1]
        if (rel and rel.endswith("sanitize.py")) or "nh3" in filename or "bleach" in filename:
            sanitise_ms = max(sanitise_ms, ct * 1000)
    functions.sort(key=lambda f: -f["cum_ms"])
    # where the time is spent, any code: own time, the venv's files by their package path
    internals = sorted(raw.items(), key=lambda kv: -kv[1][2])[:10]
    own_time = [{"where": f"{short(filename)}:{line}", "function": func, "calls": round(nc / hits, 1),
                 "own_ms": round(tt * 1000 / hits, 2)} for (filename, line, func), (_c, nc, tt, _ct, _) in internals]
    # the view and middleware layers wrap everything: keep the functions below them
    top = [f for f in functions
           if "middleware" not in f["where"] and not f["where"].startswith("portal/core/pagecache")]
    repeated = sorted(({"sql": sql, "count": q["count"] / hits, "ms": q["ms"] / hits,
                        "where": q["where"].most_common(2)} for sql, q in queries.items() if q["count"] / hits > 2),
                      key=lambda q: -q["count"])
    plain.sort()
    return {
        "url": url, "ms": round(plain[len(plain) // 2], 2), "profiled_ms": round(profiled_ms, 2),
        "queries": sum(q["count"] for q in queries.values()) / hits,
        "functions": [{**f, "calls": round(f["calls"], 1), "cum_ms": round(f["cum_ms"], 2),
                       "own_ms": round(f["own_ms"], 2)} for f in top[:14]],
        "own_time": own_time,
        "templates": sorted(({"template": name, "per_hit": round(n / hits, 1), "ms": round(ms / hits, 2)}
                             for name, (n, ms) in templates.items()), key=lambda t: -t["ms"])[:12],
        "reverse": {"per_hit": reverse_calls / hits, "ms": round(reverse_ms / hits, 2),
                    "callers": [(w, round(n / hits, 1)) for w, n in reverse_callers.most_common(5)]},
        "sanitise_ms": round(sanitise_ms / hits, 2),
        "repeated_queries": [{**q, "count": round(q["count"], 1), "ms": round(q["ms"], 2),
                              "sql": " ".join(q["sql"].split())[:200]} for q in repeated[:6]],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages", nargs="*")
    ap.add_argument("--hits", type=int, default=10)
    ap.add_argument("--pages-file", default=str(ROOT / "bench" / "out" / "pages.json"))
    ap.add_argument("--out")
    args = ap.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from timing import make_hit

    resolved = json.loads(Path(args.pages_file).read_text().strip().splitlines()[-1])
    names = args.pages or [p for p in PAGES if p in resolved]
    hit = make_hit(Client())
    found = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name in names:
            found[name] = page = profile_page(hit, resolved[name], args.hits)
            print(f"\n== {name} {page['url']}: {page['ms']} ms ({page['profiled_ms']} profiled), "
                  f"{page['queries']:.0f} queries, reverse() ×{page['reverse']['per_hit']:.0f} "
                  f"({page['reverse']['ms']} ms), sanitising {page['sanitise_ms']} ms")
            for f in page["functions"][:8]:
                print(f"   {f['cum_ms']:7.2f} ms cum {f['own_ms']:6.2f} own ×{f['calls']:<5} "
                      f"{f['where']} {f['function']}")
            for f in page["own_time"][:6]:
                print(f"   {f['own_ms']:7.2f} ms own ×{f['calls']:<6} {f['where']} {f['function']}")
            for t in page["templates"][:6]:
                print(f"   template {t['template']:48} ×{t['per_hit']:<5} {t['ms']:6.2f} ms")
            for w, n in page["reverse"]["callers"][:3]:
                print(f"   reverse ×{n:<5} from {w}")
            for q in page["repeated_queries"][:3]:
                print(f"   query ×{q['count']} {q['ms']} ms from {q['where'][0][0]}: {q['sql'][:100]}")
    out = Path(args.out or ROOT / "bench" / "results" / f"profile-{connection.vendor}.json")
    out.write_text(json.dumps({"at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "hits": args.hits,
                               "database": connection.vendor, "pages": found}, indent=1, ensure_ascii=False) + "\n")
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
