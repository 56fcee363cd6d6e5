"""The public face of cluster scoring: a cluster-year's published results (ranks with ties, totals
only when the province publishes scores, the leading units and their proposals, the notice of a
correction), the rank chart on the cluster page, the summary per type of cluster and the sitemap;
nothing before publication, and pages whose queries do not grow with members or years."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from clusters.models import ClusterMember, ClusterYear, Role, Unit, UnitKind
from meetings.models import Meeting, MeetingKind, Period, Ranking, RecordState
from portal.news.models import SiteProfile
from scoring import services
from scoring.models import ResultRow, ScoreTemplate, Scoring, ScoringResult, ScoringState

from ..nominations.html_check import html_problems
from .test_services import _ranked

pytestmark = pytest.mark.django_db


def _url(world, year=2025):
    return reverse("scoring:cluster_year", args=[world.cluster.slug, year])


def _published(world):
    scoring = _ranked(world)  # Lộc Bình 97, Văn Lãng 97 (tied first), Tràng Định 85, Cao Lộc 78
    services.publish(user=world.staff, scoring=scoring)
    return scoring


def _rows(body):
    """The ranking table's rows as (rank cell, unit, *other cells) text."""
    table = body.split('class="data results-table"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], flags=re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        rows.append(tuple(" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells))
    return rows


def test_results_page_shows_ranks_with_ties_totals_leaders_and_proposals(client, site_profile, world):
    _published(world)
    response = client.get(_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kết quả chấm điểm thi đua năm 2025" in body
    rows = _rows(body)
    assert [row[:3] for row in rows] == [
        ("1 (đồng hạng)", "huyện Lộc Bình", "97"), ("1 (đồng hạng)", "huyện Văn Lãng", "97"),
        ("3", "huyện Tràng Định", "85"), ("4", "huyện Cao Lộc", "78")]
    assert rows[0][3] == rows[1][3] and "Cờ thi đua" in rows[0][3]
    assert rows[2][3] == rows[3][3] and "Bằng khen" in rows[2][3]
    leading = body.split('id="leading-title"', 1)[1].split("</section>", 1)[0]
    assert "huyện Lộc Bình" in leading and "huyện Văn Lãng" in leading and "Tràng Định" not in leading
    assert "đính chính" not in body
    assert html_problems(body) == []


def _region_names(body):
    """What names each region (a section or a role="region" wrapper): the ids it is labelled by."""
    return re.findall(r'<(?:section|div)[^>]*?(?:role="region"[^>]*)?aria-labelledby="([^"]+)"', body)


def test_each_region_of_the_results_and_summary_has_a_name_of_its_own(client, site_profile, world):
    # the scrolling wrapper of a table is named by the table's caption, not by its section's
    # heading: two regions named alike are one landmark too many for a screen reader (axe
    # landmark-unique)
    _published(world)
    for url in (_url(world), reverse("scoring:summary")):
        body = client.get(url).content.decode()
        names = _region_names(body)
        assert names and len(names) == len(set(names)), (url, names)
        assert all(f'id="{name}"' in body for name in names)


def test_totals_are_hidden_when_the_province_does_not_publish_scores(client, site_profile, world):
    _published(world)
    SiteProfile.objects.filter(pk=site_profile.pk).update(publish_cluster_scores=False)
    body = client.get(_url(world)).content.decode()
    assert [row[:2] for row in _rows(body)][2] == ("3", "huyện Tràng Định")
    assert all(len(row) == 3 for row in _rows(body))  # rank, unit, proposed for: no total column
    assert "Tổng điểm" not in body and ">97<" not in body and ">85<" not in body
    assert "chỉ công bố thứ hạng" in body


def test_the_setting_defaults_to_publishing_scores():
    assert SiteProfile.current().publish_cluster_scores is True


def test_a_correction_shows_the_latest_version_and_a_notice_with_its_date_and_reason(client, site_profile, world):
    scoring = _published(world)
    entry = scoring.sheets.get(unit=world.units[2]).entries.get(criterion=world.c1)
    services.entry_adjust(user=world.staff, entry=entry, points=D("30"), reason="Phúc tra")
    second = services.publish(user=world.staff, scoring=scoring, reason="Điều chỉnh sau phúc tra")
    body = client.get(_url(world)).content.decode()
    notice = body.split('class="correction-notice"', 1)[1].split("</section>", 1)[0]
    assert "Kết quả đã được đính chính" in notice and "Điều chỉnh sau phúc tra" in notice
    assert second.published_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).strftime("%d/%m/%Y") in notice
    assert _rows(body)[2][:3] == ("3", "huyện Tràng Định", "80")  # the corrected total, not the first one
    assert html_problems(body) == []


def test_nothing_is_public_before_publication_nor_for_an_unknown_year_or_cluster(client, site_profile, world):
    _ranked(world)  # ranked at the meeting, not yet published by the province
    assert client.get(_url(world)).status_code == 404
    Scoring.objects.update(state=ScoringState.PUBLISHED)  # a state alone is not a published result
    assert client.get(_url(world)).status_code == 404
    assert client.get(_url(world, 2024)).status_code == 404
    assert client.get(reverse("scoring:cluster_year", args=["khong-co", 2025])).status_code == 404


def test_a_withdrawn_cluster_year_has_no_results_page(client, site_profile, world):
    _published(world)
    ClusterYear.objects.filter(pk=world.cluster_year.pk).update(withdrawn_at=datetime.datetime.now(datetime.UTC))
    assert client.get(_url(world)).status_code == 404


def test_the_page_never_shows_the_dossier_nor_an_unpublished_meeting(client, site_profile, world):
    scoring = _ranked(world)
    dossier = services.proposals_file(user=world.leader, scoring=scoring)
    services.publish(user=world.staff, scoring=scoring)
    body = client.get(_url(world)).content.decode()
    assert world.meeting.get_absolute_url() not in body  # the meeting record is still a draft
    assert "ho-so" not in body and str(dossier.summary) not in body
    Meeting.objects.filter(pk=world.meeting.pk).update(record_state=RecordState.PUBLISHED)
    assert world.meeting.get_absolute_url() in client.get(_url(world)).content.decode()


def test_sample_scoring_carries_the_sample_badge(client, site_profile, world):
    scoring = _published(world)
    assert "Dữ liệu mẫu" not in client.get(_url(world)).content.decode()
    Scoring.objects.filter(pk=scoring.pk).update(is_sample=True)
    heading = client.get(_url(world)).content.decode().split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "Dữ liệu mẫu" in heading


# --- data for the chart and the budgets: rows written directly, the services are tested elsewhere ---


def _members(world, count):
    units = list(world.units)
    for n in range(len(units), count):
        unit = Unit.objects.create(name=f"huyện Thêm {n}", kind=UnitKind.DISTRICT)
        ClusterMember.objects.create(cluster_year=world.cluster_year, unit=unit, role=Role.MEMBER, order=n + 1)
        units.append(unit)
    return units[:count]


def _year(world, year, units):
    if year == world.cluster_year.year:
        return world.cluster_year
    cluster_year = ClusterYear.objects.create(cluster=world.cluster, year=year)
    for order, unit in enumerate(units, start=1):
        ClusterMember.objects.create(cluster_year=cluster_year, unit=unit, order=order, role=Role.MEMBER)
    return cluster_year


def _direct_result(world, year, units, *, version=1):
    """A published result whose ranks run backwards from last year's: unit i ranks i+1 in odd
    years and len-i in even ones (two units tie at the bottom in even years)."""
    cluster_year = _year(world, year, units)
    template = ScoreTemplate.objects.get_or_create(cluster_type=world.type, year=year,
                                                   defaults={"title": f"Bảng điểm {year}"})[0]
    scoring = Scoring.objects.create(cluster_year=cluster_year, template=template, state=ScoringState.PUBLISHED)
    for v in range(1, version + 1):
        result = ScoringResult.objects.create(scoring=scoring, version=v, reason="" if v == 1 else f"Sửa lần {v}")
        ResultRow.objects.bulk_create([
            ResultRow(result=result, unit=unit, rank=_rank(year, i, len(units)), total=D(100 - i))
            for i, unit in enumerate(units)])
    return scoring


def _rank(year, i, count):
    return i + 1 if year % 2 else min(count - i, count - 1)


def _meeting_ranking(world, year, units, ranks, *, published=True, kind=MeetingKind.YEAR_END_REVIEW):
    cluster_year = (ClusterYear.objects.filter(cluster=world.cluster, year=year).first()
                    or _year(world, year, units))
    meeting = Meeting.objects.create(
        cluster_year=cluster_year, kind=kind, period=Period.YEAR, date=datetime.date(year, 12, 20),
        title=f"Hội nghị {kind} {year}", record_state=RecordState.PUBLISHED if published else RecordState.DRAFT)
    Ranking.objects.bulk_create([Ranking(meeting=meeting, unit=unit, rank=rank)
                                 for unit, rank in zip(units, ranks, strict=True)])
    return meeting


def _chart_table(body):
    section = body.split('class="rank-history"', 1)[1].split("</section>", 1)[0]
    table = section.split('class="data rank-table"', 1)[1].split("</table>", 1)[0]
    head = [" ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<th[^>]*>(.*?)</th>", table.split("</thead>", 1)[0], flags=re.S)]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], flags=re.S):
        cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>",
                                                                                  row, flags=re.S)]
        rows[cells[0]] = cells[1:]
    return section, head, rows


