"""bench/RESULTS.md from bench/results/latest-<database>.json, detail-… and profile-…: written by
run.py after every run, so it always says what the JSON says. The text explaining each figure is
here; the numbers and what limits each page come from the files."""

import json
from pathlib import Path

EXPLAIN = """\
## What each figure is

- **ms_demo / ms_scale**: the page's in-process cost, uncached (`PAGE_CACHE_SECONDS=0`), on the
  demo database and on the demo plus `bench/generate.py --scale {scale}`: the median of up to
  {hits} hits through Django's test client and the whole middleware stack on the production
  profile (`portal.settings.production`, `HTTPS_ONLY=0`), an anonymous visitor with no cookies,
  after two warm-up hits. This is the *render*: the view, its queries and its templates. The
  portal's own per-data-version caches of computed values (`portal.core.cache.cached`) stay on, as
  in production, so a statistic computed once per data change is not counted on every hit.
  The rendered parts of pages (`portal.core.fragments`: an article's body, a list page, the menu
  and footer, kept until the next write) count among those caches: a hit is then the view's own
  narrow query (the record's id) and the shell around the stored parts.
- **full**: the same page with the parts not stored either (`FRAGMENT_CACHE_SECONDS=0`): the whole
  render, as for the first visitor after a write; **flat full** is its ratio at scale. The
  limit at scale and the SQL figures describe this render.
- **flatness** = ms_scale / ms_demo. Issue 17's target: ≤ 1.5 for every public page.
- **cached**: the same page served by the full-page cache (`portal.core.pagecache`, local memory
  here): one hit stores it, the median of up to {cached_hits} hits that answer `X-Page-Cache: hit`.
  "not stored" means the page is never cached (a streamed file, a page that sets a cookie).
- **×ceil**: ms_scale / the ceiling's ms_scale, the ceiling being `/robots.txt` through the same
  middleware (rendered, 0 queries): how many of the cheapest possible answers the page costs.
- **/Wagtail**: ms_demo / the Wagtail 8 blog page's ms, measured by the same code
  (`bench/timing.py`) in the same run, between the demo and the scaled pass
  (`bench/reference/`, Wagtail in the throwaway venv `bench/out/refvenv`). Issue 17's targets: the
  article, cluster, meeting and decision pages ≤ 0.25, lists ≤ 0.5. A plain Django three-query
  article (`bench/reference/plain`) is measured the same way, in the portal's venv and in the
  throwaway one (same Django), as the floor.
- **rps / rps%**: `wrk -t2 -c16` for {wrk_s} s (after a 1 s warm-up) against gunicorn with
  `portal/gunicorn.conf.py` as deployed ({workers} gthread workers × 2 threads on this 2-core
  machine, wrk on the same cores), production profile, on the scaled database, with the page cache
  on as in production: an anonymous page is a cache hit once each worker has stored it. rps% is
  the page's rps / the ceiling's rps in the same server. Target: a cached article hit ≥ 70 %.
  **rps uncached**: the same with `PAGE_CACHE_SECONDS=0`, every request rendered.
- **limit at scale**: from the SQL pass (every statement timed through
  `connection.execute_wrapper` on three more hits): when SQL is half the time or more, the
  statement that dominates; otherwise the Python side (view, ORM, templates) and the query count.
  The profile section below names the lines.

Read ratios, not absolute numbers: this machine has 2 cores that other work (test suites, browsers)
shares, so every figure of one run moves together; compare figures of the same run only."""


def fmt(value, digits=2, suffix=""):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}{suffix}"


