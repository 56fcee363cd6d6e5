"""deploy/nginx.conf, as shipped: `nginx -t` accepts it, and an nginx running it serves what the
portal needs: a private photo handed over by Django with X-Accel-Redirect (and the internal
location out of every visitor's reach), documents as downloads that never render, static files
cached for a year, HTML compressed, the proxy headers Django trusts, the request size limit.

Needs Debian's nginx (.ci/run installs it) and openssl for a self-signed certificate; without
them these tests skip and say so. nginx runs as a foreground process in a temporary prefix on
free ports of 127.0.0.1, in front of a small upstream that answers as the portal does."""

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx.conf"
HOST = "thiduakhenthuong.example.gov.vn"

# What the shipped file says that the test replaces (a test fails, saying so, if one is gone).
CERTIFICATE = f"/etc/letsencrypt/live/{HOST}/fullchain.pem"
CERTIFICATE_KEY = f"/etc/letsencrypt/live/{HOST}/privkey.pem"
STATIC_ROOT = "/srv/portal/staticfiles/"
MEDIA_ROOT = "/srv/portal/var/media/"
PRIVATE_MEDIA_ROOT = "/srv/portal/var/private/"
ACME_ROOT = "/var/www/html"
UPSTREAM = "server 127.0.0.1:8000;"

PHOTO = b"\xff\xd8\xff\xe0 a private photo of the Loc Binh draft"
PHOTO_NAME = "meetings/photos/Qm9yZGVyLWRpc3RyaWN0cw.jpg"
DOCUMENT = b"%PDF-1.4 the draft's minutes"
DOCUMENT_NAME = "meetings/documents/bWludXRlcy1vZi10aGUtZHJhZnQ.pdf"
STATIC_NAME = "css/site.0123456789ab.css"


def nginx_binary() -> str:
    # /usr/sbin is not on an ordinary user's PATH on Debian
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if found is None:
        pytest.skip("nginx is not installed (Debian: apt-get install nginx; .ci/run installs it)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no self-signed certificate for the nginx tests")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(certificate), "-days", "2", "-subj", f"/CN={HOST}"],
        check=True, capture_output=True,
    )
    return certificate, key


def site_config(replacements: dict[str, str], listen: dict[str, int] | None = None) -> str:
    text = SITE.read_text()
    for shipped, replacement in replacements.items():
        assert shipped in text, f"deploy/nginx.conf no longer says {shipped!r}: update this test"
        text = text.replace(shipped, replacement)
    if listen is not None:
        # the shipped ports, on free ports of 127.0.0.1 (IPv6 may be absent on the test machine)
        text = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", text)
        text = re.sub(r"listen (80|443)\b", lambda m: f"listen 127.0.0.1:{listen[m.group(1)]}", text)
    return text