def test_cluster_page_charts_each_members_rank_over_the_years_with_its_source(client, site_profile, world):
    units = world.units[:3]
    Unit.objects.filter(pk=units[0].pk).update(short_name="Lộc Bình")
    _meeting_ranking(world, 2023, units, [2, 1, 3])
    _meeting_ranking(world, 2023, units, [3, 3, 1], kind=MeetingKind.MID_YEAR_REVIEW)  # the year-end one stands
    _meeting_ranking(world, 2022, units, [1, 2, 3], published=False)  # a draft meeting is not public
    _direct_result(world, 2024, units)   # even year: 2, 2, 1
    _direct_result(world, 2025, units, version=2)  # odd year: 1, 2, 3 (the latest version)
    _meeting_ranking(world, 2025, units, [3, 2, 1])  # a year with published scoring takes the scoring's ranks
    body = client.get(world.cluster.get_absolute_url()).content.decode()
    section, head, rows = _chart_table(body)
    assert head == ["Đơn vị", "2023 hội nghị", "2024 chấm điểm", "2025 chấm điểm"]
    assert rows == {"Lộc Bình": ["2", "2", "1"], "huyện Văn Lãng": ["1", "2", "2"],
                    "huyện Tràng Định": ["3", "1", "3"]}
    assert reverse("scoring:cluster_year", args=[world.cluster.slug, 2025]) in section
    assert reverse("scoring:cluster_year", args=[world.cluster.slug, 2024]) in section
    assert reverse("scoring:cluster_year", args=[world.cluster.slug, 2023]) not in section
    svg = section.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    # the ranks drawn: scoring years filled, the meeting's year outlined
    drawn = re.findall(r'<circle [^>]*fill="(#[0-9a-f]+)"[^>]*></circle><text [^>]*>(\d+)</text>', svg)
    assert [rank for _fill, rank in drawn] == ["2", "2", "1", "1", "2", "2", "3", "1", "3"]
    assert [fill for fill, _rank in drawn][:3] == ["#ffffff", "#9b1c1c", "#9b1c1c"]
    assert html_problems(body) == []


