"""Site search: accents and case ignored, đ/Đ folded, highlighted escaped snippets, ranking.

The assertions hold on SQLite and on PostgreSQL alike (the CI runs both)."""

import datetime

import pytest
from django.urls import reverse

from clusters.models import Cluster, Person, Unit, UnitKind
from portal.news import search as site_search
from portal.news.models import ArticleStatus

from .conftest import HCM


def results(client, query, page=None):
    params = {"q": query} if page is None else {"q": query, "page": page}
    response = client.get(reverse("search"), params)
    assert response.status_code == 200
    return response


def result_titles(response) -> list[str]:
    return [site_search_title(r) for r in response.context["results"]]


def site_search_title(result) -> str:
    return str(result["object"].title if result["kind"] == "article" else result["object"])


@pytest.fixture
def province(db):
    return Unit.objects.create(name="Tỉnh Lạng Sơn", short_name="Lạng Sơn", slug="tinh-lang-son",
                               kind=UnitKind.PROVINCE)


def test_query_without_accents_finds_accented_text(make_article, client, site_profile):
    make_article(title="Hội nghị tại Lạng Sơn")
    assert result_titles(results(client, "lang son")) == ["Hội nghị tại Lạng Sơn"]


def test_case_does_not_matter(make_article, client, site_profile):
    make_article(title="Hội nghị tại Lạng Sơn")
    assert result_titles(results(client, "LẠNG SƠN")) == ["Hội nghị tại Lạng Sơn"]
    assert result_titles(results(client, "lẠnG sOn")) == ["Hội nghị tại Lạng Sơn"]


def test_d_finds_d_with_stroke_both_ways(make_article, client, site_profile):
    make_article(title="Đoàn đại biểu dâng hương")
    make_article(title="Doan ket mot long")
    assert set(result_titles(results(client, "doan"))) == {"Đoàn đại biểu dâng hương", "Doan ket mot long"}
    assert set(result_titles(results(client, "ĐOÀN"))) == {"Đoàn đại biểu dâng hương", "Doan ket mot long"}


def test_body_text_is_searched_but_markup_is_not(make_article, client, site_profile):
    make_article(title="Tin một", body="<p>Khu lưu niệm đồng chí <strong>Hoàng Văn Thụ</strong></p>")
    assert result_titles(results(client, "hoang van thu")) == ["Tin một"]
    assert result_titles(results(client, "strong")) == []


def test_drafts_and_future_articles_are_not_found(make_article, client, site_profile):
    make_article(title="Nháp Lạng Sơn", status=ArticleStatus.DRAFT, published_at=None)
    make_article(title="Sắp đăng Lạng Sơn", status=ArticleStatus.SCHEDULED,
                 published_at=datetime.datetime(2099, 1, 1, tzinfo=HCM))
    assert result_titles(results(client, "lang son")) == []


def test_clusters_are_found_by_their_aliases_units_and_people_by_name(province, client, site_profile):
    Cluster.objects.create(name="Cụm thi đua các huyện biên giới", slug="cum-thi-dua-cac-huyen-bien-gioi",
                           aliases="Cụm thi đua 5 huyện biên giới", organiser=province)
    Person.objects.create(full_name="Nguyễn Thu Hoài", slug="nguyen-thu-hoai")
    assert result_titles(results(client, "5 huyen")) == ["Cụm thi đua các huyện biên giới"]
    assert result_titles(results(client, "thu hoai")) == ["Nguyễn Thu Hoài"]
    assert result_titles(results(client, "tinh lang son")) == ["Tỉnh Lạng Sơn"]


def test_snippet_marks_the_matches_in_the_original_spelling(make_article, client, site_profile):
    make_article(title="Tin", body="<p>Hội nghị diễn ra tại trụ sở UBND huyện Văn Lãng, tỉnh Lạng Sơn.</p>")
    result = results(client, "lang son").context["results"][0]
    assert "<mark>Lạng</mark> <mark>Sơn</mark>" in result["snippet_html"]
    assert "<mark>Lãng</mark>" in result["snippet_html"]


