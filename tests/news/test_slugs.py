"""News slugs are made on the server: the admin's urlify.js ("đ" -> "dj", accents dropped) has
no say, and a slug that changes keeps its old address as a 301."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from portal.core.models import PathRedirect
from portal.news.models import Article, ArticleStatus, Category


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def add_category(admin_client, **fields):
    return admin_client.post(reverse("admin:news_category_add"), {"slug": "", "order": "0", **fields})


def test_a_category_added_through_the_admin_gets_a_vietnamese_slug(admin_client):
    response = add_category(admin_client, name="Cụm thi đua số 2")
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Category.objects.get(name="Cụm thi đua số 2").slug == "cum-thi-dua-so-2"


def test_a_slug_typed_in_the_admin_is_kept_as_the_server_would_make_it(admin_client):
    add_category(admin_client, name="Tin các huyện", slug="Huyện Đình Lập")
    assert Category.objects.get(name="Tin các huyện").slug == "huyen-dinh-lap"


def test_a_typed_slug_already_in_use_is_a_form_error(admin_client, category):
    response = add_category(admin_client, name="Chuyên mục khác", slug="Hoạt động cụm, khối thi đua")
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


@pytest.mark.parametrize("model", [Category, Article])
def test_no_news_admin_prefills_slugs_in_the_browser(model, admin_client):
    model_admin = admin.site._registry[model]
    assert model_admin.get_prepopulated_fields(None) == {}
    content = admin_client.get(reverse(f"admin:news_{model._meta.model_name}_add")).content.decode()
    assert 'data-prepopulated-fields="[]"' in content


def test_an_article_slug_typed_with_accents_is_normalised(admin_client, category):
    data = {
        "title": "Tin có đường dẫn tự gõ", "slug": "Hội nghị Đình Lập", "category": category.pk, "summary": "",
        "body": "<p>x</p>", "gallery_intro": "", "status": ArticleStatus.DRAFT, "published_at_0": "",
        "published_at_1": "", "author_name": "", "author_unit": "", "cover_alt": "", "source_name": "",
        "source_url": "", "source_published_on": "", "republication_note": "",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get(title="Tin có đường dẫn tự gõ").slug == "hoi-nghi-dinh-lap"


def test_changing_a_category_slug_in_the_admin_keeps_the_old_address(admin_client, client, category):
    old_url = category.get_absolute_url()
    response = admin_client.post(reverse("admin:news_category_change", args=[category.pk]),
                                 {"name": category.name, "slug": "cum-khoi", "order": "1"})
    assert response.status_code == 302
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, "/tin-tuc/chuyen-muc/cum-khoi/")


def test_saving_a_category_unchanged_records_no_redirect(admin_client, category):
    admin_client.post(reverse("admin:news_category_change", args=[category.pk]),
                      {"name": category.name, "slug": category.slug, "order": "1"})
    assert not PathRedirect.objects.exists()


def test_the_news_migration_remakes_urlify_category_slugs(db, client):
    Category.objects.create(name="Cụm thi đua số 2", slug="cm-thi-djua-s-2")
    Category.objects.create(name="Thi đua - Khen thưởng", slug="thi-dua-khen-thuong")
    migration = import_module("portal.news.migrations.0005_remake_category_slugs")
    # The state the migration runs in: the models as they were right before it.
    state = MigrationLoader(connection).project_state([("news", "0004_category_slug_optional"),
                                                        ("core", "0002_path_redirects")])
    migration.remake_category_slugs(state.apps, SimpleNamespace(connection=connection))
    assert sorted(Category.objects.values_list("slug", flat=True)) == ["cum-thi-dua-so-2", "thi-dua-khen-thuong"]
    response = client.get("/tin-tuc/chuyen-muc/cm-thi-djua-s-2/")
    assert (response.status_code, response["Location"]) == (301, "/tin-tuc/chuyen-muc/cum-thi-dua-so-2/")
