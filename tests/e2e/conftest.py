"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Skipped, with the reason printed, where no Chromium is installed; `.ci/run` installs it so CI
always runs them."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)
SKIP_REASON = (
    f"no Chromium at {CHROMIUM}: browser tests skipped (apt-get install -y chromium, or set CHROMIUM=path)"
)

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures in the
# same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# CI runs the suite on SQLite and again on PostgreSQL; the browser tests exercise pages, not the
# database, so the second pass sets BROWSER_TESTS=0 and they run once.
BROWSER_TESTS = os.environ.get("BROWSER_TESTS", "1") != "0"


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM and BROWSER_TESTS:
        return
    reason = SKIP_REASON if BROWSER_TESTS else "browser tests skipped in this pass (BROWSER_TESTS=0): CI runs them once"
    marker = pytest.mark.skip(reason=reason)
    for item in items:
        if "e2e" in item.nodeid.split("/"):
            item.add_marker(marker)


def pytest_report_header(config):
    if not BROWSER_TESTS:
        return "browser tests: skipped in this pass (BROWSER_TESTS=0)"
    return f"browser tests: {'Chromium at ' + CHROMIUM if HAVE_CHROMIUM else SKIP_REASON}"


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    """On SQLite the test database lives in memory and the live server shares the test's one
    connection with every thread that answers a request. Django's threaded server would let two
    of the browser's requests use it at once, and a request that reads its session while another
    holds the connection can find none: the browser then drops its session cookie and the next
    form post lands on the login page. One request at a time (the server closes each connection,
    so a kept-alive socket never blocks the next) removes the race; PostgreSQL keeps the threads."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            # the server thread installs the shared connection itself (LiveServerThread.run)
            super().__init__(*args, **kwargs)

    original = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer
    yield
    LiveServerThread.server_class = original


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 780}, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def new_page(browser):
    """Pages made on demand, each in a browser context of its own (its own cookies, so one
    signed-in account each), at a given width: below 600 px a phone. Each page collects its
    JavaScript errors in page.js_errors, as the page fixture's do."""
    contexts = []

    def make(width=1280):
        phone = width < 600
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 780 if phone else 900},
                                      is_mobile=phone)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        return page

    yield make
    for context in contexts:
        context.close()
