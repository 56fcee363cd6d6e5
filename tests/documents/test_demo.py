"""The demo library holds the texts the notes name, with their real numbers, their dates only
where the notes give them, and the links the notes state; the seed meeting cites its plan."""

import datetime
import re
from io import StringIO

import pytest

from documents import demo
from documents.models import Document, DocumentLink, DocumentStatus

pytestmark = pytest.mark.django_db

NUMBERS = ["15/2003/QH11", "06/2022/QH15", "42/2010", "91/2017/NĐ-CP", "98/2023/NĐ-CP", "28/2024/NĐ-CP",
           "152/2025/NĐ-CP", "129/2025/NĐ-CP", "15/2025/TT-BNV", "02/2023/TT-BNV", "73/2024", "1479/HD-BTĐKT",
           "30/2014/QĐ-UBND"]


@pytest.fixture
def loaded(db):
    from clusters import demo as cluster_demo

    cluster_demo.load(stdout=StringIO())
    for _ in range(2):  # idempotent
        demo.load(stdout=StringIO())
    return {doc.number or doc.slug: doc for doc in Document.objects.with_status(datetime.date(2026, 11, 30))}


def test_the_demo_holds_every_text_the_notes_name_once(loaded):
    assert sorted(n for n in loaded if "/" in n) == sorted(NUMBERS)
    assert Document.objects.count() == len(demo.DOCUMENTS) == 14
    assert DocumentLink.objects.count() == len(demo.LINKS)
    assert all(doc.is_published and not doc.is_sample and doc.summary_by_us for doc in loaded.values())


def test_dates_only_where_the_notes_give_them(loaded):
    dated = {number: (doc.signed_on, doc.effective_on, doc.expires_on) for number, doc in loaded.items()
             if doc.signed_on or doc.effective_on or doc.expires_on}
    assert dated == {
        "91/2017/NĐ-CP": (datetime.date(2017, 7, 31), None, None),
        "06/2022/QH15": (None, datetime.date(2024, 1, 1), None),
        "152/2025/NĐ-CP": (None, datetime.date(2025, 7, 1), None),
    }
    assert not any(doc.signer for doc in loaded.values())


def test_statuses_follow_from_the_links_the_notes_state(loaded):
    status = {number: doc.status for number, doc in loaded.items()}
    assert status["15/2003/QH11"] == DocumentStatus.REPLACED
    assert status["06/2022/QH15"] == DocumentStatus.IN_FORCE
    assert status["42/2010"] == DocumentStatus.REPLACED
    assert status["98/2023/NĐ-CP"] == DocumentStatus.REPLACED
    assert status["28/2024/NĐ-CP"] == DocumentStatus.REPLACED
    assert status["152/2025/NĐ-CP"] == DocumentStatus.IN_FORCE
    # no date and no link in the notes: unknown, never guessed
    for number in ("129/2025/NĐ-CP", "15/2025/TT-BNV", "02/2023/TT-BNV", "73/2024", "1479/HD-BTĐKT",
                   "30/2014/QĐ-UBND", demo.PLAN_SLUG):
        assert status[number] == DocumentStatus.UNKNOWN, number


def test_an_open_question_of_the_notes_is_no_link(loaded):
    assert not DocumentLink.objects.filter(to_document=loaded["1479/HD-BTĐKT"]).exists()


def test_demo_slugs_are_the_ones_the_server_makes(loaded):
    for doc in loaded.values():
        twin = Document(kind=doc.kind, number=doc.number, title=doc.title)
        from portal.core.text import vn_slugify

        assert doc.slug == vn_slugify(twin.slug_text, max_length=114), doc.slug


def test_the_plan_has_no_number_and_is_issued_by_the_province(loaded):
    plan = loaded[demo.PLAN_SLUG]
    assert plan.number == "" and plan.signed_on is None and plan.year is None
    assert plan.issuer_unit.slug == "ubnd-tinh-lang-son"


def test_the_seed_meeting_cites_the_plan_both_ways(client, db, site_profile):
    from clusters import demo as cluster_demo
    from meetings import demo as meeting_demo
    from meetings.models import Meeting

    cluster_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    meeting_demo.load(stdout=StringIO())
    meeting = Meeting.objects.get(slug=meeting_demo.MID_YEAR_SLUG)
    plan = Document.objects.get(slug=demo.PLAN_SLUG)
    assert meeting.basis_document == plan
    body = re.sub(r"\s+", " ", client.get(meeting.get_absolute_url()).content.decode())
    assert f'<a href="{plan.get_absolute_url()}">Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng ' \
           f'Sơn</a>' in body
    body = re.sub(r"\s+", " ", client.get(plan.get_absolute_url()).content.decode())
    assert meeting.get_absolute_url() in body
    assert "Số, ký hiệu</dt> <dd>chưa rõ</dd>" in body
    assert "Ngày ký</dt> <dd>chưa rõ</dd>" in body
