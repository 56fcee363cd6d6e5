"""News about meetings: the draft made from a meeting, the meeting admin action, the link back."""

import datetime

import pytest
from django.urls import reverse

meetings_models = pytest.importorskip("meetings.models")

from clusters.models import Cluster, ClusterYear, Unit, UnitKind  # noqa: E402
from meetings import services as meeting_services  # noqa: E402
from portal.news import selectors, services  # noqa: E402
from portal.news.models import Article, ArticleStatus  # noqa: E402

from .conftest import jpeg  # noqa: E402


@pytest.fixture
def meeting(db, category, staff_user):
    province = Unit.objects.create(name="UBND tỉnh Lạng Sơn", slug="ubnd-tinh-lang-son",
                                   kind=UnitKind.PEOPLES_COMMITTEE)
    cluster = Cluster.objects.create(name="Cụm thi đua các huyện biên giới", slug="cum-thi-dua-cac-huyen-bien-gioi",
                                     organiser=province)
    cluster_year = ClusterYear.objects.create(cluster=cluster, year=2017)
    meeting = meeting_services.meeting_create(
        cluster_year=cluster_year, kind=meetings_models.MeetingKind.MID_YEAR_REVIEW, date=datetime.date(2017, 7, 14),
        user=staff_user, venue="trụ sở UBND huyện Văn Lãng", summary="Hội nghị sơ kết 6 tháng đầu năm.\nĐoạn hai.",
        period=meetings_models.Period.FIRST_HALF, record_state=meetings_models.RecordState.PUBLISHED,
    )
    for order, caption in enumerate(["Ảnh: Khai mạc", "Ảnh: Thảo luận"], start=1):
        meeting_services.photo_add(meeting=meeting, image=jpeg(f"hn-{order}.jpg"), caption=caption,
                                   alt_text=f"Mô tả ảnh {order}", order=order)
    return meeting


def test_draft_from_meeting_fills_title_date_summary_photos_and_link(meeting, staff_user):
    article = services.article_draft_from_meeting(meeting=meeting, user=staff_user)
    assert article.status == ArticleStatus.DRAFT
    assert article.title == meeting.display_title
    assert article.summary == "Hội nghị sơ kết 6 tháng đầu năm."
    assert "14/7/2017" in article.body
    assert "trụ sở UBND huyện Văn Lãng" in article.body
    photos = list(article.photos.order_by("order"))
    assert [(p.caption, p.alt_text) for p in photos] == [("Ảnh: Khai mạc", "Mô tả ảnh 1"),
                                                         ("Ảnh: Thảo luận", "Mô tả ảnh 2")]
    assert all(p.thumbnail and p.display for p in photos)
    # copies, not shared files: deleting the meeting's photo leaves the article's intact
    assert photos[0].image.name != meeting.photos.get(order=1).image.name
    if hasattr(Article, "meeting"):
        assert article.meeting == meeting
    if hasattr(Article, "cluster"):
        assert article.cluster == meeting.cluster_year.cluster
    assert article.created_by == staff_user
    assert not article.is_public


def test_meeting_admin_offers_the_news_draft_action(meeting, client, staff_user):
    client.force_login(staff_user)
    changelist = reverse("admin:meetings_meeting_changelist")
    content = client.get(changelist).content.decode()
    assert 'value="create_news_draft"' in content
    response = client.post(changelist, {"action": "create_news_draft", "_selected_action": [meeting.pk]})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:news_article_change", args=[article.pk])


def test_news_about_a_meeting_is_listed_for_its_page(meeting, staff_user):
    if not hasattr(Article, "meeting"):
        pytest.skip("the meeting link arrives with the meetings app")
    article = services.article_draft_from_meeting(meeting=meeting, user=staff_user)
    assert selectors.articles_for_meeting(meeting) == []
    services.article_publish(article=article, at=datetime.datetime(2017, 7, 21, 8, 7, tzinfo=datetime.UTC))
    assert selectors.articles_for_meeting(meeting) == [article]


def test_meeting_page_lists_the_published_news_about_it(meeting, staff_user, client, site_profile):
    article = services.article_draft_from_meeting(meeting=meeting, user=staff_user)
    meeting_services.meeting_transition(meeting=meeting, to_state="published", user=staff_user) \
        if meeting.record_state != "published" else None
    page = meeting.get_absolute_url()
    assert article.get_absolute_url() not in client.get(page).content.decode()
    services.article_publish(article=article, at=datetime.datetime(2017, 7, 21, 8, 7, tzinfo=datetime.UTC))
    html = client.get(page).content.decode()
    assert article.get_absolute_url() in html
    assert "Thứ Sáu, 21/07/2017 - 15:07" in html


def test_article_page_links_the_meeting_and_the_cluster(meeting, staff_user, client, site_profile):
    article = services.article_draft_from_meeting(meeting=meeting, user=staff_user)
    services.article_publish(article=article, at=datetime.datetime(2017, 7, 21, 8, 7, tzinfo=datetime.UTC))
    content = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{meeting.get_absolute_url()}"' in content
    assert f'href="{meeting.cluster_year.cluster.get_absolute_url()}"' in content


def test_search_finds_published_meetings_only(meeting, client, site_profile, staff_user):
    hidden = meeting_services.meeting_create(
        cluster_year=meeting.cluster_year, kind=meetings_models.MeetingKind.YEAR_END_REVIEW,
        date=datetime.date(2017, 12, 20), user=staff_user, venue="trụ sở UBND huyện Lộc Bình",
    )
    response = client.get(reverse("search"), {"q": "tru so ubnd huyen"})
    found = [r["object"] for r in response.context["results"] if r["kind"] == "meeting"]
    assert found == [meeting]
    assert hidden.get_absolute_url() not in response.content.decode()
    assert "<mark>trụ sở</mark>" in response.content.decode() or "<mark>trụ</mark>" in response.content.decode()


def test_an_article_about_a_meeting_is_also_about_its_cluster(meeting, category):
    article = Article.objects.create(title="Tin hội nghị", category=category, meeting=meeting)
    assert article.cluster == meeting.cluster_year.cluster
