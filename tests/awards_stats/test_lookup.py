"""The commendation look-up: folded names, filters, published decisions only, revoked lines marked."""

import datetime

import pytest
from django.urls import reverse

from awards.models import DecisionLine, RecordStatus
from awards.services import decision_revoke

from .conftest import person_line, unit_line

pytestmark = pytest.mark.django_db

URL = "/khen-thuong/"


def test_lookup_url_is_the_named_one():
    assert reverse("awards:lookup") == URL


@pytest.mark.parametrize("typed", ["loc binh", "LOC  BINH", "Lộc Bình", "lộc bình"])
def test_lookup_finds_loc_binh_whatever_accents_and_case_are_typed(client, issue, units, awards, typed):
    decision = issue([unit_line(awards["provincial_emulation_flag"], units["loc_binh"])])
    response = client.get(URL, {"q": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "huyện Lộc Bình" in html
    assert decision.get_absolute_url() in html  # each result links to its decision


def test_lookup_leaves_out_unpublished_decisions(client, issue, units, awards):
    issue([unit_line(awards["provincial_certificate"], units["loc_binh"])], is_published=False)
    response = client.get(URL, {"q": "loc binh"})
    assert "huyện Lộc Bình" not in response.content.decode()


def test_lookup_marks_a_revoked_decision_and_a_revoked_line(client, issue, units, awards):
    revoked = issue([unit_line(awards["provincial_certificate"], units["loc_binh"])])
    revoking = issue([], subject_line="Về việc thu hồi", signed_on=datetime.date(2018, 1, 5))
    decision_revoke(decision=revoked, revoked_by=revoking, revoked_on=revoking.signed_on)
    kept = issue([unit_line(awards["excellent_labour_collective"], units["commune"])])
    DecisionLine.objects.filter(decision=kept).update(status=RecordStatus.REVOKED)
    html = client.get(URL, {"q": "loc binh"}).content.decode() + client.get(URL, {"q": "tu doan"}).content.decode()
    assert html.count('class="revoked"') == 2
    assert html.count("Đã thu hồi") == 2


def test_lookup_filters_by_year_form_level_and_authority(client, issue, units, awards):
    from awards.models import IssuerRole

    issue([person_line(awards["provincial_certificate"], organisation=units["commune"], name="Hoàng Văn Bình")])
    issue([person_line(awards["advanced_worker"], organisation=units["commune"], name="Nông Thị Bình")],
          signed_on=datetime.date(2016, 12, 1), achievement_year=2016,
          issuer_role=IssuerRole.objects.get(code="district_chair"),
          issuer_unit=units["loc_binh"])

    def names(**params):
        html = client.get(URL, {"q": "binh", **params}).content.decode()
        return [n for n in ("Hoàng Văn Bình", "Nông Thị Bình") if n in html]

    assert names() == ["Hoàng Văn Bình", "Nông Thị Bình"]
    assert names(year=2016) == ["Nông Thị Bình"]
    assert names(award=awards["provincial_certificate"].pk) == ["Hoàng Văn Bình"]
    assert names(level="grassroots") == ["Nông Thị Bình"]
    assert names(authority=IssuerRole.objects.get(code="provincial_chair").pk) == ["Hoàng Văn Bình"]


def test_lookup_results_are_paginated(client, issue, units, awards):
    issue([person_line(awards["provincial_certificate"], organisation=units["commune"], name=f"Lộc Văn {i}")
           for i in range(25)])
    first = client.get(URL, {"q": "loc van"})
    second = client.get(URL, {"q": "loc van", "page": 2})
    assert first.context["page"].paginator.count == 25
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5


def test_lookup_page_runs_a_fixed_number_of_queries(client, issue, units, awards, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    issue([person_line(awards["provincial_certificate"], organisation=units["commune"], name="Lộc Văn A")])
    client.get(URL, {"q": "loc"})  # warm the site caches
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"q": "loc"})
    small_count = len(small)  # now: the query log is a bounded deque that later queries shift
    issue([person_line(awards["provincial_certificate"], organisation=units["commune"], name=f"Lộc Văn {i}")
           for i in range(30)], signed_on=datetime.date(2018, 3, 1))
    issue([person_line(awards["advanced_worker"], organisation=units["commune"], name=f"Lộc Thị {i}")
           for i in range(30)], signed_on=datetime.date(2016, 3, 1), achievement_year=2016)
    client.get(URL, {"q": "loc"})  # the writes invalidated the cached reads (the count): warm again
    with django_assert_max_num_queries(small_count):
        response = client.get(URL, {"q": "loc"})
    assert response.context["page"].paginator.count == 61
