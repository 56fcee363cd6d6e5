"""A republished news item says where it comes from: "Nguồn: …" (linked when the source gives an
address), the original date and the republication note; each only when given."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portal.news import demo

from .test_pages import page_text

BAC_NINH = "Cổng thông tin điện tử tỉnh Bắc Ninh"


def source_block(response) -> str:
    content = response.content.decode()
    match = re.search(r'<p class="author-line article-source">(.*?)</p>', content, re.S)
    return match.group(1) if match else ""


def test_the_source_is_named_and_linked_with_its_date_and_note(make_article, client):
    article = make_article(
        source_name=BAC_NINH, source_url="https://bacninh.gov.vn/tin/123",
        source_published_on=datetime.date(2017, 6, 30),
        republication_note="Đăng lại từ Cổng thông tin điện tử tỉnh Bắc Ninh",
    )
    response = client.get(article.get_absolute_url())
    block = source_block(response)
    assert f'Nguồn: <a href="https://bacninh.gov.vn/tin/123" rel="external noopener">{BAC_NINH}</a>' in block
    assert '<time datetime="2017-06-30">Thứ Sáu, 30/06/2017</time>' in block
    assert "Đăng lại từ Cổng thông tin điện tử tỉnh Bắc Ninh" in block


def test_a_source_without_an_address_is_named_without_a_link(make_article, client):
    article = make_article(source_name="Báo Bắc Ninh")
    block = source_block(client.get(article.get_absolute_url()))
    assert "Nguồn: Báo Bắc Ninh" in block
    assert "<a " not in block
    assert "Ngày đăng gốc" not in block


def test_only_what_the_source_gives_is_shown(make_article, client):
    article = make_article(republication_note="Đăng lại, có lược bớt.")
    block = source_block(client.get(article.get_absolute_url()))
    assert block.strip() == "<em>Đăng lại, có lược bớt.</em>"


def test_an_article_of_our_own_has_no_source_line(make_article, client):
    response = client.get(make_article().get_absolute_url())
    assert "article-source" not in response.content.decode()
    assert "Nguồn:" not in page_text(response)


def test_an_address_without_a_source_name_is_refused(make_article):
    article = make_article()
    article.source_url = "https://bacninh.gov.vn/"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "source_name" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def test_an_original_published_after_the_republication_is_refused(make_article):
    article = make_article(source_name=BAC_NINH)  # published 1 July 2017
    article.source_published_on = datetime.date(2017, 7, 2)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "source_published_on" in error.value.message_dict
    article.source_published_on = datetime.date(2017, 7, 1)
    article.full_clean()


def test_the_admin_form_offers_the_source_fields(client, staff_user, make_article):
    from django.urls import reverse

    client.force_login(staff_user)
    content = client.get(reverse("admin:news_article_change", args=[make_article().pk])).content.decode()
    for name in ("source_name", "source_url", "source_published_on", "republication_note"):
        assert f'name="{name}"' in content


def test_the_demo_republishes_an_item_with_its_source_as_sample_data(seed_article, client):
    from portal.news.models import Article

    article = Article.objects.get(slug=demo.REPUBLISHED_SLUG)
    assert article.is_sample and article.source_name and article.source_url
    response = client.get(article.get_absolute_url())
    text = page_text(response)
    assert f"Nguồn: {BAC_NINH}" in text
    assert "Ngày đăng gốc: Thứ Sáu, 12/01/2018" in text
    assert "Dữ liệu mẫu" in text
