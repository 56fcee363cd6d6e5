"""A draft article's cover and photos are private until it is public, like a meeting's."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.core.files import is_private
from portal.news.models import ArticleStatus

pytestmark = pytest.mark.django_db


def jpeg(name="cover.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 30)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_draft_articles_cover_is_private_and_follows_publication(client, make_article, staff_user,
                                                                   django_capture_on_commit_callbacks):
    article = make_article(status=ArticleStatus.DRAFT, published_at=None, cover_image=jpeg())
    assert is_private(article.cover_image.name)
    url = article.cover_image.url
    assert url.startswith("/tep/") and client.get(url).status_code == 404
    assert client.get(settings.MEDIA_URL + article.cover_image.name.removeprefix("private/")).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200  # the editor previews it
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        article.status = ArticleStatus.PUBLISHED
        article.published_at = article.created_at
        article.save()
    article.refresh_from_db()
    assert not is_private(article.cover_image.name)
    assert client.get(article.cover_image.url).status_code == 200
    # an old private address (kept in a body or a feed reader) now leads to the public file
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == article.cover_image.url