def main_config(prefix: Path, site: Path) -> str:
    """The parts of Debian's /etc/nginx/nginx.conf a site file lives in (its http-level gzip and
    ssl lines included, so the site must not repeat them at that level), with every path in the
    prefix."""
    mime = "include /etc/nginx/mime.types;" if os.path.exists("/etc/nginx/mime.types") else ""
    # as root the workers would run as nobody, who cannot read the test's temporary folders
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 64; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    {mime}
    default_type application/octet-stream;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log {prefix}/access.log;
    gzip on;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {site};
}}
"""


def write_configs(prefix: Path, site_text: str) -> Path:
    (prefix / "site.conf").write_text(site_text)
    (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "site.conf"))
    return prefix / "nginx.conf"


def test_the_shipped_configuration_passes_nginx_t(tmp_path):
    nginx = nginx_binary()
    certificate, key = self_signed_certificate(tmp_path)
    config = write_configs(tmp_path, site_config({CERTIFICATE: str(certificate), CERTIFICATE_KEY: str(key)}))
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(config), "-e", str(tmp_path / "error.log")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    # Debian 12's nginx (1.22) needs "listen … http2"; newer ones only call it deprecated
    warnings = [line for line in result.stderr.splitlines()
                if "[warn]" in line and '"listen ... http2" directive is deprecated' not in line]
    assert warnings == []


# --- a running nginx in front of a small upstream ----------------------------------------------

class Portal(BaseHTTPRequestHandler):
    """Answers as the portal does: /tep/… through the portal's own serve_stored with
    MEDIA_ACCEL_REDIRECT set (so the X-Accel-Redirect address is the one Django really writes),
    /echo with the headers the proxy sent and a page long enough to be compressed."""

    def do_GET(self):  # noqa: N802 - http.server's name
        from portal.core.files import PRIVATE_PREFIX, serve_stored

        if self.path.startswith("/tep/"):
            name = PRIVATE_PREFIX + self.path.removeprefix("/tep/")
            with override_settings(MEDIA_ACCEL_REDIRECT="/internal-media/", PRIVATE_MEDIA_SIGNED_URLS=False):
                response = serve_stored(RequestFactory().get(self.path), name, attachment=name.endswith(".pdf"))
            response["Cache-Control"] = "private, no-store"
            body = response.content
            headers = dict(response.items())
        else:
            received = {key.lower(): value for key, value in self.headers.items()}
            body = ("<!DOCTYPE html><html><body><pre>" + json.dumps(received) + "</pre>"
                    + "<p>Cụm thi đua các huyện biên giới</p>" * 200 + "</body></html>").encode()
            headers = {"Content-Type": "text/html; charset=utf-8"}
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    nginx = nginx_binary()
    prefix = tmp_path_factory.mktemp("nginx")
    for folder in ("static/css", "media/meetings/documents", "media/news/photos", "private/meetings/photos",
                   "private/meetings/documents", "acme"):
        (prefix / folder).mkdir(parents=True)
    (prefix / "private" / PHOTO_NAME).write_bytes(PHOTO)
    (prefix / "private" / DOCUMENT_NAME).write_bytes(DOCUMENT)
    (prefix / "media" / "meetings/documents/published.pdf").write_bytes(DOCUMENT)
    (prefix / "media" / "news/photos/published.jpg").write_bytes(PHOTO)
    css = b"body { color: #222; }\n" * 200
    (prefix / "static" / STATIC_NAME).write_bytes(css)
    (prefix / "static" / (STATIC_NAME + ".gz")).write_bytes(gzip.compress(css))

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    certificate, key = self_signed_certificate(prefix)
    ports = {"80": free_port(), "443": free_port()}
    site = site_config({
        CERTIFICATE: str(certificate), CERTIFICATE_KEY: str(key),
        STATIC_ROOT: f"{prefix}/static/", MEDIA_ROOT: f"{prefix}/media/", PRIVATE_MEDIA_ROOT: f"{prefix}/private/",
        ACME_ROOT: f"{prefix}/acme", UPSTREAM: f"server 127.0.0.1:{upstream.server_address[1]};",
    }, listen=ports)
    config = write_configs(prefix, site)
    process = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", ports["443"]), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not listen within 15 s")
                time.sleep(0.05)
        yield ports
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
        upstream.shutdown()
        upstream.server_close()


def fetch(ports, path, *, method="GET", scheme="https", headers=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own self-signed certificate
    if scheme == "https":
        connection = http.client.HTTPSConnection("127.0.0.1", ports["443"], context=context, timeout=10)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", ports["80"], timeout=10)
    try:
        connection.request(method, path, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_a_private_photo_is_served_by_nginx_through_x_accel_redirect(proxy):
    status, headers, body = fetch(proxy, f"/tep/{PHOTO_NAME}")
    assert status == 200
    assert body == PHOTO
    assert headers["content-type"] == "image/jpeg"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].startswith("sandbox")
    assert headers["cache-control"] == "private, no-store"
    assert "x-accel-redirect" not in headers


def test_a_private_document_is_a_download_with_the_name_django_gave_it(proxy):
    status, headers, body = fetch(proxy, f"/tep/{DOCUMENT_NAME}")
    assert status == 200
    assert body == DOCUMENT
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("attachment;")
    assert "bWludXRlcy1vZi10aGUtZHJhZnQ.pdf" in headers["content-disposition"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].startswith("sandbox")


@pytest.mark.parametrize("path", [f"/internal-media/private/{PHOTO_NAME}",
                                  "/internal-media/public/news/photos/published.jpg"])
def test_no_visitor_reaches_the_internal_location(proxy, path):
    assert fetch(proxy, path)[0] == 404


def test_public_documents_download_and_public_photos_display(proxy):
    status, headers, body = fetch(proxy, "/media/meetings/documents/published.pdf")
    assert (status, body) == (200, DOCUMENT)
    assert headers["content-disposition"] == "attachment"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-security-policy"].startswith("sandbox")
    status, headers, _body = fetch(proxy, "/media/news/photos/published.jpg")
    assert status == 200
    assert "content-disposition" not in headers
    assert headers["content-type"] == "image/jpeg"


def test_hashed_static_files_are_cached_for_a_year_and_sent_precompressed(proxy):
    status, headers, body = fetch(proxy, f"/static/{STATIC_NAME}", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"body { color: #222; }")


def test_pages_are_proxied_compressed_with_the_headers_django_trusts(proxy):
    status, headers, body = fetch(proxy, "/tin-tuc/", headers={"Accept-Encoding": "gzip",
                                                               "X-Forwarded-For": "6.6.6.6"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    page = gzip.decompress(body).decode()
    received = json.loads(page.split("<pre>", 1)[1].split("</pre>", 1)[0])
    assert received["x-forwarded-proto"] == "https"
    assert received["host"] == HOST
    # the address nginx saw, not one the client made up
    assert received["x-forwarded-for"] == "127.0.0.1"
    assert headers["server"] == "nginx"  # no version


def test_plain_http_is_redirected_to_https_but_the_health_probe_is_not(proxy):
    status, headers, _body = fetch(proxy, "/tin-tuc/?page=2", scheme="http")
    assert status == 301
    assert headers["location"] == f"https://{HOST}/tin-tuc/?page=2"
    assert fetch(proxy, "/healthz", scheme="http")[0] == 200


def test_an_oversized_upload_is_refused_before_it_is_read(proxy):
    status, _headers, _body = fetch(proxy, "/can-bo/hoi-nghi/moi/", method="POST",
                                    headers={"Content-Length": str(65 * 1024 * 1024),
                                             "Content-Type": "multipart/form-data; boundary=x"})
    assert status == 413
