"""The statistics page and its files: what is counted, the shares, the filters, the exports."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import DecisionLine, RecordStatus
from awards.services import decision_revoke
from awards.statistics.reports import statistics_report
from awards.statistics.rollup import statistics_rollup_refresh
from awards.statistics.selectors import counted_lines
from portal.core.cache import data_changed

from .conftest import person_line, unit_line

pytestmark = pytest.mark.django_db

URL = "/thong-ke/"


@pytest.fixture
def mixed(issue, units, awards):
    """Four individuals (three direct workers, two women) and four collectives (one small)
    in force; plus lines that must not count."""
    cert = awards["provincial_certificate"]
    issue([
        person_line(cert, organisation=units["commune"], category="direct_worker", gender="female"),
        person_line(cert, organisation=units["commune"], category="direct_worker", gender="male"),
        person_line(cert, organisation=units["other_commune"], category="direct_worker", gender="female"),
        person_line(cert, organisation=units["other_commune"], category="other_leader", gender="male"),
        unit_line(cert, units["village"], small=True),
        unit_line(cert, units["commune"]),
        unit_line(cert, units["other_commune"]),
        unit_line(awards["provincial_emulation_flag"], units["loc_binh"]),
    ])
    # not counted: an unpublished decision, a revoked decision, a revoked line
    issue([person_line(cert, organisation=units["commune"])], is_published=False)
    revoked = issue([person_line(cert, organisation=units["commune"])])
    revoking = issue([], subject_line="Về việc thu hồi", signed_on=datetime.date(2018, 1, 5))
    decision_revoke(decision=revoked, revoked_by=revoking, revoked_on=revoking.signed_on)
    partly = issue([person_line(cert, organisation=units["commune"]),
                    person_line(awards["advanced_worker"], organisation=units["commune"], category="other")],
                   signed_on=datetime.date(2016, 6, 1), achievement_year=2016)
    DecisionLine.objects.filter(decision=partly, award=cert).update(status=RecordStatus.REVOKED)
    # a bulk write past the services refreshes what is derived from the lines, as bulk jobs must
    statistics_rollup_refresh(decision_ids=[partly.pk])


def test_statistics_url_is_the_named_one():
    assert reverse("awards:statistics") == URL


def test_statistics_count_only_lines_in_force_of_published_decisions_in_force(mixed):
    report = statistics_report(lines=counted_lines())
    assert (report.totals.individual, report.totals.collective, report.totals.household) == (5, 4, 0)
    assert [(row.label, row.total) for row in report.by_year] == [("2016", 1), ("2017", 8)]


def test_direct_worker_and_small_collective_shares_of_the_filtered_set(mixed):
    report = statistics_report(lines=counted_lines())
    assert (report.direct_workers.part, report.direct_workers.whole) == (3, 5)
    assert report.direct_workers.percent_text == "60,0\u00a0%"
    assert (report.small_collectives.part, report.small_collectives.whole) == (1, 4)
    assert report.small_collectives.percent_text == "25,0\u00a0%"
    assert report.women.part == 3  # two in 2017, one in 2016


def test_statistics_page_shows_the_shares_and_charts(client, mixed):
    html = client.get(URL).content.decode()
    assert "60,0\u00a0%" in html and "25,0\u00a0%" in html
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html
    # three charts, each label page text in full (tests/news/test_public_layout.py has the layout)
    assert html.count('<ul class="chart-bars"') == 3
    assert '<span class="chart-label">Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh</span>' in html
    assert "<script" not in html.split('<main id="content"')[1].split("</main>")[0]


@pytest.mark.parametrize("params, expected_total", [
    ({"year_from": 2017}, 8),
    ({"year_to": 2016}, 1),
    ({"subject_type": "collective"}, 4),
    ({"level": "grassroots"}, 1),
])
def test_statistics_filters(client, mixed, params, expected_total):
    report = client.get(URL, params).context["report"]
    assert report.totals.total == expected_total


def test_unit_filter_counts_the_unit_its_child_units_and_their_people(client, mixed, units):
    report = client.get(URL, {"unit": units["loc_binh"].pk}).context["report"]
    # Lộc Bình itself (flag), xã Tú Đoạn (collective + 3 people), Thôn Khòn Pát (small collective)
    assert (report.totals.individual, report.totals.collective) == (3, 3)


def test_cluster_filter_counts_its_members_and_everything_under_them(client, mixed, units, cluster_year, issue,
                                                                     awards):
    outsider = units["province"].children.create(name="huyện Hữu Lũng", slug="huyen-huu-lung", kind="district")
    issue([unit_line(awards["provincial_certificate"], outsider)])
    report = client.get(URL, {"cluster": cluster_year.cluster.pk}).context["report"]
    assert report.totals.total == 9  # all of `mixed` sits under Lộc Bình or Văn Lãng; Hữu Lũng is out
    assert client.get(URL).context["report"].totals.total == 10


def _xlsx_figures(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _export_href(html, extension):
    href = re.search(rf'href="([^"]*\.{extension}[^"]*)"', html).group(1)
    return href.replace("&amp;", "&")


def test_xlsx_export_carries_the_filters_and_the_same_figures(client, mixed, units):
    page = client.get(URL, {"unit": units["loc_binh"].pk})
    report = page.context["report"]
    href = _export_href(page.content.decode(), "xlsx")
    assert f"unit={units['loc_binh'].pk}" in href
    response = client.get(href)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_figures(response.content)
    totals = [r for r in rows if r[0] == "Tổng số" or r[0] == "Total"]
    assert list(totals[0][1:5]) == report.totals.cells()


def test_csv_export_holds_the_rows_the_page_shows(client, mixed):
    page = client.get(URL, {"year_from": 2017})
    response = client.get(_export_href(page.content.decode(), "csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    report = page.context["report"]
    by_award = {r[0]: [int(v) for v in r[1:5]] for r in rows if r and r[0] in {x.label for x in report.by_award}}
    assert by_award == {row.label: row.cells() for row in report.by_award}
    assert report.direct_workers.percent_text == "75,0\u00a0%"
    assert any(r[1:] == ["3", "4", "75,0"] for r in rows)


def test_statistics_page_runs_a_fixed_number_of_queries(client, mixed, issue, units, awards,
                                                        django_assert_max_num_queries):
    client.get(URL, {"unit": units["loc_binh"].pk})  # warm the site caches
    data_changed()  # but measure a freshly computed report
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"unit": units["loc_binh"].pk})
    for year in (2018, 2019):
        issue([person_line(awards["provincial_certificate"], organisation=units["commune"]) for _ in range(20)]
              + [unit_line(awards["provincial_certificate"], units["village"], small=True)],
              signed_on=datetime.date(year, 5, 1), achievement_year=year)
    with django_assert_max_num_queries(len(small)):
        response = client.get(URL, {"unit": units["loc_binh"].pk})
    assert response.context["report"].totals.total == 6 + 42
    with django_assert_max_num_queries(len(small)):
        assert client.get(reverse("awards:statistics_xlsx")).status_code == 200


def test_menu_links_the_lookup_and_the_statistics(client, db):
    html = client.get("/").content.decode()
    assert 'href="/thong-ke/"' in html and 'href="/khen-thuong/"' in html


def test_a_year_outside_the_list_is_a_form_error_not_a_crash(client, mixed):
    response = client.get(URL, {"year_from": 1800})
    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert response.context["report"].totals.total == 0
    assert client.get(reverse("awards:statistics_xlsx"), {"year_from": 1800}).status_code == 200


def test_cached_figures_follow_a_revocation_at_once(client, issue, units, awards):
    # The report is cached until a write; revoking (a QuerySet.update on the lines) must show.
    decision = issue([person_line(awards["provincial_certificate"], organisation=units["commune"])
                      for _ in range(3)])
    assert client.get(URL).context["report"].totals.total == 3
    assert client.get(URL).context["report"].totals.total == 3  # served from the cache
    revoking = issue([], subject_line="Về việc thu hồi", signed_on=datetime.date(2018, 1, 5))
    decision_revoke(decision=decision, revoked_by=revoking, revoked_on=revoking.signed_on)
    assert client.get(URL).context["report"].totals.total == 0


def test_cached_figures_follow_lines_added_in_bulk(client, issue, units, awards):
    # decision_save_lines writes with bulk_create, which sends no signal: the service says so.
    from awards.services import decision_save_lines

    decision = issue([person_line(awards["provincial_certificate"], organisation=units["commune"])])
    more = [person_line(awards["provincial_certificate"], organisation=units["commune"], name=f"Người {n}")
            for n in range(2)]  # the people exist before the page is cached, as in an import
    assert client.get(URL).context["report"].totals.total == 1
    decision_save_lines(decision=decision, confirm=True, lines=more)
    assert client.get(URL).context["report"].totals.total == 3
