"""The public shell knows the library: the main menu leads to it, site search finds its
documents, and the sitemap lists the published ones."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_main_menu_leads_to_the_library(client, site_profile):
    home = client.get("/").content.decode()
    assert re.search(r'<a href="/van-ban/"[^>]*>Văn bản</a>', home)


def test_the_site_search_finds_documents_accents_optional(client, library, site_profile):
    body = re.sub(r"\s+", " ", client.get(reverse("search"), {"q": "nghi dinh 152"}).content.decode())
    assert library.decree_152.get_absolute_url() in body
    assert '<p class="result-kind">Văn bản</p>' in body
    assert "<mark>Nghị</mark> <mark>định</mark> số <mark>152</mark>/2025/NĐ-CP" in body


def test_the_site_search_leaves_unpublished_documents_out(client, make_document, site_profile):
    draft = make_document(number="77/2026/NĐ-CP", is_published=False)
    body = client.get(reverse("search"), {"q": "77/2026"}).content.decode()
    assert draft.get_absolute_url() not in body


def test_the_sitemap_lists_published_documents(client, library, make_document):
    draft = make_document(number="78/2026/NĐ-CP", is_published=False)
    from tests.news.test_home import sitemap_text

    body = sitemap_text(client)
    section = client.get(reverse("sitemap-section", args=["documents"])).content.decode()
    assert library.law.get_absolute_url() in section and draft.get_absolute_url() not in section
    assert library.law.get_absolute_url() in body
    assert draft.get_absolute_url() not in body