def test_cluster_page_without_rankings_has_no_chart(client, site_profile, world):
    _ranked(world)  # not published
    body = client.get(world.cluster.get_absolute_url()).content.decode()
    assert "rank-history" not in body


def _count(client, url, django_assert_max_num_queries, budget=10):
    with django_assert_max_num_queries(budget) as ctx:
        response = client.get(url)
    count = len(ctx)
    assert response.status_code == 200
    return count


def test_results_page_queries_do_not_grow_with_members(client, site_profile, world, django_assert_max_num_queries):
    units = _members(world, 8)
    _direct_result(world, 2025, units[:3])
    client.get(_url(world))
    small = _count(client, _url(world), django_assert_max_num_queries)
    ResultRow.objects.all().delete()
    ResultRow.objects.bulk_create([ResultRow(result=ScoringResult.objects.get(), unit=unit, rank=i + 1,
                                             total=D(90 - i)) for i, unit in enumerate(units)])
    assert _count(client, _url(world), django_assert_max_num_queries) == small


def test_cluster_page_queries_do_not_grow_with_members_or_years(client, site_profile, world,
                                                                django_assert_max_num_queries):
    units = _members(world, 8)
    _direct_result(world, 2025, units[:3])
    url = world.cluster.get_absolute_url()
    client.get(url)
    small = _count(client, url, django_assert_max_num_queries)
    for year in (2022, 2023, 2024):
        _direct_result(world, year, units)
    _meeting_ranking(world, 2021, units, list(range(1, 9)))
    ResultRow.objects.filter(result__scoring__cluster_year__year=2025).delete()
    ResultRow.objects.bulk_create([ResultRow(result=ScoringResult.objects.get(scoring__cluster_year__year=2025),
                                             unit=unit, rank=i + 1) for i, unit in enumerate(units)])
    body = client.get(url).content.decode()
    assert len(_chart_table(body)[1]) == 6 and len(_chart_table(body)[2]) == 8
    assert _count(client, url, django_assert_max_num_queries) == small


