"""Public pages that read well at any width: the home page's lead picture keeps clear of its
headline, chart labels are shown in full, a lightbox caption does not run into its badge."""

import re
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from awards.statistics.charts import bar_chart

STATIC = Path(settings.BASE_DIR) / "static"
LONG_AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn về thành tích xuất sắc trong phong trào thi đua"


def css_rule(path: Path, selector: str) -> str:
    """The declarations of the first top-level rule for exactly `selector`."""
    match = re.search(r"(?m)^" + re.escape(selector) + r"\s*\{([^}]*)\}", path.read_text())
    assert match, f"{selector} not in {path.name}"
    return match.group(1)


def test_home_lead_picture_sits_in_its_own_box_above_the_headline(seed_article, client):
    html = client.get(reverse("home")).content.decode()
    story = re.search(r'<article class="lead-story">(.*?)</article>', html, re.S).group(1)
    # the picture's box closes before the headline opens: they are siblings, never nested
    assert re.match(r'\s*<div class="lead-media"><img [^>]*class="lead-cover"[^>]*></div>\s*<h3 class="lead-title">',
                    story), story[:300]


def test_home_lead_picture_is_scaled_whole_not_cropped():
    # object-fit: cover with a max-height cut the picture's lower edge at the headline.
    rule = css_rule(STATIC / "css" / "news.css", ".lead-cover")
    assert "object-fit" not in rule and "max-height" in rule and "height: auto" in rule
    assert "margin: 0 0 .75rem" in css_rule(STATIC / "css" / "news.css", ".lead-media")


def test_chart_labels_are_page_text_in_full_however_long():
    chart = bar_chart(id="top-awards", title="Các hình thức", description="Số lượt.",
                      items=[(LONG_AWARD, 41, "41"), ("Giấy khen", 19, "19")])
    html = render_to_string("awards/stats/_bar_chart.html", {"chart": chart})
    bars = html.split('<ul class="chart-bars"')[1].split("</ul>")[0]
    assert re.findall(r'<span class="chart-label">([^<]*)</span>', bars) == [LONG_AWARD, "Giấy khen"]
    assert "…" not in bars and "<text" not in bars  # SVG text cannot wrap, so it was cut at 40 characters
    assert "overflow-wrap" in css_rule(STATIC / "css" / "stats.css", ".chart-label")


def test_chart_bars_keep_their_proportions():
    chart = bar_chart(id="c", title="t", description="d", items=[("a", 40, "40"), ("b", 10, "10")])
    html = render_to_string("awards/stats/_bar_chart.html", {"chart": chart})
    widths = [float(w) for w in re.findall(r'<rect class="chart-bar" [^>]*width="([\d.]+)"', html)]
    assert widths == [chart.track_width, chart.track_width / 4]
    assert html.count("<svg") == html.count('aria-hidden="true"') == 2  # label and value are the text


def test_gallery_caption_text_and_sample_badge_are_separate_boxes():
    photo = SimpleNamespace(display_url="/a.jpg", thumb_url="/a-t.jpg", alt_text="Ảnh",
                            caption="Ảnh: Đồng chí phát biểu", thumb_width=None, is_sample=True)
    html = render_to_string("includes/gallery.html", {"photos": [photo], "title": "Ảnh", "heading_id": "p"})
    assert re.search(r'<figcaption><span class="gallery-caption">Ảnh: Đồng chí phát biểu</span>\s*'
                     r'<span class="badge badge-sample">[^<]+</span></figcaption>', html), html


def test_lightbox_copies_the_caption_text_and_the_badge_apart():
    script = (STATIC / "js" / "lightbox.js").read_text()
    assert "figcaption.textContent" not in script  # it glued the badge's words onto the caption
    assert ".gallery-caption" in script and "cloneNode" in script
    assert "flex-wrap: wrap" in css_rule(STATIC / "css" / "site.css", ".lightbox figcaption")
