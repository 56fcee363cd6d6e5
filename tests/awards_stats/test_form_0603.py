"""Form 0603: rows and columns from the layout file, counted by date signed, in one query."""

import datetime
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import AwardType
from awards.statistics import form_0603 as statistics

from .conftest import person_line, unit_line

pytestmark = pytest.mark.django_db

URL = "/thong-ke/mau-0603/"


@pytest.fixture
def year_2017(issue, units, awards):
    cert, flag = awards["provincial_certificate"], awards["provincial_emulation_flag"]
    issue([
        person_line(cert, organisation=units["commune"], category="direct_worker"),
        person_line(cert, organisation=units["commune"], category="direct_worker"),
        person_line(cert, organisation=units["commune"], category="leader_department"),
        unit_line(cert, units["commune"], is_enterprise=False),
        unit_line(flag, units["loc_binh"]),
        # a Giấy khen has no column in form 0603
        person_line(awards["certificate_of_commendation"], organisation=units["commune"]),
    ], signed_on=datetime.date(2017, 3, 1))
    issue([person_line(cert, organisation=units["other_commune"], category="direct_worker")],
          signed_on=datetime.date(2017, 9, 1), award_type=AwardType.CAMPAIGN)
    issue([person_line(cert, organisation=units["other_commune"])], signed_on=datetime.date(2018, 1, 9))


def _rows(report):
    return {row.code: row.values for row in report.rows}


def test_form_0603_counts_rows_and_columns_and_the_total_is_their_sum(year_2017):
    rows = _rows(statistics.form_0603_report(year=2017))
    # total, Bằng khen, CSTĐ tỉnh, Cờ thi đua tỉnh, kỷ niệm chương
    assert rows["01"] == [6, 5, 0, 1, 0]
    assert rows["02"] == [2, 1, 0, 1, 0]
    assert rows["05"] == [4, 4, 0, 0, 0]
    assert rows["07"] == [1, 1, 0, 0, 0]
    assert rows["10"] == [3, 3, 0, 0, 0]
    assert rows["11"] == [5, 4, 0, 1, 0]
    assert rows["12"] == [1, 1, 0, 0, 0]


def test_form_0603_period_selects_by_date_signed(year_2017):
    assert _rows(statistics.form_0603_report(year=2017, period="h1"))["01"][0] == 5
    assert _rows(statistics.form_0603_report(year=2017, period="q3"))["01"][0] == 1
    assert _rows(statistics.form_0603_report(year=2018))["01"][0] == 1


def test_form_0603_layout_is_read_from_its_data_file(year_2017, tmp_path, monkeypatch):
    layout = json.loads(statistics.FORM_0603_PATH.read_text(encoding="utf-8"))
    layout["rows"][9]["label"] = "Người lao động trực tiếp (nhãn đã sửa)"
    layout["rows"].append({"code": "18", "label": "Trong đó: nữ", "indent": 2,
                           "filter": {"subject_type": "individual", "gender": "female"}})
    corrected = tmp_path / "form_0603.json"
    corrected.write_text(json.dumps(layout, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(statistics, "FORM_0603_PATH", corrected)
    report = statistics.form_0603_report(year=2017)
    assert report.rows[9].label == "Người lao động trực tiếp (nhãn đã sửa)"
    assert report.rows[-1].code == "18"


def test_form_0603_layout_refuses_an_unknown_filter(tmp_path, monkeypatch):
    layout = json.loads(statistics.FORM_0603_PATH.read_text(encoding="utf-8"))
    layout["rows"][0]["filter"] = {"decision__is_published": False}
    broken = tmp_path / "form_0603.json"
    broken.write_text(json.dumps(layout), encoding="utf-8")
    monkeypatch.setattr(statistics, "FORM_0603_PATH", broken)
    with pytest.raises(ValueError):
        statistics.form_0603_layout()


def test_form_0603_page_and_xlsx_show_the_same_table(client, year_2017):
    page = client.get(URL, {"year": 2017})
    html = page.content.decode()
    assert "0603" in html and "Người trực tiếp công tác" in html
    response = client.get("/thong-ke/mau-0603.xlsx", {"year": 2017})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    by_code = {row[1]: list(row[2:7]) for row in sheet.iter_rows(values_only=True) if row[1] and str(row[1]).isdigit()}
    assert by_code == _rows(page.context["report"])


def test_form_0603_is_counted_in_one_query(year_2017):
    with CaptureQueriesContext(connection) as queries:
        statistics.form_0603_report(year=2017)
    assert len(queries) == 1


def test_form_0603_counts_every_decision_in_force_by_signing_date_published_or_not(client, issue, units, awards):
    """§5.1: the official forms count every decision in force by the date signed; the publish
    flag governs only what the public may look up, so the public statistics keep to those."""
    from awards.statistics.reports import statistics_report
    from awards.statistics.selectors import counted_lines

    cert = awards["provincial_certificate"]
    issue([person_line(cert, organisation=units["commune"])], signed_on=datetime.date(2016, 5, 1),
          achievement_year=2016, is_published=False)
    issue([person_line(cert, organisation=units["commune"]), unit_line(cert, units["village"])],
          signed_on=datetime.date(2016, 6, 1), achievement_year=2016)
    assert _rows(statistics.form_0603_report(year=2016))["01"] == [3, 3, 0, 0, 0]
    assert statistics_report(lines=counted_lines()).totals.total == 2
    # a year with nothing published is still a year of the form
    issue([person_line(cert, organisation=units["commune"])], signed_on=datetime.date(2015, 5, 1),
          achievement_year=2015, is_published=False)
    page = client.get(URL, {"year": 2015})
    assert page.context["report"].year == 2015
    assert page.context["report"].rows[0].values[0] == 1


def test_form_0603_names_no_unpublished_decision_but_lists_its_counts_apart(client, issue, units, awards):
    cert = awards["provincial_certificate"]
    issue([person_line(cert, organisation=units["commune"])], signed_on=None, number=None, symbol="",
          source_kind="secondary", source_name="Báo Lạng Sơn", achievement_year=2016,
          subject_line="Về việc khen thưởng kín đáo", is_published=False)
    report = statistics.form_0603_report(year=2016)
    assert report.undated == []
    assert report.undated_unpublished.count == 1 and report.undated_unpublished.values[0] == 1
    html = client.get(URL, {"year": 2016}).content.decode()
    assert "kín đáo" not in html
