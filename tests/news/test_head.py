"""HEAD is answered wherever GET is: uptime monitors and link checkers ask with HEAD, and a 405
tells them the page is broken.

The public pages are found the way a link checker finds them: from the home page, robots.txt
and the sitemap, following every link of the demo's public pages; a few of each kind are
checked, so a new public page is covered as soon as something links to it."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

NOT_PUBLIC = re.compile(r"^/(admin|can-bo|dang-xuat|media|static|tep|ngon-ngu)/")
CRAWLED_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/atom+xml")
PER_KIND = 2


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


def kind_of(url: str) -> tuple:
    """Pages of one kind: one view, asked with the same query keys."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
        # each sitemap section is a kind of its own: they lead to different pages
        view = match.view_name + match.kwargs.get("section", "") if match.view_name == "sitemap-section" \
            else match.view_name
    except Resolver404:
        view = "not found"
    return view, tuple(sorted(re.findall(r"(?:^|&)([^=&]+)=", parts.query)))


def public_pages(client) -> dict[str, int]:
    """Every public address a link checker reaches, a few of each kind, with its GET status."""
    seen: dict[str, int] = {}
    per_kind: dict[tuple, int] = {}
    queue = ["/", "/robots.txt", "/sitemap.xml", "/healthz"]
    while queue:
        url = queue.pop(0)
        if url in seen or per_kind.get(kind_of(url), 0) >= PER_KIND:
            continue
        per_kind[kind_of(url)] = per_kind.get(kind_of(url), 0) + 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(CRAWLED_TYPES):
            continue
        for href in re.findall(r'(?:href="|<loc>)([^"#<]+)', response.content.decode()):
            target = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            if target.scheme in ("", "http") and target.netloc in ("", "testserver") \
                    and not NOT_PUBLIC.search(target.path):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


def test_every_public_page_answers_head_as_it_answers_get(demo, client):
    pages = public_pages(client)
    reached = {url for url, status in pages.items() if status == 200}
    # the crawl reached every part of the public site, exports and feeds included
    for expected in ("/tin-tuc/", "/tin-tuc/hoi-nghi-so-ket", "/tin-tuc/rss/", "/tin-tuc/atom/", "/cum-thi-dua/",
                     "/don-vi/", "/ca-nhan/", "/hoi-nghi/", "/hoi-nghi/lich.ics", "/quyet-dinh/", "/khen-thuong/",
                     "/thong-ke/", "/thong-ke/mau-0603/", ".csv", ".xlsx", "/sitemap.xml", "/robots.txt", "/healthz"):
        assert any(expected in url for url in reached), f"the crawl never reached {expected}"

    refused = {}
    for url in sorted(reached):
        response = client.head(url)
        if response.status_code != 200 or response.content:
            refused[url] = response.status_code
    assert refused == {}, f"HEAD is not answered like GET on {refused}"


def test_head_of_the_home_page_is_200_with_the_headers_of_get(demo, client):
    get, head = client.get("/"), client.head("/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == get["Content-Type"]
