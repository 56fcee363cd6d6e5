"""Public pages: the seed article in full, home, lists, feeds, sitemap, robots, Open Graph."""

import html
import re

import pytest
from django.urls import reverse

from portal.news import demo
from portal.news.models import ArticlePhoto, ArticleStatus


def page_text(response) -> str:
    """The page as a reader sees its text: tags dropped, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def test_seed_article_page_shows_all_of_it(seed_article, client):
    response = client.get(seed_article.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    assert demo.SEED_TITLE in text
    assert "Thứ Sáu, 21/07/2017 - 15:07" in text
    for paragraph in demo.SEED_PARAGRAPHS:
        assert paragraph in text
    assert "Phó trưởng ban, Ban Thi đua - Khen thưởng" in text
    assert "Sau đây là một số hình ảnh về Hội nghị:" in text
    for caption, _alt in demo.SEED_PHOTOS:
        assert caption in text
    assert "Trần Văn Ba" in text
    assert "Phòng Nghiệp vụ 2, Ban TĐKT" in text


def test_seed_article_shows_four_photos_with_alt_text_and_links_to_display_size(seed_article, client):
    content = client.get(seed_article.get_absolute_url()).content.decode()
    gallery = content.split('class="gallery news-gallery"', 1)[1].split("</ul>", 1)[0]
    images = re.findall(r"<img [^>]*>", gallery)
    assert len(images) == 4
    photos = list(seed_article.photos.order_by("order"))
    for image, photo in zip(images, photos, strict=True):
        alt = re.search(r'alt="([^"]*)"', image).group(1)
        assert html.unescape(alt) == photo.alt_text != ""
        assert f'src="{photo.thumbnail.url}"' in image
        assert f'href="{photo.display.url}"' in gallery


def test_seed_article_captions_are_exactly_those_of_the_source(seed_article):
    captions = list(seed_article.photos.order_by("order").values_list("caption", flat=True))
    assert captions == [
        "Ảnh: Đồng chí Nguyễn Đình Trường, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện, Chủ tịch Hội đồng TĐKT "
        "huyện Văn Lãng phát biểu khai mạc",
        "Ảnh: Các đại biểu tham dự và thảo luận tại Hội nghị",
        "Ảnh: Đồng chí Nguyễn Thu Hoài, Phó trưởng Ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Lạng Sơn phát biểu "
        "chỉ đạo Hội nghị",
        "Ảnh: Đoàn đại biểu cụm thi đua 5 huyện biên giới đến thăm và dâng hương đồng chí Hoàng Văn Thụ tại khu "
        "lưu niệm đồng chí Hoàng Văn Thụ, xã Hoàng Văn Thụ, huyện Văn Lãng.",
    ]
    assert not seed_article.is_sample
    assert all(photo.is_sample for photo in ArticlePhoto.objects.filter(article=seed_article))


def test_seed_article_is_reachable_from_the_home_page(seed_article, client):
    content = client.get(reverse("home")).content.decode()
    assert f'href="{seed_article.get_absolute_url()}"' in content


def test_demo_is_idempotent(seed_article):
    import io

    demo.load(stdout=io.StringIO())
    assert seed_article.photos.count() == 4
    assert type(seed_article).objects.filter(title=demo.SEED_TITLE).count() == 1


def test_sample_articles_say_so_and_the_seed_article_does_not(seed_article, client):
    sample = type(seed_article).objects.filter(is_sample=True).first()
    assert "Dữ liệu mẫu" in client.get(sample.get_absolute_url()).content.decode()
    seed_page = client.get(seed_article.get_absolute_url()).content.decode()
    article_part = seed_page.split('<article class="news-article">', 1)[1].split('<section class="gallery-section"')[0]
    assert "Dữ liệu mẫu" not in article_part


def test_article_page_carries_open_graph_tags(seed_article, client):
    content = client.get(seed_article.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in content
    assert f'<meta property="og:title" content="{html.escape(demo.SEED_TITLE)}">' in content
    assert '<meta property="og:image" content="http://testserver/media/' in content
    assert 'property="article:published_time" content="2017-07-21T15:07:00+07:00"' in content


def test_pages_link_their_feeds_in_the_head(seed_article, client):
    for url in (reverse("home"), reverse("news:list"), seed_article.get_absolute_url()):
        head = client.get(url).content.decode().split("</head>")[0]
        assert '<link rel="alternate" type="application/rss+xml" title="' in head
        assert f'href="{reverse("news:rss")}"' in head
        assert f'href="{reverse("news:atom")}"' in head


def test_news_list_paginates_and_filters_by_category(make_article, other_category, client, site_profile):
    for _ in range(12):
        make_article()
    make_article(title="Tin chuyên mục khác", category=other_category)
    first = client.get(reverse("news:list")).content.decode()
    second = client.get(reverse("news:list") + "?page=2").content.decode()
    assert first.count('class="news-item"') == 10
    assert second.count('class="news-item"') == 3
    category_page = client.get(reverse("news:category", args=[other_category.slug])).content.decode()
    assert "Tin chuyên mục khác" in category_page
    assert category_page.count('class="news-item"') == 1
    assert client.get(reverse("news:category", args=["khong-co"])).status_code == 404


def test_related_news_come_from_the_same_category(make_article, other_category, client, site_profile):
    article = make_article(title="Tin chính")
    make_article(title="Tin cùng chuyên mục")
    make_article(title="Tin chuyên mục khác", category=other_category)
    content = client.get(article.get_absolute_url()).content.decode()
    related = content.split('class="related-news"', 1)[1]
    assert "Tin cùng chuyên mục" in related
    assert "Tin chuyên mục khác" not in related


def test_rss_and_atom_feeds_list_published_articles_only(make_article, client, site_profile):
    make_article(title="Tin đã đăng")
    make_article(title="Tin nháp", status=ArticleStatus.DRAFT, published_at=None)
    rss = client.get(reverse("news:rss"))
    atom = client.get(reverse("news:atom"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for response in (rss, atom):
        body = response.content.decode()
        assert "Tin đã đăng" in body
        assert "Tin nháp" not in body


def test_sitemap_lists_home_and_published_articles(make_article, client, site_profile):
    public = make_article(title="Tin đã đăng")
    draft = make_article(title="Tin nháp", status=ArticleStatus.DRAFT, published_at=None)
    from .test_home import sitemap_text

    body = sitemap_text(client)
    assert "<loc>http://testserver/</loc>" in body
    assert f"<loc>http://testserver{public.get_absolute_url()}</loc>" in body
    assert draft.slug not in body


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("path", ["/tin-tuc/khong-ton-tai/", "/khong-co-trang-nay/"])
def test_missing_pages_answer_in_vietnamese(client, site_profile, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_article_dates_are_written_the_vietnamese_way(seed_article, client):
    content = client.get(reverse("news:list")).content.decode()
    assert "Thứ Sáu, 21/07/2017 - 15:07" in content


def test_the_sitemap_is_an_index_of_pages_of_bounded_size(make_article, client, site_profile, monkeypatch,
                                                          django_assert_max_num_queries):
    """Issue 17: one document with every address took seconds at a province's size."""
    from portal.news import sitemaps

    monkeypatch.setattr(sitemaps, "PAGE_SIZE", 2)
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for n in range(5):
        make_article(title=f"Tin {n}")
    index = client.get("/sitemap.xml").content.decode()
    assert index.count("sitemap-news.xml") == 3  # 5 articles, 2 a page
    page = client.get("/sitemap-news.xml?p=3").content.decode()
    assert page.count("<url>") == 1
    with django_assert_max_num_queries(12):
        client.get("/sitemap-news.xml?p=2")


def test_a_small_site_has_one_sitemap_document(make_article, client, site_profile):
    make_article(title="Tin một")
    body = client.get("/sitemap.xml").content.decode()
    assert "<urlset" in body and "<sitemapindex" not in body
