"""The per-cluster yearly summary: roles, ranking where known, members' commendations."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.core.cache import data_changed

from .conftest import person_line, unit_line

pytestmark = pytest.mark.django_db


def url(cluster_year):
    return reverse("awards:cluster_summary", args=[cluster_year.cluster.slug, cluster_year.year])


@pytest.fixture
def awarded(issue, units, awards, cluster_year):
    cert = awards["provincial_certificate"]
    issue([person_line(cert, organisation=units["commune"]), unit_line(cert, units["village"], small=True),
           person_line(cert, organisation=units["other_commune"], category="other")])
    flag = unit_line(awards["provincial_emulation_flag"], units["loc_binh"], cluster=cluster_year.cluster)
    # the flag for 2017 is signed in January 2018: it counts for the achievements of 2017
    issue([flag], signed_on=datetime.date(2018, 1, 25), achievement_year=2017)


def test_summary_shows_leader_deputy_and_members_commendations(client, awarded, cluster_year):
    response = client.get(url(cluster_year))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.leader.unit.slug == "huyen-loc-binh" and summary.deputy.unit.slug == "huyen-van-lang"
    per_member = {m.member.unit.slug: m.counts.cells() for m in summary.members}
    assert per_member == {"huyen-loc-binh": [1, 2, 0, 3], "huyen-van-lang": [1, 0, 0, 1]}
    assert summary.direct_workers.percent_text == "50,0\u00a0%"
    assert [line.award.code for line in summary.own_lines] == ["provincial_emulation_flag"]
    assert "Cờ thi đua của Ủy ban nhân dân tỉnh" in response.content.decode()


def test_summary_shows_the_ranking_of_a_published_meeting(client, awarded, cluster_year, units):
    from meetings.models import Meeting, Ranking

    fields = {f.name for f in Meeting._meta.get_fields()}
    meeting = Meeting(cluster_year=cluster_year, kind="year_end_review", date=datetime.date(2017, 12, 10),
                      title="Hội nghị tổng kết năm 2017")
    if "record_state" in fields:
        meeting.record_state = "published"
    meeting.save()
    assert Meeting.objects.published().filter(pk=meeting.pk).exists()
    Ranking.objects.create(meeting=meeting, unit=units["loc_binh"], rank=1)
    Ranking.objects.create(meeting=meeting, unit=units["van_lang"], rank=2)
    summary = client.get(url(cluster_year)).context["summary"]
    assert [r.unit.slug for r in summary.rankings] == ["huyen-loc-binh", "huyen-van-lang"]


def test_unknown_cluster_year_is_404(client, cluster_year):
    assert client.get(reverse("awards:cluster_summary", args=[cluster_year.cluster.slug, 1999])).status_code == 404


def test_statistics_page_links_the_cluster_summary(client, cluster_year):
    assert url(cluster_year) in client.get("/thong-ke/").content.decode()


def test_summary_runs_a_fixed_number_of_queries(client, awarded, cluster_year, issue, units, awards,
                                                django_assert_max_num_queries):
    client.get(url(cluster_year))
    data_changed()  # measure a freshly computed summary, with the site's own caches warm
    with CaptureQueriesContext(connection) as small:
        client.get(url(cluster_year))
    issue([person_line(awards["provincial_certificate"], organisation=units["commune"]) for _ in range(15)]
          + [unit_line(awards["excellent_labour_collective"], units["village"])], signed_on=datetime.date(2017, 11, 1))
    with django_assert_max_num_queries(len(small)):
        summary = client.get(url(cluster_year)).context["summary"]
    assert summary.totals.total == 4 + 16