def test_snippets_and_titles_are_escaped(make_article, client, site_profile):
    make_article(title="<b>Lạng Sơn</b> & <script>x</script>", body="<p>Lạng Sơn &lt;img src=x onerror=y&gt;</p>")
    content = results(client, "lang son").content.decode()
    assert "&lt;b&gt;<mark>Lạng</mark> <mark>Sơn</mark>&lt;/b&gt; &amp; &lt;script&gt;" in content
    assert "<script>x" not in content
    assert "<img src=x" not in content


def test_query_is_escaped_in_the_page(client, site_profile):
    content = results(client, '"><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)" not in content


def test_snippet_is_a_window_around_the_first_match():
    text = "mở đầu " * 100 + "Hoàng Văn Thụ" + " kết thúc" * 100
    html = site_search.snippet(text, ["hoang"], width=120)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Hoàng</mark>" in html
    assert len(html) < 200


def test_title_match_ranks_above_body_match(make_article, client, site_profile):
    make_article(title="Tin có trong nội dung", body="<p>Hội nghị tại Văn Lãng</p>",
                 published_at=datetime.datetime(2017, 8, 1, tzinfo=HCM))
    make_article(title="Hội nghị tại Văn Lãng", body="<p>Không có gì</p>",
                 published_at=datetime.datetime(2017, 1, 1, tzinfo=HCM))
    assert result_titles(results(client, "van lang")) == ["Hội nghị tại Văn Lãng", "Tin có trong nội dung"]


def test_more_matching_terms_rank_higher(make_article, client, site_profile):
    make_article(title="Hoàng Văn Thụ", published_at=datetime.datetime(2017, 1, 1, tzinfo=HCM))
    make_article(title="Hoàng", published_at=datetime.datetime(2017, 9, 1, tzinfo=HCM))
    assert result_titles(results(client, "hoang van thu")) == ["Hoàng Văn Thụ", "Hoàng"]


def test_equal_relevance_puts_the_newest_first(make_article, client, site_profile):
    make_article(title="Tập huấn năm 2016", published_at=datetime.datetime(2016, 5, 1, tzinfo=HCM))
    make_article(title="Tập huấn năm 2018", published_at=datetime.datetime(2018, 5, 1, tzinfo=HCM))
    make_article(title="Tập huấn năm 2017", published_at=datetime.datetime(2017, 5, 1, tzinfo=HCM))
    assert result_titles(results(client, "tap huan")) == ["Tập huấn năm 2018", "Tập huấn năm 2017",
                                                          "Tập huấn năm 2016"]


def test_results_are_paginated(make_article, client, site_profile):
    for n in range(25):
        make_article(title=f"Thi đua số {n}")
    first = results(client, "thi dua")
    second = results(client, "thi dua", page=2)
    assert first.context["result_count"] == 25
    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    seen = result_titles(first) + result_titles(second)
    assert len(set(seen)) == 25


def test_empty_query_shows_the_hint_and_no_results(client, site_profile):
    response = results(client, "   ")
    assert response.context["results"] == []
    assert "có dấu hay không dấu" in response.content.decode()


def test_a_repeated_search_reads_its_kept_ranking_until_the_records_change(make_article, client, site_profile):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        make_article(title=f"Biên giới số {n}")

    def ranking_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = results(client, "bien gioi")
        return response, [q["sql"] for q in ctx.captured_queries if "result_kind" in q["sql"] or "COUNT(" in q["sql"]]

    first, ranked = ranking_queries()
    assert first.context["result_count"] == 3 and len(ranked) == 2  # counted, then ranked
    again, ranked = ranking_queries()
    assert ranked == [] and result_titles(again) == result_titles(first)
    make_article(title="Biên giới số 3")  # a write: the kept ranking is no longer read
    after, ranked = ranking_queries()
    assert after.context["result_count"] == 4 and len(ranked) == 2
    assert "Biên giới số 3" in result_titles(after)
