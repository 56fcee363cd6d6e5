"""RSS and Atom carry a description that feed readers render as HTML: it must be sanitised HTML,
whatever an editor typed into a summary or a body mentions. Readers decode the XML text and
render the result, so the test does the same."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">xem</a> & hết'


class Elements(HTMLParser):
    """The elements, attributes and text a feed reader would render from a description."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = [], [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def descriptions(client) -> list[str]:
    """The descriptions of both feeds, as a reader has them after decoding the XML."""
    # our own feeds, made by Django's feed generator: trusted XML
    rss = ET.fromstring(client.get(reverse("news:rss")).content)  # noqa: S314
    atom = ET.fromstring(client.get(reverse("news:atom")).content)  # noqa: S314
    found = [item.findtext("description") for item in rss.iter("item")]
    for entry in atom.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        found.append(summary.text)
    return found


@pytest.mark.parametrize("fields", [
    pytest.param({"summary": HOSTILE}, id="summary"),
    # a clean body may well talk about markup: its text must not turn back into markup
    pytest.param({"summary": "", "body": "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; hết</p>"}, id="body"),
])
def test_feed_descriptions_carry_no_markup_that_could_run(make_article, client, site_profile, fields):
    make_article(title="Tin", **fields)
    found = descriptions(client)
    assert len(found) == 2
    for description in found:
        rendered = Elements(description)
        assert set(rendered.tags) <= {"p"}, description
        assert rendered.attributes == [], description


def test_feed_descriptions_show_the_summary_as_written(make_article, client, site_profile):
    make_article(title="Tin", summary=HOSTILE)
    for description in descriptions(client):
        assert "".join(Elements(description).text) == HOSTILE


def test_feed_descriptions_fall_back_to_the_start_of_the_body_as_text(make_article, client, site_profile):
    body = "<p>Hội nghị <strong>sơ kết</strong> 6 tháng.</p><p>" + "Nội dung dài. " * 100 + "</p>"
    make_article(title="Tin", summary="", body=body)
    for description in descriptions(client):
        text = "".join(Elements(description).text)
        assert text.startswith("Hội nghị sơ kết 6 tháng. Nội dung dài.")
        assert text.endswith("…")
        assert len(text) <= 401
