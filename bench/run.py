#!/usr/bin/env python
"""The portal's speed and memory bench: `make bench` (or bench/run.py --scales 1 10).

For each scale it builds a fresh database (migrate, demo, bench/generate.py --scale N), serves
it with gunicorn on the production profile (plain http on 127.0.0.1), load-tests the public pages
and reads the workers' memory. The report compares each page at the largest scale with the same
page at the smallest, as ratios measured in this one run: with a constant number of queries per
page, throughput should barely move while the data grows tenfold. Absolute numbers are for this
machine and this run only.

--postgres uses fresh databases on the PostgreSQL at 127.0.0.1:5432 instead of SQLite files."""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
PORT = 8765

URLS_SNIPPET = """
from clusters.models import Cluster
from meetings.models import Meeting
from portal.news.models import Article
from awards.models import Decision
import json
seed = Article.objects.filter(slug__startswith="hoi-nghi-so-ket").first() or Article.objects.published().first()
cluster = Cluster.objects.filter(slug="cum-thi-dua-cac-huyen-bien-gioi").first()
meeting = Meeting.objects.published().filter(date="2017-07-14").first()
decision = Decision.objects.filter(is_published=True).first()
print(json.dumps([u for u in [
    "/", "/tin-tuc/", seed and seed.get_absolute_url(), "/cum-thi-dua/", cluster and cluster.get_absolute_url(),
    "/hoi-nghi/", meeting and meeting.get_absolute_url(), decision and decision.get_absolute_url(),
    "/khen-thuong/?q=loc+binh", "/thong-ke/", "/tim-kiem/?q=lang+son",
] if u]))
"""


def sh(args, env, **kw):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kw)


def build(scale: int, env: dict) -> None:
    print(f"-- building scale {scale}", flush=True)
    sh([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    sh([PY, "manage.py", "demo"], {**env, "DEBUG": "1"}, stdout=subprocess.DEVNULL)
    sh([PY, "bench/generate.py", "--scale", str(scale)], env)


def rss_mib(pid: int) -> float:
    """Resident memory of gunicorn's master and workers together."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                     text=True).stdout.split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def serve_and_measure(env: dict, seconds: int) -> dict:
    urls = json.loads(sh([PY, "manage.py", "shell", "-c", URLS_SNIPPET], env, capture_output=True,
                         text=True).stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "portal/gunicorn.conf.py", "portal.wsgi",
         "--bind", f"127.0.0.1:{PORT}", "--workers", "2", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, start_new_session=True)
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.5)
        result_file = OUT / "load.json"
        sh([PY, "bench/loadtest.py", f"http://127.0.0.1:{PORT}", *urls, "--seconds", str(seconds),
            "--json", str(result_file)], env)
        memory = rss_mib(server.pid)
        return {"pages": json.loads(result_file.read_text()), "rss_mib": memory}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser(description="speed and memory bench")
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--postgres", action="store_true")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    base_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    base_env.update({
        "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": secrets.token_urlsafe(40),
        "HTTPS_ONLY": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost", "SERVE_MEDIA": "1",
        "STATIC_ROOT": str(OUT / "static"), "MEDIA_ROOT": str(OUT / "media"),
    })
    sh([PY, "manage.py", "collectstatic", "--noinput", "-v0"], base_env)
    results = {}
    for scale in args.scales:
        if args.postgres:
            name = f"portal_bench_{scale}_{os.getpid()}"
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
            url = f"postgres://postgres@127.0.0.1:5432/{name}"
        else:
            db = OUT / f"bench-{scale}.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            url = f"sqlite:///{db}"
        env = {**base_env, "DATABASE_URL": url}
        build(scale, env)
        results[scale] = serve_and_measure(env, args.seconds)
    small, large = results[min(args.scales)], results[max(args.scales)]
    print(f"\nthroughput at scale {max(args.scales)} relative to scale {min(args.scales)} "
          f"({'PostgreSQL' if args.postgres else 'SQLite'}, one run, same machine):")
    print(f"{'page':55} {'small r/s':>9} {'large r/s':>9} {'ratio':>6}")
    for path, big in large["pages"].items():
        # the seed/demo pages keep their address; generated ones may differ between scales
        base = small["pages"].get(path)
        if base:
            print(f"{path[:55]:55} {base['rps']:9.1f} {big['rps']:9.1f} {big['rps'] / (base['rps'] or 1):6.2f}")
    print(f"memory (gunicorn master + 2 workers, RSS): {small['rss_mib']:.0f} MiB at scale {min(args.scales)}, "
          f"{large['rss_mib']:.0f} MiB at scale {max(args.scales)} (ratio {large['rss_mib'] / small['rss_mib']:.2f})")
    (OUT / "report.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
