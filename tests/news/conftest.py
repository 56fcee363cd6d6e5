"""Fixtures of the news tests: categories, articles in each state, generated images."""

import datetime
import io
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from portal.news.models import Article, ArticleStatus, Category

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# A fixed "now" for time travel: the day the seed article came out, in the afternoon.
NOW = datetime.datetime(2017, 7, 21, 16, 0, tzinfo=HCM)


def jpeg(name="anh.jpg", size=(64, 48), colour=(120, 140, 160)) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue(), name=name)


@pytest.fixture
def category(db):
    return Category.objects.create(name="Hoạt động cụm, khối thi đua", slug="hoat-dong-cum-khoi-thi-dua", order=1)


@pytest.fixture
def other_category(db):
    return Category.objects.create(name="Thi đua - Khen thưởng", slug="thi-dua-khen-thuong", order=0)


@pytest.fixture
def make_article(db, category):
    counter = {"n": 0}

    def make(**fields) -> Article:
        counter["n"] += 1
        defaults = {
            "title": f"Tin số {counter['n']}",
            "category": category,
            "summary": "Tóm tắt.",
            "body": "<p>Nội dung.</p>",
            "status": ArticleStatus.PUBLISHED,
            "published_at": datetime.datetime(2017, 7, 1, 8, 0, tzinfo=HCM)
            + datetime.timedelta(hours=counter["n"]),
        }
        defaults.update(fields)
        return Article.objects.create(**defaults)

    return make


@pytest.fixture
def seed_article(db, site_profile):
    """The demo's news part: two categories, the seed article with its photos, the samples."""
    from portal.news import demo

    demo.load(stdout=io.StringIO())
    return Article.objects.get(slug=demo.SEED_SLUG)
