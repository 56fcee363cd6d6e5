"""News in a real browser: the gallery lightbox with and without JavaScript, and the admin's
ProseMirror body editor under the strict CSP (it must keep a formatted body unchanged)."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HCM = datetime.timezone(datetime.timedelta(hours=7))


def jpeg(name, colour):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


@pytest.fixture
def category(db):
    from portal.news.models import Category

    return Category.objects.create(name="Hoạt động cụm, khối thi đua", slug="hoat-dong-cum-khoi-thi-dua")


def make_article(category, **fields):
    from portal.news.models import Article, ArticleStatus

    defaults = {"title": "Tin có ảnh", "category": category, "body": "<p>Nội dung.</p>",
                "status": ArticleStatus.PUBLISHED, "published_at": datetime.datetime(2017, 7, 21, 15, 7, tzinfo=HCM)}
    return Article.objects.create(**{**defaults, **fields})


@pytest.fixture
def gallery_article(category, site_profile):
    from portal.news import services

    article = make_article(category)
    for order, colour in enumerate([(200, 30, 30), (30, 30, 200)], start=1):
        services.article_photo_add(article=article, image=jpeg(f"p{order}.jpg", colour), alt_text=f"Mô tả {order}",
                                   caption=f"Ảnh: chú thích {order}", order=order)
    return article


@pytest.fixture
def editor_page(page, live_server, django_user_model):
    django_user_model.objects.create_user(username="editor", password="x-Secret-123", is_staff=True,
                                          is_superuser=True)
    csp_reports = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_reports.append(m.text))
    page.csp_reports = csp_reports
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "x-Secret-123")
    page.click("[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    return page


def test_lightbox_opens_moves_with_arrows_closes_with_escape_and_returns_focus(page, live_server, gallery_article):
    page.goto(live_server.url + gallery_article.get_absolute_url())
    page.locator("a[data-lightbox-item]").first.click()
    dialog = page.locator("dialog.lightbox")
    assert dialog.evaluate("d => d.open")
    photos = list(gallery_article.photos.order_by("order"))
    image = dialog.locator("img")
    assert image.get_attribute("src").endswith(photos[0].display.url)
    assert image.get_attribute("alt") == "Mô tả 1"
    assert "Ảnh: chú thích 1" in dialog.locator("figcaption").inner_text()
    page.keyboard.press("ArrowRight")
    assert image.get_attribute("src").endswith(photos[1].display.url)
    assert dialog.locator(".lightbox-count").inner_text() == "Ảnh 2/2"
    page.keyboard.press("ArrowLeft")
    assert image.get_attribute("src").endswith(photos[0].display.url)
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.hasAttribute('data-lightbox-item')")
    assert page.js_errors == []


def test_without_javascript_a_thumbnail_is_a_plain_link_to_the_display_size(browser, live_server, gallery_article):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + gallery_article.get_absolute_url())
        with page.expect_navigation():
            page.locator("a[data-lightbox-item]").first.click()
        assert page.url.endswith(gallery_article.photos.order_by("order").first().display.url)
    finally:
        context.close()


def test_admin_body_editor_works_under_the_csp_and_saves_clean_html(editor_page, live_server, category):
    from portal.news.models import Article

    page = editor_page
    page.goto(live_server.url + reverse("admin:news_article_add"))
    editor = page.locator(".portal-editor .ProseMirror")
    editor.wait_for()
    assert page.locator("textarea[name=body]").is_hidden()
    assert page.locator(".ProseMirror-menubar [title='In đậm']").count() == 1
    page.fill("#id_title", "Tin soạn bằng trình soạn thảo")
    page.select_option("#id_category", str(category.pk))
    editor.click()
    page.keyboard.type("Đoạn mở đầu ")
    page.keyboard.press("Control+b")
    page.keyboard.type("in đậm")
    with page.expect_navigation():  # the save's redirect, not the page already loaded
        page.locator("input[name=_save]").first.click()
    article = Article.objects.get(title="Tin soạn bằng trình soạn thảo")
    assert article.body == "<p>Đoạn mở đầu <strong>in đậm</strong></p>"
    assert page.js_errors == []
    assert page.csp_reports == []


def test_opening_and_saving_an_article_in_the_editor_keeps_its_body(editor_page, live_server, category):
    body = (
        "<h2>Kết quả</h2><p>Đoạn có <strong>đậm</strong>, <em>nghiêng</em> và "
        '<a href="https://langson.gov.vn/" rel="noopener noreferrer">liên kết</a>.</p>'
        "<ul><li><p>Một</p></li><li><p>Hai</p></li></ul><ol><li><p>Thứ nhất</p></li></ol>"
        "<blockquote><p>Trích dẫn</p></blockquote><h3>Mục</h3><h4>Tiểu mục</h4>"
        '<p><img src="/media/news/a.jpg" alt="Ảnh">dòng<br>mới</p>'
    )
    article = make_article(category, title="Tin có định dạng", body=body)
    assert article.body == body
    page = editor_page
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    editor = page.locator(".portal-editor .ProseMirror")
    editor.wait_for()
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" thêm")
    with page.expect_navigation():  # the save's redirect, not the page already loaded
        page.locator("input[name=_save]").first.click()
    article.refresh_from_db()
    assert article.body == body.replace("mới</p>", "mới thêm</p>")
