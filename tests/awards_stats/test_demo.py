"""The demo data's statistics: the page shows the direct-worker share and its Excel file says the same."""

import io
import re

import openpyxl
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_loaded(db):
    from awards import demo as awards_demo
    from clusters import demo as clusters_demo

    clusters_demo.load(stdout=io.StringIO())
    awards_demo.load(stdout=io.StringIO())


def _share_row(sheet, words):
    for row in sheet.iter_rows(values_only=True):
        if row[0] and words in str(row[0]):
            return row
    raise AssertionError(f"no row about {words!r}")


def test_demo_direct_worker_share_on_the_page_equals_the_xlsx_figure(client, demo_loaded):
    page = client.get("/thong-ke/")
    html = page.content.decode()
    report = page.context["report"]
    assert report.direct_workers.whole > 0
    shown = report.direct_workers.percent_text  # e.g. "73,9 %"
    assert shown in html and "lao động trực tiếp" in html

    href = re.search(r'href="([^"]*\.xlsx[^"]*)"', html).group(1).replace("&amp;", "&")
    response = client.get(href)
    assert response.status_code == 200 and response.content[:2] == b"PK"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    _label, part, whole, percent = _share_row(sheet, "lao động trực tiếp")[:4]
    assert (part, whole) == (report.direct_workers.part, report.direct_workers.whole)
    assert f"{percent:.1f}".replace(".", ",") + "\u00a0%" == shown
    _label, part, whole, percent = _share_row(sheet, "tập thể nhỏ")[:4]
    assert f"{percent:.1f}".replace(".", ",") + "\u00a0%" == report.small_collectives.percent_text


def test_demo_lookup_finds_loc_binh_typed_without_accents(client, demo_loaded):
    html = client.get("/khen-thuong/", {"q": "loc binh"}).content.decode()
    assert "Lộc Bình" in html
    assert "/quyet-dinh/" in html


def test_demo_cluster_summary_of_2017(client, demo_loaded):
    response = client.get("/thong-ke/cum/cum-thi-dua-cac-huyen-bien-gioi/2017/")
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.leader.unit.slug == "huyen-loc-binh"
    assert summary.totals.total > 0
    assert any(line.award.code == "provincial_emulation_flag" for line in summary.own_lines)
