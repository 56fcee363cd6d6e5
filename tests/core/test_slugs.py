"""Slugs made on the server, remade in data migrations, and old addresses that answer 301.

The news category stands in for any model with a name-made slug (units and clusters use the
same helpers)."""

from types import SimpleNamespace

import pytest
from django.apps import apps as current_apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from portal.core.forms import VietnameseSlugField
from portal.core.models import PathRedirect
from portal.core.services import path_redirect_record
from portal.core.slugs import remake_slugs, slug_is_current
from portal.news.models import Category


def category_path(slug, _category):
    return f"/tin-tuc/chuyen-muc/{slug}/"


def historical_apps():
    """The models as a data migration sees them: right after the redirect table was created
    (and before the news app made category slugs optional)."""
    loader = MigrationLoader(connection)
    return loader.project_state([("core", "0002_path_redirects"), ("news", "0003_article_links")]).apps


def remake_categories(apps=None):
    return remake_slugs(apps or historical_apps(), SimpleNamespace(connection=connection),
                        model="news.Category", source_field="name", path=category_path)


def test_a_urlify_slug_is_remade_and_its_old_address_answers_301(db, client):
    category = Category.objects.create(name="Cụm thi đua số 2", slug="cm-thi-djua-s-2")
    moved = remake_categories()
    category.refresh_from_db()
    assert category.slug == "cum-thi-dua-so-2"
    assert moved == [("/tin-tuc/chuyen-muc/cm-thi-djua-s-2/", "/tin-tuc/chuyen-muc/cum-thi-dua-so-2/")]
    response = client.get("/tin-tuc/chuyen-muc/cm-thi-djua-s-2/")
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/chuyen-muc/cum-thi-dua-so-2/"
    assert client.get(response["Location"]).status_code == 200


def test_the_district_example_of_the_issue_is_remade_too(db):
    category = Category.objects.create(name="Huyện Đình Lập", slug="huyn-djnh-lp")
    remake_categories(current_apps)  # the function works with the current models as well
    category.refresh_from_db()
    assert category.slug == "huyen-dinh-lap"


def test_slugs_the_server_made_are_left_alone_twins_included(db):
    Category.objects.create(name="Thi đua - Khen thưởng", slug="thi-dua-khen-thuong")
    Category.objects.create(name="Tin ảnh", slug="tin-anh-2")  # a twin's number is kept
    assert remake_categories() == []
    assert set(Category.objects.values_list("slug", flat=True)) == {"thi-dua-khen-thuong", "tin-anh-2"}
    assert not PathRedirect.objects.exists()


def test_a_remade_slug_never_takes_another_rows_slug(db):
    Category.objects.create(name="Cụm thi đua số 2", slug="cum-thi-dua-so-2")
    twin = Category.objects.create(name="Cụm thi đua số 2 ", slug="cm-thi-djua-s-2")  # name differs by a space
    remake_categories()
    twin.refresh_from_db()
    assert twin.slug == "cum-thi-dua-so-2-2"


@pytest.mark.parametrize(
    ("slug", "name", "current"),
    [
        ("cum-thi-dua-so-2", "Cụm thi đua số 2", True),
        ("cum-thi-dua-so-2-3", "Cụm thi đua số 2", True),
        ("cm-thi-djua-s-2", "Cụm thi đua số 2", False),
        ("huyn-djnh-lp", "Huyện Đình Lập", False),
        ("cum-thi-dua-so-2-1", "Cụm thi đua số 2", False),  # unique_slug never makes "-1"
    ],
)
def test_which_slugs_count_as_current(slug, name, current):
    assert slug_is_current(slug, name) is current


def test_a_remade_address_sends_older_addresses_straight_to_the_newest(db):
    path_redirect_record(old_path="/a/", new_path="/b/")
    path_redirect_record(old_path="/b/", new_path="/c/")
    assert dict(PathRedirect.objects.values_list("old_path", "new_path")) == {"/a/": "/c/", "/b/": "/c/"}


def test_a_slug_changed_back_makes_no_loop(db):
    path_redirect_record(old_path="/a/", new_path="/b/")
    path_redirect_record(old_path="/b/", new_path="/a/")
    assert dict(PathRedirect.objects.values_list("old_path", "new_path")) == {"/b/": "/a/"}


def test_the_redirect_keeps_the_query_string(db, client):
    path_redirect_record(old_path="/tin-tuc/chuyen-muc/cu/", new_path="/tin-tuc/")
    response = client.get("/tin-tuc/chuyen-muc/cu/?page=2")
    assert (response.status_code, response["Location"]) == (301, "/tin-tuc/?page=2")


def test_a_form_sent_to_an_old_address_is_not_redirected(db, client):
    path_redirect_record(old_path="/tin-tuc/chuyen-muc/cu/", new_path="/tin-tuc/")
    assert client.post("/tin-tuc/chuyen-muc/cu/").status_code != 301


def test_ordinary_pages_never_read_the_redirect_table(db, client, site_profile):
    path_redirect_record(old_path="/tin-tuc/chuyen-muc/cu/", new_path="/tin-tuc/")
    for url in ("/", "/tin-tuc/", "/tim-kiem/?q=lang+son"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q for q in queries.captured_queries if "core_pathredirect" in q["sql"]], url


def test_an_unknown_address_is_still_a_404_after_one_look_at_the_table(db, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert len([q for q in queries.captured_queries if "core_pathredirect" in q["sql"]]) == 1


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("Cụm thi đua số 2", "cum-thi-dua-so-2"), ("Cum-Thi-Dua-So-2", "cum-thi-dua-so-2"),
     ("Huyện Đình Lập", "huyen-dinh-lap"), ("", "")],
)
def test_a_typed_slug_is_kept_as_the_server_would_make_it(typed, kept):
    assert VietnameseSlugField(required=False, max_length=200).clean(typed) == kept


def test_staff_add_an_old_address_in_the_admin_but_never_delete_one(client, staff_user):
    from django.urls import reverse

    client.force_login(staff_user)
    response = client.post(reverse("admin:core_pathredirect_add"),
                           {"old_path": "/tin-tuc/chuyen-muc/cu/", "new_path": "/tin-tuc/"})
    assert response.status_code == 302
    entry = PathRedirect.objects.get(old_path="/tin-tuc/chuyen-muc/cu/")
    assert client.get(reverse("admin:core_pathredirect_delete", args=[entry.pk])).status_code == 403


def test_the_admin_refuses_a_new_address_that_is_itself_an_old_one(client, staff_user):
    from django.urls import reverse

    path_redirect_record(old_path="/tin-tuc/chuyen-muc/cu/", new_path="/tin-tuc/")
    client.force_login(staff_user)
    response = client.post(reverse("admin:core_pathredirect_add"),
                           {"old_path": "/cu-hon/", "new_path": "/tin-tuc/chuyen-muc/cu/"})
    assert response.status_code == 200
    assert "new_path" in response.context["adminform"].form.errors
    assert not PathRedirect.objects.filter(old_path="/cu-hon/").exists()


def test_the_admin_refuses_an_address_outside_the_site(client, staff_user):
    from django.urls import reverse

    client.force_login(staff_user)
    response = client.post(reverse("admin:core_pathredirect_add"),
                           {"old_path": "/cu/", "new_path": "https://example.com/"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
