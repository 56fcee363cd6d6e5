"""The one gate rich text passes before it is stored: an allow-list cleaner built on nh3.

Whatever an editor (or a paste, or a hostile account) sends, only these tags and attributes
survive. Links keep http, https, mailto and relative targets and get rel="noopener noreferrer";
images keep only our own media (/media/…) or relative sources, so a body can neither load
third-party content nor carry a javascript: or data: URL."""

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img",
    "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Whole tags (with their text) that must not leak as visible text either.
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"}
_DIGITS = re.compile(r"^\d{1,4}$")


def _image_source_allowed(src: str) -> bool:
    media = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else "/media/"
    src = src.strip()
    if src.startswith(media):
        return ".." not in src
    parts = urlsplit(src)
    # relative paths only: no scheme, no host, not rooted elsewhere on the site
    return not (parts.scheme or parts.netloc or src.startswith(("/", "\\")))


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _image_source_allowed(value) else None
    if tag == "img" and attribute in {"width", "height"}:
        return value if _DIGITS.match(value.strip()) else None
    return value


def clean_html(html: str) -> str:
    """The stored form of a body: safe to print with |safe on any page."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # an <img> that lost its source is an empty box: drop it
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned).strip()


def html_to_text(html: str) -> str:
    """Plain text of a (clean) body, for search, summaries and feeds."""
    text = nh3.clean(re.sub(r"<(br|/p|/li|/h[2-4]|/blockquote|/tr|/figcaption)\b[^>]*>", " \\g<0>", html or ""),
                     tags=set(), clean_content_tags=CLEAN_CONTENT_TAGS)
    return re.sub(r"\s+", " ", unescape(text)).strip()