def test_summary_counts_scored_and_published_clusters_with_average_and_leaders(client, site_profile, world):
    scoring = _published(world)
    other = _year(world, 2024, world.units[:3])
    template = ScoreTemplate.objects.create(cluster_type=world.type, year=2024, title="Bảng 2024")
    Scoring.objects.create(cluster_year=other, template=template)  # scored, not published
    body = client.get(reverse("scoring:summary")).content.decode()
    table = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = [[" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]
    assert rows[0][:4] == ["2025", "1", "1", "89,25"]  # (97 + 97 + 85 + 78) / 4
    assert "huyện Lộc Bình" in rows[0][4] and "huyện Văn Lãng" in rows[0][4]
    assert rows[1] == ["2024", "1", "0", "–", "–"]
    assert _url(world) in body and world.type.name in body
    assert html_problems(body) == []
    SiteProfile.objects.filter(pk=site_profile.pk).update(publish_cluster_scores=False)
    assert "89,25" not in client.get(reverse("scoring:summary")).content.decode()
    assert scoring.results.count() == 1


def test_summary_queries_do_not_grow(client, site_profile, world, django_assert_max_num_queries):
    _direct_result(world, 2025, world.units[:3])
    url = reverse("scoring:summary")
    client.get(url)
    small = _count(client, url, django_assert_max_num_queries)
    for year in (2021, 2022, 2023, 2024):
        _direct_result(world, year, world.units)
    assert _count(client, url, django_assert_max_num_queries) == small


def test_sitemap_lists_published_results_only(client, site_profile, world):
    _ranked(world)
    sitemap = client.get("/sitemap-scoring.xml")
    assert _url(world) not in sitemap.content.decode()
    services.publish(user=world.staff, scoring=Scoring.objects.get())
    assert _url(world) in client.get("/sitemap-scoring.xml").content.decode()


def test_site_profile_admin_edits_the_setting(client, site_profile, staff_user):
    client.force_login(staff_user)
    body = client.get(reverse("admin:news_siteprofile_change", args=[site_profile.pk])).content.decode()
    assert 'name="publish_cluster_scores"' in body


def test_the_statistics_page_links_to_the_scoring_summary(client, site_profile):
    assert reverse("scoring:summary") in client.get(reverse("awards:statistics")).content.decode()


def test_a_cached_page_follows_a_correction_and_the_setting(client, site_profile, world, settings):
    settings.PAGE_CACHE_SECONDS = 600
    scoring = _published(world)
    assert client.get(_url(world)).get("X-Page-Cache") == "miss"
    assert client.get(_url(world)).get("X-Page-Cache") == "hit"
    services.publish(user=world.staff, scoring=scoring, reason="Sửa tên đơn vị")
    assert "Sửa tên đơn vị" in client.get(_url(world)).content.decode()
    site_profile.publish_cluster_scores = False
    site_profile.save()  # as the admin saves it
    assert "Tổng điểm" not in client.get(_url(world)).content.decode()
