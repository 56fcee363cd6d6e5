"""The officer probe inside the test client: after `manage.py demo`, log in through the home
page's "Đăng nhập" link, follow every link reachable from where the login lands, and look for
the Lộc Bình draft."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from backoffice.demo import DRAFT_SLUG, SUBMITTED_SLUG
from meetings.models import Meeting, RecordState

MARK = "Bản nháp của huyện Lộc Bình"
SKIP = re.compile(r"(dang-xuat|/static/|/media/|/admin/.+/delete/|\.(css|js|png|jpe?g|svg|ics|xml|pdf|xlsx?|csv)$)")
LIMIT = 250  # as the probe


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


def login_through_home_page(client, username):
    client.cookies.clear()  # a fresh browser: the crawl may have switched the language
    home = client.get("/").content.decode()
    links = [href for href, text in re.findall(r'<a[^>]+href="([^"]+)"[^>]*>(.*?)</a>', home, re.S)
             if "Đăng nhập" in text]
    assert links, "the home page has a “Đăng nhập” link"
    page = client.get(links[0])
    assert 'name="password"' in page.content.decode()
    response = client.post(links[0], {"username": username, "password": "thidua2017"}, follow=True)
    assert "_auth_user_id" in client.session, username
    return response.redirect_chain[-1][0] if response.redirect_chain else links[0]


def crawl(client, start):
    seen, queue, hits = set(), [start, "/"], []
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.get("Content-Type", "").startswith("text/html"):
            body = response.content.decode()
            if MARK in body:
                hits.append(url)
            for href in re.findall(r'href="([^"#]+)', body):
                target = urljoin(url, href.replace("&amp;", "&"))
                parts = urlsplit(target)
                if parts.netloc in ("", "testserver") and not SKIP.search(parts.path):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return hits, seen


def test_demo_has_the_accounts_and_filed_records(demo):
    assert Meeting.objects.get(slug=DRAFT_SLUG).record_state == RecordState.DRAFT
    assert Meeting.objects.get(slug=DRAFT_SLUG).summary.startswith(MARK)
    assert Meeting.objects.get(slug=SUBMITTED_SLUG).record_state == RecordState.SUBMITTED


def test_demo_is_idempotent(demo, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Meeting.objects.filter(slug=DRAFT_SLUG).count() == 1
    assert Meeting.objects.get(slug=DRAFT_SLUG).transitions.count() == 1


def test_only_locbinh_reaches_the_lộc_bình_draft(demo, client):
    hits, _seen = crawl(client, "/")
    assert hits == [], "the public must never see the draft"

    landed = login_through_home_page(client, "vanlang")
    assert landed == "/can-bo/"
    hits, seen = crawl(client, landed)
    assert hits == [], f"vanlang reached the Lộc Bình draft on {hits}"
    assert any(url.startswith("/can-bo/hoi-nghi/") for url in seen)
    client.logout()

    landed = login_through_home_page(client, "locbinh")
    hits, _seen = crawl(client, landed)
    assert hits, "locbinh must reach the draft"


def test_the_lộc_bình_drafts_photo_and_document_stay_private(client, demo, django_user_model):
    draft = Meeting.objects.get(slug=DRAFT_SLUG)
    photo, document = draft.photos.get(), draft.documents.get()
    urls = [photo.image.url, photo.thumbnail.url, photo.display.url, document.file.url]
    assert all(url.startswith("/tep/") for url in urls)
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(django_user_model.objects.get(username="vanlang"))
    assert all(client.get(url).status_code == 404 for url in urls)
    client.force_login(django_user_model.objects.get(username="locbinh"))
    assert all(client.get(url).status_code == 200 for url in urls)
