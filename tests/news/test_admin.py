"""The news admin: its pages open, the body editor is self-hosted, saving cleans the body."""

import pytest
from django.urls import reverse

from portal.news.models import Article, ArticleStatus

from .conftest import jpeg


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize("name", ["admin:news_article_changelist", "admin:news_article_add",
                                  "admin:news_category_changelist", "admin:news_category_add"])
def test_news_admin_pages_open(name, admin_client, make_article):
    make_article()
    assert admin_client.get(reverse(name)).status_code == 200


def test_article_change_page_opens_with_its_photos_and_preview_link(admin_client, make_article):
    from portal.news import services

    article = make_article()
    services.article_photo_add(article=article, image=jpeg(), alt_text="Ảnh hội nghị", caption="Ảnh: Hội nghị")
    response = admin_client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("news:preview", args=[article.pk]) in content
    assert "Ảnh hội nghị" in content


def test_body_editor_is_self_hosted_and_starts_from_a_static_file(admin_client):
    content = admin_client.get(reverse("admin:news_article_add")).content.decode()
    assert "/static/vendor/editor/editor.js" in content
    assert "/static/js/news-editor.js" in content
    assert "/static/vendor/editor/editor.css" in content
    assert 'data-rich-editor="1"' in content
    # the textarea itself is in the page, so the form works with JavaScript off
    assert '<textarea name="body"' in content
    assert "cdn" not in content.lower()


def test_saving_through_the_admin_cleans_the_body_and_records_the_editor(admin_client, category, staff_user):
    data = {
        "title": "Tin mới từ trang quản trị", "slug": "", "category": category.pk, "summary": "Tóm tắt",
        "body": '<p onclick="x()">Xin chào <script>alert(1)</script><a href="javascript:alert(1)">a</a></p>',
        "gallery_intro": "", "status": ArticleStatus.DRAFT, "published_at_0": "", "published_at_1": "",
        "author_name": "Trần Văn Ba", "author_unit": "Phòng Nghiệp vụ 2, Ban TĐKT", "cover_alt": "",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title="Tin mới từ trang quản trị")
    assert article.slug == "tin-moi-tu-trang-quan-tri"
    assert article.body == '<p>Xin chào <a rel="noopener noreferrer">a</a></p>'
    assert article.created_by == staff_user


def test_publishing_without_a_time_is_a_form_error_not_a_crash(admin_client, category):
    data = {
        "title": "Thiếu giờ đăng", "slug": "", "category": category.pk, "summary": "", "body": "<p>x</p>",
        "gallery_intro": "", "status": ArticleStatus.PUBLISHED, "published_at_0": "", "published_at_1": "",
        "author_name": "", "author_unit": "", "cover_alt": "",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 200
    assert "published_at" in response.context["adminform"].form.errors
    assert not Article.objects.filter(title="Thiếu giờ đăng").exists()


def test_a_photo_without_alt_text_is_refused(admin_client, make_article):
    from django.core.exceptions import ValidationError

    from portal.news import services

    article = make_article()
    with pytest.raises(ValidationError) as error:
        services.article_photo_add(article=article, image=jpeg(), alt_text="", caption="Ảnh")
    assert "alt_text" in error.value.message_dict


def test_a_text_file_named_jpg_is_refused_as_a_photo(make_article):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile

    from portal.news import services

    article = make_article()
    with pytest.raises(ValidationError):
        services.article_photo_add(article=article, image=ContentFile(b"not an image", name="anh.jpg"),
                                   alt_text="Ảnh")


def test_photo_renditions_drop_exif(make_article):
    import io

    from PIL import Image

    from portal.news import services

    image = Image.new("RGB", (1600, 1000), (10, 20, 30))
    exif = Image.Exif()
    exif[0x010F] = "Camera Co"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    from django.core.files.base import ContentFile

    photo = services.article_photo_add(article=make_article(), image=ContentFile(buffer.getvalue(), name="a.jpg"),
                                       alt_text="Ảnh")
    assert (photo.thumb_width, photo.display_width) == (320, 1200)
    with photo.display.open("rb") as handle:
        assert not Image.open(handle).getexif()


def test_withdrawing_articles_takes_them_off_the_home_page_at_once(admin_client, make_article, client):
    article = make_article(title="Tin sẽ rút")
    assert "Tin sẽ rút" in client.get(reverse("home")).content.decode()
    admin_client.post(reverse("admin:news_article_changelist"),
                      {"action": "withdraw_articles", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert "Tin sẽ rút" not in client.get(reverse("home")).content.decode()


def test_admin_search_ignores_accents(admin_client, make_article):
    make_article(title="Hội nghị tại Lạng Sơn")
    make_article(title="Tin khác")
    for term in ("lang son", "Lạng Sơn", "LẠNG"):
        response = admin_client.get(reverse("admin:news_article_changelist"), {"q": term})
        assert response.context["cl"].result_count == 1, term
