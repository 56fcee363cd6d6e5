"""In a real browser (Debian's Chromium through Playwright): the gallery lightbox with and
without JavaScript, and the admin's body editor under the strict CSP."""

import os
import shutil

import pytest
from django.urls import reverse

from portal.news import services
from portal.news.models import Article

from .conftest import jpeg

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield instance
        instance.close()


def new_page(browser, **options):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return page


@pytest.fixture
def gallery_article(transactional_db, make_article, site_profile):
    article = make_article(title="Tin có ảnh")
    for order, colour in enumerate([(200, 30, 30), (30, 30, 200)], start=1):
        services.article_photo_add(article=article, image=jpeg(f"p{order}.jpg", size=(800, 600), colour=colour),
                                   alt_text=f"Mô tả {order}", caption=f"Ảnh: chú thích {order}", order=order)
    return article


def test_lightbox_opens_moves_with_arrows_closes_with_escape_and_returns_focus(browser, live_server,
                                                                               gallery_article):
    page = new_page(browser)
    page.goto(live_server.url + gallery_article.get_absolute_url())
    first = page.locator("a[data-lightbox-item]").first
    first.click()
    dialog = page.locator("dialog.lightbox")
    assert dialog.evaluate("d => d.open")
    photos = list(gallery_article.photos.order_by("order"))
    assert dialog.locator("img").get_attribute("src").endswith(photos[0].display.url)
    assert dialog.locator("img").get_attribute("alt") == "Mô tả 1"
    assert "Ảnh: chú thích 1" in dialog.locator("figcaption").inner_text()
    page.keyboard.press("ArrowRight")
    assert dialog.locator("img").get_attribute("src").endswith(photos[1].display.url)
    assert dialog.locator(".lightbox-count").inner_text() == "Ảnh 2/2"
    page.keyboard.press("ArrowLeft")
    assert dialog.locator("img").get_attribute("src").endswith(photos[0].display.url)
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.hasAttribute('data-lightbox-item')")
    assert page.console_errors == []


def test_without_javascript_a_thumbnail_is_a_plain_link_to_the_display_size(browser, live_server, gallery_article):
    page = new_page(browser, java_script_enabled=False)
    page.goto(live_server.url + gallery_article.get_absolute_url())
    page.locator("a[data-lightbox-item]").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(gallery_article.photos.order_by("order").first().display.url)


def test_admin_body_editor_works_under_the_csp_and_saves_clean_html(browser, live_server, transactional_db,
                                                                    category, django_user_model):
    django_user_model.objects.create_user(username="editor", password="x-Secret-123", is_staff=True,
                                          is_superuser=True)
    page = new_page(browser)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "x-Secret-123")
    page.click("[type=submit]")
    page.goto(live_server.url + reverse("admin:news_article_add"))
    editor = page.locator(".portal-editor .ProseMirror")
    editor.wait_for()
    assert page.locator("textarea[name=body]").is_hidden()
    page.fill("#id_title", "Tin soạn bằng trình soạn thảo")
    page.select_option("#id_category", str(category.pk))
    editor.click()
    page.keyboard.type("Đoạn mở đầu ")
    page.keyboard.press("Control+b")
    page.keyboard.type("in đậm")
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()
    article = Article.objects.get(title="Tin soạn bằng trình soạn thảo")
    assert article.body == "<p>Đoạn mở đầu <strong>in đậm</strong></p>"
    assert page.console_errors == []


def test_opening_and_saving_an_article_in_the_editor_keeps_its_body(browser, live_server, transactional_db,
                                                                    make_article, django_user_model):
    body = (
        "<h2>Kết quả</h2><p>Đoạn có <strong>đậm</strong>, <em>nghiêng</em> và "
        '<a href="https://langson.gov.vn/" rel="noopener noreferrer">liên kết</a>.</p>'
        "<ul><li><p>Một</p></li><li><p>Hai</p></li></ul><ol><li><p>Thứ nhất</p></li></ol>"
        "<blockquote><p>Trích dẫn</p></blockquote><h3>Mục</h3><h4>Tiểu mục</h4>"
        '<p><img src="/media/news/a.jpg" alt="Ảnh">dòng<br>mới</p>'
    )
    article = make_article(title="Tin có định dạng", body=body)
    assert article.body == body
    django_user_model.objects.create_user(username="editor", password="x-Secret-123", is_staff=True,
                                          is_superuser=True)
    page = new_page(browser)
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "x-Secret-123")
    page.click("[type=submit]")
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    editor = page.locator(".portal-editor .ProseMirror")
    editor.wait_for()
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" thêm")
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()
    article.refresh_from_db()
    assert article.body == body.replace("mới</p>", "mới thêm</p>")
