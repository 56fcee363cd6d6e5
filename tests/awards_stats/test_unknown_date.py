"""Decisions whose signing date the source does not give (issue 11): the look-up and the
statistics count them in their achievement year; form 0603, counted by the date signed, leaves
them out and lists them apart. External units stay out of the filters; a khối's roles are named
as a khối's."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import SourceKind
from awards.statistics import form_0603 as statistics
from awards.statistics.reports import statistics_report
from awards.statistics.selectors import counted_lines
from clusters.models import ClusterKind, Unit, UnitKind

from .conftest import person_line, unit_line

pytestmark = pytest.mark.django_db

NEWS = {"number": None, "symbol": "", "signed_on": None, "source_kind": SourceKind.SECONDARY,
        "source_name": "Báo Lạng Sơn"}


@pytest.fixture
def undated_2018(issue, units, awards):
    """Signed in 2017 (dated), and one for the achievements of 2018 known only from a news report."""
    cert = awards["provincial_certificate"]
    issue([person_line(cert, organisation=units["commune"], name="Hoàng Văn Có Ngày")])
    return issue([person_line(cert, organisation=units["commune"], name="Nông Thị Chưa Rõ"),
                  unit_line(cert, units["village"], small=True),
                  person_line(awards["certificate_of_commendation"], organisation=units["commune"])],
                 achievement_year=2018, **NEWS)


def test_statistics_count_an_undated_decision_in_its_achievement_year(client, undated_2018):
    report = statistics_report(lines=counted_lines())
    assert [(row.label, row.total) for row in report.by_year] == [("2017", 1), ("2018", 3)]
    response = client.get("/thong-ke/", {"year_from": 2018, "year_to": 2018})
    assert response.context["report"].totals.total == 3
    assert "năm thành tích" in response.content.decode()  # the page says how it counts


def test_lookup_finds_an_undated_decision_under_its_achievement_year_and_says_the_date_is_unknown(
    client, undated_2018
):
    html = client.get("/khen-thuong/", {"q": "chua ro", "year": 2018}).content.decode()
    assert "Nông Thị Chưa Rõ" in html
    assert "Quyết định (số: chưa rõ)</a>, ngày ký: chưa rõ, của Chủ tịch" in html
    assert "Nông Thị Chưa Rõ" not in client.get("/khen-thuong/", {"q": "chua ro", "year": 2017}).content.decode()


def test_form_0603_does_not_count_an_undated_decision_and_lists_it_apart(client, undated_2018):
    report = statistics.form_0603_report(year=2018)
    assert report.rows[0].values == [0, 0, 0, 0, 0]  # counted by the date signed: nothing to place
    [item] = report.undated
    assert item.decision == undated_2018
    assert item.values == [2, 2, 0, 0, 0]  # two Bằng khen; the Giấy khen has no column in the form
    # a period of the year cannot hold it either, and it is still listed for the year
    assert statistics.form_0603_report(year=2018, period="q1").undated[0].decision == undated_2018
    assert statistics.form_0603_report(year=2017).undated == []

    html = client.get("/thong-ke/mau-0603/", {"year": 2018}).content.decode()
    apart = html.split("Chưa rõ ngày ký: không tính vào biểu trên")[1]
    assert "Quyết định (số: chưa rõ)" in apart and "Báo Lạng Sơn" in apart

    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/thong-ke/mau-0603.xlsx", {"year": 2018}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    heading = next(i for i, row in enumerate(rows) if row[0] == "Chưa rõ ngày ký: không tính vào biểu trên")
    listed = rows[heading + 2]
    assert "Quyết định (số: chưa rõ)" in listed[0] and "ngày ký: chưa rõ" in listed[0]
    assert (listed[1], *listed[2:7]) == (None, 2, 2, 0, 0, 0)  # no row code: it is no row of the form


def test_form_0603_reads_the_undated_decisions_in_one_more_query_only_when_there_are_any(undated_2018):
    with CaptureQueriesContext(connection) as queries:
        statistics.form_0603_report(year=2018)
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:
        statistics.form_0603_report(year=2017)
    assert len(queries) == 1


def test_an_external_unit_may_be_named_on_a_line_but_is_no_statistics_filter(client, issue, units, awards):
    outside = Unit.objects.create(name="Sở Nội vụ tỉnh Bắc Ninh", slug="so-noi-vu-tinh-bac-ninh",
                                  kind=UnitKind.DEPARTMENT, is_external=True)
    issue([unit_line(awards["provincial_certificate"], outside)])
    response = client.get("/thong-ke/")
    assert response.context["report"].totals.total == 1  # its commendation is counted
    # the unit is typed, not picked from a list: an external unit's name finds nothing
    refused = client.get("/thong-ke/", {"unit": "bac ninh"}).context["filter"].form
    assert "unit" in refused.errors
    chosen = client.get("/thong-ke/", {"unit": "loc binh"}).context["filter"].form
    assert chosen.is_valid() and chosen.cleaned_data["unit"] == units["loc_binh"]
    assert "Sở Nội vụ tỉnh Bắc Ninh" in client.get("/khen-thuong/", {"q": "bac ninh"}).content.decode()


def test_a_bloc_summary_names_its_roles_as_a_blocs(client, cluster_year):
    cluster = cluster_year.cluster
    cluster.kind = ClusterKind.KHOI
    cluster.save()
    html = client.get(f"/thong-ke/cum/{cluster.slug}/{cluster_year.year}/").content.decode()
    assert "<dt>Trưởng khối</dt>" in html and "<dt>Phó trưởng khối</dt>" in html
    assert "Trưởng cụm" not in html


def test_a_decision_signed_in_january_for_last_year_still_counts_in_its_year_signed(issue, units, awards):
    issue([person_line(awards["provincial_certificate"], organisation=units["commune"])],
          signed_on=datetime.date(2018, 1, 25), achievement_year=2017)
    assert [row.label for row in statistics_report(lines=counted_lines()).by_year] == ["2018"]
