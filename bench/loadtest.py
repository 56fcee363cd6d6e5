#!/usr/bin/env python
"""Load test of a running portal: requests per second per page, as ratios within one run.

usage: bench/loadtest.py BASE_URL PATH [PATH...] [--seconds 8] [--connections 8]

Uses wrk when it is installed (apt-get install -y wrk), else a bounded thread pool of
urllib clients. Only loopback addresses are accepted: this is a bench, not an attack tool.
Numbers from one machine and one run are comparable with each other only; the report gives
each page's throughput relative to the first path."""

import argparse
import concurrent.futures
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def check_loopback(base):
    host = urllib.parse.urlsplit(base).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        sys.exit(f"refusing to load-test {host}: loopback addresses only")


def with_wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, timeout=seconds + 30, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else None,
            "errors": int(non2xx.group(1)) if non2xx else 0}


def with_threads(url, seconds, connections):
    deadline = time.monotonic() + seconds
    latencies, errors = [], 0

    def worker():
        nonlocal errors
        mine = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - loopback only
                    r.read()
                    if r.status >= 400:
                        errors += 1
            except Exception:  # noqa: BLE001 - counted, reported
                errors += 1
            mine.append(time.perf_counter() - start)
        return mine

    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        for result in pool.map(lambda _: worker(), range(connections)):
            latencies.extend(result)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else None
    return {"rps": len(latencies) / seconds, "p99_ms": p99, "errors": errors}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--json", help="write the results here too")
    args = ap.parse_args()
    base = args.base.rstrip("/")
    check_loopback(base)
    run = with_wrk if shutil.which("wrk") else with_threads
    results = {}
    for path in args.paths:
        url = base + path
        urllib.request.urlopen(url, timeout=30).read()  # noqa: S310 - warm up: caches, connections
        results[path] = run(url, args.seconds, args.connections)
    first = results[args.paths[0]]["rps"] or 1
    print(f"{'page':50} {'req/s':>8} {'ratio':>6} {'p99 ms':>8} {'errors':>6}   ({run.__name__})")
    for path, r in results.items():
        print(f"{path:50} {r['rps']:8.1f} {r['rps'] / first:6.2f} {r['p99_ms'] or 0:8.1f} {r['errors']:6d}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