def database_section(vendor: str, run: dict, detail: dict | None) -> list[str]:
    meta, ceiling, ref = run["meta"], run["ceiling"], run["reference"]
    lines = [f"## {vendor}: demo vs demo + `--scale {meta['scale']}` ({meta['at']}, "
             f"{'BENCH_QUICK' if meta.get('quick') else 'full'} run, up to {meta['hits']} hits a page, "
             f"code at {meta.get('git', '?')})", ""]
    lines += ["| page | ms_demo | ms_scale | flatness | full demo | full scale | flat full | cached ms | ×ceil "
              "| /Wagtail (target) | rps | rps% | rps uncached | limit at scale (full render) |",
              "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for name, page in run["pages"].items():
        flat = page["flatness"]
        flat_text = fmt(flat) + (" **✗**" if flat and flat > 1.5 else "")
        wagtail = page.get("wagtail_ratio")
        target = page.get("wagtail_target")
        wag_text = fmt(wagtail)
        if target:
            wag_text += f" (≤ {target})" + (" **✗**" if wagtail and wagtail > target else "")
        cached = page.get("ms_cached_scale")
        cached_text = fmt(cached, 3) if cached else (page.get("cache") or "–")
        full_flat = page.get("flatness_full")
        lines.append(f"| {name} | {fmt(page['ms_demo'])} | {fmt(page['ms_scale'])} | {flat_text} | "
                     f"{fmt(page.get('ms_full_demo'))} | {fmt(page.get('ms_full_scale'))} | "
                     f"{fmt(full_flat) + (' ✗' if full_flat and full_flat > 1.5 else '')} | {cached_text} | "
                     f"{fmt(page['ratio'], 0)} | {wag_text} | {fmt(page.get('rps'), 0)} | "
                     f"{fmt(page.get('rps_ratio') and page['rps_ratio'] * 100, 0, ' %')} | "
                     f"{fmt(page.get('rps_uncached'), 0)} | {page.get('limit', '').replace('|', '/')} |")
    lines.append(f"| **ceiling** `/robots.txt` | {fmt(ceiling['ms_demo'])} | {fmt(ceiling['ms_scale'])} | | | | | "
                 f"{fmt(ceiling.get('ms_cached_scale'), 3)} | 1 | | {fmt(ceiling.get('rps'), 0)} | 100 % | "
                 f"{fmt(ceiling.get('rps_uncached'), 0)} | |")
    lines.append("")
    runs = ref.get("runs", {})
    if runs:
        lines += ["References, same run:", ""]
        for label, r in runs.items():
            versions = ", ".join(f"{k} {v}" for k, v in r["versions"].items())
            lines.append(f"- **{label}** ({versions}): article {fmt(r['article']['ms'])} ms "
                         f"({r['article']['queries']} queries), list {fmt(r['list']['ms'])} ms "
                         f"({r['list']['queries']} queries)")
        if ref.get("plain_django_article_ratio"):
            lines.append(f"- plain Django article / Wagtail blog page = {ref['plain_django_article_ratio']}")
        lines.append("")
    else:
        lines += ["References: not measured in this run (`--no-reference`, or the throwaway venv could not be made).",
                  ""]
    tp = run.get("throughput")
    if tp:
        article = run["pages"].get("article", {})
        share = article.get("rps_ratio")
        lines.append(f"Throughput: the ceiling answers {fmt(ceiling.get('rps'), 0)} req/s with the page cache on "
                     f"(`/robots.txt` is itself a cache hit then) and {fmt(ceiling.get('rps_uncached'), 0)} req/s "
                     f"rendered; a cached anonymous article hit {fmt(article.get('rps'), 0)} req/s = "
                     f"**{fmt(share and share * 100, 0, ' %')}** of the ceiling (target ≥ 70 %"
                     f"{', met' if share and share >= 0.7 else ', not met' if share else ''}). "
                     f"gunicorn: {tp['workers']} workers, wrk -c{tp['connections']} for {tp['seconds']} s a page.")
        lines.append("")
    else:
        lines += ["Throughput: not measured (wrk missing: `apt-get install -y wrk`, or `--no-wrk`).", ""]
    slow = [n for n, p in run["pages"].items() if p["flatness"] and p["flatness"] > 1.5]
    if slow:
        lines += [f"Not flat (> 1.5× at scale): {', '.join(slow)}.", ""]
    if detail:
        lines += ["Slowest statement at scale per page with SQL over a third of its full render:", ""]
        for name, page in detail["scale"].items():
            total = page.get("ms_full", page["ms"])
            if name != "ceiling" and page["top"] and page["sql_ms"] > total / 3 and total > 5:
                top = page["top"][0]
                sql = " ".join(top["sql"].split()).replace('"', "")
                lines.append(f"- {name}: {fmt(page['sql_ms'], 1)} of {fmt(total, 1)} ms in SQL; "
                             f"{fmt(top['ms'], 1)} ms ×{top['count']}: `{sql[:220]}`")
        lines.append("")
    return lines


def profile_section(vendor: str, profile: dict) -> list[str]:
    lines = [f"## Hot spots of the uncached render, {vendor}, demo size ({profile['at']}, cProfile over "
             f"{profile['hits']} hits a page: `bench/profile_pages.py`)", "",
             "Times under the profiler are inflated; read them as shares of the page.", ""]
    for name, page in profile["pages"].items():
        lines.append(f"### {name} `{page['url'][:90]}`: {page['ms']} ms unprofiled, {page['queries']:.0f} queries, "
                     f"`reverse()` ×{page['reverse']['per_hit']:.0f} ({page['reverse']['ms']} ms profiled), "
                     f"sanitising {page['sanitise_ms']} ms")
        lines.append("")
        for f in page["functions"][:6]:
            lines.append(f"- `{f['where']}` {f['function']}: {f['cum_ms']} ms cumulative, ×{f['calls']}")
        for f in page.get("own_time", [])[:4]:
            lines.append(f"- own time `{f['where']}` {f['function']}: {f['own_ms']} ms, ×{f['calls']}")
        templates = ", ".join(f"`{t['template']}` ×{t['per_hit']} {t['ms']} ms" for t in page["templates"][:5])
        lines.append(f"- templates (inclusive): {templates}")
        callers = ", ".join(f"{w} ×{n}" for w, n in page["reverse"]["callers"][:4])
        lines.append(f"- `reverse()` from: {callers}")
        for q in page["repeated_queries"][:3]:
            lines.append(f"- repeated query ×{q['count']} a hit ({q['ms']} ms) from `{q['where'][0][0]}`: "
                         f"`{q['sql'][:140]}`")
        lines.append("")
    return lines


def cold_section(vendor: str, cold: dict) -> list[str]:
    """The report pages with every cache emptied before each hit (bench/cold_pages.py)."""
    demo, scale = (cold.get(label, {}).get("pages", {}) for label in ("demo", "scale"))
    at = cold.get("scale", cold.get("demo", {})).get("at", "?")
    out = [f"## Cold cache, {vendor}: the report pages computed on every hit ({at}, `bench/cold_pages.py`)", "",
           "Every cache is emptied before each hit (page cache and the per-data-version figures), so each hit "
           "computes its figures from the database. Targets at `--scale 100` on PostgreSQL: statistics < 150 ms, "
           "look-up < 30 ms. The statistics read the roll-up (awards/statistics/models.py) unless a unit or a "
           "cluster is chosen.", "",
           "| page | ms_demo | ms_scale | SQL ms at scale | queries |", "|---|--:|--:|--:|--:|"]
    for name in scale or demo:
        big, small = scale.get(name, {}), demo.get(name, {})
        out.append(f"| {name} `{(big or small).get('url', '')}` | {fmt(small.get('ms'))} | {fmt(big.get('ms'))} "
                   f"| {fmt(big.get('sql_ms'))} | {big.get('queries', small.get('queries', '–'))} |")
    return out + [""]


def render(runs: dict, results: Path) -> str:
    any_run = next(iter(runs.values()))
    meta = any_run["meta"]
    tp = any_run.get("throughput") or {}
    out = ["# Bench results", "",
           "Written by `make bench` (bench/run.py); do not edit by hand. `BENCH_QUICK=1 make bench`: SQLite "
           "only, fewer hits. JSON: `bench/results/latest.json` (latest-<database>.json, detail-<database>.json, "
           "profile-<database>.json).", "",
           EXPLAIN.format(scale=meta["scale"], hits=meta["hits"], cached_hits=meta.get("cached_hits", "?"),
                          wrk_s=tp.get("seconds", "?"), workers=tp.get("workers", "?")), ""]
    for vendor, run in runs.items():
        detail_path = results / f"detail-{vendor}.json"
        detail = json.loads(detail_path.read_text()) if detail_path.exists() else None
        out += database_section(vendor, run, detail)
    for vendor in ("sqlite", "postgresql"):
        path = results / f"cold-{vendor}.json"
        if path.exists():
            out += cold_section(vendor, json.loads(path.read_text()))
    for vendor in runs:
        path = results / f"profile-{vendor}.json"
        if path.exists():
            out += profile_section(vendor, json.loads(path.read_text()))
    return "\n".join(out).rstrip() + "\n"
