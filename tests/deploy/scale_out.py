"""The parts of the scale-out test (test_scale_out.py): processes started in their own process
group and always stopped, SeaweedFS as the object store, and a small browser-less HTTP client that
keeps cookies and submits the forms a page really contains."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit


def free_ports(count: int) -> list[int]:
    """`count` distinct free ports of 127.0.0.1 (held open together, so no two are the same)."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


class Processes:
    """Every process the test starts, each the leader of its own process group, stopped (group
    and all) by `stop_all`, which the fixture calls in its finalizer whatever happened."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: list[tuple[str, subprocess.Popen, float, int]] = []

    def start(self, name: str, command: list[str], *, env: dict, cwd: Path, stop_after: float = 10,
              stop_signal: int = signal.SIGTERM) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        self.started.append((name, process, stop_after, stop_signal))
        return process

    def log(self, name: str, tail: int = 4000) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def check_alive(self) -> None:
        for name, process, _, _ in self.started:
            if process.poll() is not None:
                raise AssertionError(f"{name} exited with {process.returncode}:\n{self.log(name)}")

    def stop_all(self) -> None:
        for _name, process, _, stop_signal in reversed(self.started):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, stop_signal)
        for _name, process, stop_after, _ in reversed(self.started):
            try:
                process.wait(timeout=stop_after)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def wait_until(check: Callable[[], object], *, timeout: float, what: str, alive: Callable[[], None] | None = None,
               interval: float = 0.1, explain: Callable[[], str] | None = None):
    """Poll `check` until it returns something true; fail saying `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if alive is not None:
            alive()
        try:
            result = check()
        except (OSError, http.client.HTTPException) as exc:
            result, last_error = None, exc
        if result:
            return result
        time.sleep(interval)
    details = f"\n{explain()}" if explain is not None else ""
    raise AssertionError(f"{what}: not within {timeout:.0f} s (last error: {last_error}){details}")


# --- SeaweedFS ------------------------------------------------------------------------------------

def seaweed_config(folder: Path, *, access_key: str, secret_key: str, public_bucket: str) -> Path:
    """The S3 gateway's identities: the portal's keys may do everything; anonymous visitors may
    read the public bucket only (the private one answers 403 to an unsigned request)."""
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [
        {"name": "portal", "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
         "actions": ["Admin", "Read", "Write", "List", "Tagging"]},
        {"name": "anonymous", "actions": [f"Read:{public_bucket}"]},
    ]}))
    return config


def seaweed_command(weed: str, folder: Path, config: Path) -> tuple[list[str], int]:
    """`weed server` with a master, a volume server, a filer and the S3 gateway, every port a free
    one of 127.0.0.1 (the defaults would collide with anything else on the machine), small volumes
    and room for a collection per bucket. Returns the command and the S3 port."""
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = free_ports(8)
    data = folder / "data"
    data.mkdir()
    return [
        weed, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-master.port={master}", f"-master.port.grpc={master_grpc}", "-master.volumeSizeLimitMB=32",
        f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}", "-volume.max=100",
        "-volume.preStopSeconds=0",
        "-filer", f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}",
        "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_grpc}", "-s3.port.iceberg=0", "-s3.port.lance=0",
        f"-s3.config={config}",
    ], s3


# --- HTTP -----------------------------------------------------------------------------------------

class Response:
    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes):
        self.status, self.body = status, body
        self.header_list = headers
        self.headers = {k.lower(): v for k, v in headers}

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def __repr__(self):
        return f"<Response {self.status} {self.headers.get('location', '')}>"


def request(url: str, *, method: str = "GET", headers: dict | None = None, body: bytes | None = None,
            timeout: float = 30) -> Response:
    """One request, no redirect followed; https without certificate checks (our own, self-signed)."""
    import ssl

    parts = urlsplit(url)
    if parts.scheme == "https":
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=timeout)
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, target or "/", body=body, headers=headers or {})
        answer = connection.getresponse()
        return Response(answer.status, answer.getheaders(), answer.read())
    finally:
        connection.close()


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, str, bytes, str]]) -> tuple[bytes, str]:
    boundary = f"----scale-out-{uuid.uuid4().hex}"
    chunks = []
    for name, value in fields:
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                      + str(value).encode() + b"\r\n")
    for name, filename, content, content_type in files:
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


class Client:
    """A visitor: its own cookies, sent to whichever entry point (instance A, instance B, nginx)
    it is pointed at, always with the portal's host name and as arriving over HTTPS through the
    TLS-terminating proxy (X-Forwarded-Proto, which gunicorn trusts from 127.0.0.1 and nginx sets
    itself): one browser behind a load balancer, whichever host answers."""

    def __init__(self, host: str):
        self.host = host
        self.cookies: dict[str, str] = {}

    def send(self, base: str, path: str, *, method="GET", body=None, content_type=None) -> Response:
        headers = {"Host": self.host, "User-Agent": "scale-out-test", "X-Forwarded-Proto": "https"}
        if method == "POST":
            # what a browser sends with a form over HTTPS; Django's CSRF check requires it
            headers["Referer"] = f"https://{self.host}{path}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        response = request(base + path, method=method, headers=headers, body=body)
        for key, value in response.header_list:
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                expired = "max-age=0" in value.lower() or 'expires=thu, 01 jan 1970' in value.lower()
                if expired or cookie_value in ('""', ""):
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = cookie_value
        return response

    def get(self, base: str, path: str) -> Response:
        return self.send(base, path)

    def post(self, base: str, path: str, fields, files=()) -> Response:
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if files:
            body, content_type = multipart(fields, list(files))
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        return self.send(base, path, method="POST", body=body, content_type=content_type)

    def submit(self, base: str, path: str, *, form: Callable[[dict], bool] | None = None,
               change: dict | None = None, files=(), drop: Callable[[str], bool] | None = None) -> Response:
        """GET `path`, take the form a browser would submit (the first whose fields satisfy `form`),
        change some fields, add files and POST it back where its action says."""
        page = self.get(base, path)
        assert page.status == 200, (path, page.status, page.text[:500])
        forms = parse_forms(page.text)
        chosen = next((f for f in forms if form is None or form(f)), None)
        assert chosen is not None, f"no matching form on {path}"
        fields = [(k, v) for k, v in chosen["fields"] if not (drop and drop(k)) and "__prefix__" not in k]
        change = change or {}
        fields = [(k, v) for k, v in fields if k not in change]
        for key, value in change.items():
            for item in value if isinstance(value, list) else [value]:
                fields.append((key, item))
        action = chosen["action"] or path
        return self.post(base, action, fields, files)


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.textarea: str | None = None
        self.select: str | None = None
        self.select_options: list[tuple[str, bool]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = {"id": attrs.get("id", ""), "action": attrs.get("action", ""), "fields": [],
                            "files": []}
            self.forms.append(self.current)
            return
        if self.current is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.current["fields"].append((name, attrs.get("value", "on")))
            elif kind == "file":
                self.current["files"].append(name)
            elif kind not in ("submit", "button", "image", "reset"):
                self.current["fields"].append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []
        elif tag == "select" and name:
            self.select, self.select_options = name, []
        elif tag == "option" and self.select is not None:
            self.select_options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)
            self.current["fields"].append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select_options if selected]
            if not chosen and self.select_options:
                chosen = [self.select_options[0][0]]
            self.current["fields"].extend((self.select, value) for value in chosen)
            self.select = None
        elif tag == "form":
            self.current = None


def parse_forms(html: str) -> list[dict]:
    """Every form of a page as a browser would submit it untouched: its action, and its fields in
    order (checked boxes only, a select's selected options, textareas' text); file inputs apart."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        form["names"] = {name for name, _ in form["fields"]}
    return parser.forms


def csrf_token(html: str) -> str:
    for form in parse_forms(html):
        for name, value in form["fields"]:
            if name == "csrfmiddlewaretoken":
                return value
    raise AssertionError("no CSRF token on the page")


def random_secret() -> str:
    return secrets.token_urlsafe(32)
