"""Small things a visitor meets: the footer names the governing body and who is responsible,
/favicon.ico exists, and a news item without a picture shows its category's own image."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_footer_names_the_governing_body_and_the_chief_responsible(client, site_profile):
    site_profile.responsible = "Giám đốc Sở Nội vụ tỉnh Lạng Sơn"
    site_profile.save()
    body = client.get("/").content.decode()
    footer = body.split('class="site-footer"')[1]
    assert "Cơ quan chủ quản: Sở Nội vụ tỉnh Lạng Sơn" in footer
    assert "Chịu trách nhiệm chính: Giám đốc Sở Nội vụ tỉnh Lạng Sơn" in footer


def test_favicon_ico_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200


def test_a_news_item_without_a_picture_shows_its_categorys_image(client, site_profile, make_article, category):
    make_article(title="Tin không có ảnh")
    body = client.get(reverse("news:list")).content.decode()
    image_url = reverse("news:category-image", args=[category.slug])
    assert image_url in body
    image = client.get(image_url)
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert category.name in image.content.decode()
