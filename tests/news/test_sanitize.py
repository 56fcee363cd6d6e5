"""Rich text is cleaned on save: no script, handler, javascript: or data: URL reaches a page."""

import pytest

from portal.news.models import Article
from portal.news.sanitize import clean_html

PAYLOADS = [
    '<script>alert("xss")</script>',
    '<SCRIPT SRC="/media/x.js"></SCRIPT>',
    '<img src="/media/a.jpg" onerror="alert(\'xss\')">',
    '<p onclick="alert(1)">bấm</p>',
    '<a href="javascript:alert(1)">liên kết</a>',
    '<a href="JaVaScRiPt:alert(1)">liên kết</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">thực thể</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="  javascript:alert(1)">khoảng trắng</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img src="javascript:alert(1)">',
    '<svg onload="alert(1)"><circle r="1"></circle></svg>',
    '<svg><script>alert(1)</script></svg>',
    '<p style="width: expression(alert(1))">kiểu</p>',
    '<div style="background:url(javascript:alert(1))">nền</div>',
    '<iframe src="https://example.com/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="/media/x.swf"></object>',
    '<embed src="/media/x.swf">',
    '<math><mtext><img src="x" onerror="alert(1)"></mtext></math>',
    '<form action="javascript:alert(1)"><button>gửi</button></form>',
    '<body onload="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<img src="https://tracker.example/pixel.gif" alt="theo dõi">',
    '<img src="//tracker.example/pixel.gif">',
    '<!--<script>alert(1)</script>-->',
    '<style>body{background:red}</style>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
]
FORBIDDEN = ["<script", "javascript:", "vbscript:", "data:", "onerror", "onload", "onclick", "ontoggle",
             "<svg", "<iframe", "<object", "<embed", "style=", "<style", "expression(", "<form", "<meta",
             "<base", "srcdoc", "tracker.example"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dangerous_markup_is_removed_when_an_article_is_saved(payload, make_article):
    article = make_article(body=f"<p>Trước</p>{payload}<p>Sau</p>")
    stored = Article.objects.get(pk=article.pk).body.lower()
    for needle in FORBIDDEN:
        assert needle not in stored, (payload, stored)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_dangerous_markup_never_reaches_the_article_page(payload, make_article, client, site_profile):
    article = make_article(body=f"<p>Trước</p>{payload}<p>Sau</p>", title="Bài thử")
    html = client.get(article.get_absolute_url()).content.decode().lower()
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    for needle in FORBIDDEN:
        assert needle not in body, (payload, body)
    # nothing executable anywhere on the page but our own static script
    assert "alert(" not in html


def test_typical_editor_output_survives_sanitizing():
    editor_output = (
        "<h2>Kết quả 6 tháng đầu năm</h2>"
        "<p>Cụm thi đua đã <strong>thống nhất</strong>, <em>biểu quyết</em> thông qua các nhiệm vụ trọng tâm.<br>"
        'Xem <a href="https://langson.gov.vn/" title="Cổng tỉnh">cổng tỉnh</a> và '
        '<a href="/tin-tuc/">tin khác</a>, thư <a href="mailto:sonoivu@langson.gov.vn">Sở</a>.</p>'
        "<h3>Nhiệm vụ</h3>"
        "<ul><li><p>Tập huấn nghiệp vụ</p></li><li><p>Kiểm tra, giám sát</p></li></ul>"
        "<ol><li><p>Thứ nhất</p></li></ol>"
        "<blockquote><p>Thi đua là yêu nước.</p></blockquote>"
        '<p><img src="/media/news/photos/2017/07/anh-1.jpg" alt="Đại biểu dự hội nghị"></p>'
        "<h4>Ghi chú</h4><p>H<sub>2</sub>O và x<sup>2</sup>, <u>gạch chân</u>, <s>gạch ngang</s></p>"
    )
    cleaned = clean_html(editor_output)
    expected = editor_output.replace('title="Cổng tỉnh">', 'title="Cổng tỉnh" rel="noopener noreferrer">')
    for target in ('href="/tin-tuc/">', 'href="mailto:sonoivu@langson.gov.vn">'):
        expected = expected.replace(target, target[:-1] + ' rel="noopener noreferrer">')
    assert cleaned == expected
    # and cleaning is stable: saving the same body again changes nothing
    assert clean_html(cleaned) == cleaned


def test_tables_and_figures_are_kept():
    html = ("<figure><img src=\"/media/a.jpg\" alt=\"a\" width=\"300\" height=\"200\"><figcaption>Ảnh: A</figcaption>"
            "</figure><table><thead><tr><th>Đơn vị</th></tr></thead><tbody><tr><td>Văn Lãng</td></tr></tbody></table>")
    assert clean_html(html) == html


def test_links_get_rel_noopener_and_keep_safe_targets():
    cleaned = clean_html('<a href="https://example.org/" target="_blank" rel="opener">x</a>')
    assert cleaned == '<a href="https://example.org/" rel="noopener noreferrer">x</a>'


def test_relative_image_sources_are_kept_and_other_sites_refused():
    assert 'src="anh.jpg"' in clean_html('<img src="anh.jpg" alt="">')
    assert clean_html('<img src="/static/x.png" alt="">') == ""
    assert clean_html('<img src="http://example.org/x.png" alt="">') == ""
