"""Public decision pages: only published decisions, revoked ones marked, constant query counts."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Decision
from awards.selectors import decisions_for_home, published_decisions
from awards.services import decision_revoke

from .conftest import collective, individual

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_decisions(issue, awards, units):
    from clusters.models import Person

    def _make(count, *, lines=3, **fields):
        made = []
        for n in range(count):
            key = Decision.objects.count()
            people = [Person.objects.create(full_name=f"Người {n}-{i}", slug=f"nguoi-{n}-{i}-{key}")
                      for i in range(lines)]
            made.append(issue([individual(p, awards["provincial_certificate"], title_text="Nông dân",
                                          person_category="direct_worker") for p in people]
                              + [collective(units["village"], awards["provincial_certificate"],
                                            is_small_collective=True)],
                              achievement_year=2024 - len(made) - Decision.objects.count(), **fields))
        return made

    return _make


def test_published_decision_page_shows_its_lines(client, site_profile, make_decisions):
    decision = make_decisions(1)[0]
    response = client.get(decision.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert decision.number_text in body
    assert "Người 0-0" in body
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in body
    assert "1 tập thể, 3 cá nhân" in body


def test_unpublished_decision_is_not_found(client, site_profile, make_decisions):
    decision = make_decisions(1, is_published=False)[0]
    assert client.get(decision.get_absolute_url()).status_code == 404
    assert decision.number_text not in client.get(reverse("awards:decision_list")).content.decode()


def test_wrong_slug_redirects_to_the_canonical_address(client, site_profile, make_decisions):
    decision = make_decisions(1)[0]
    response = client.get(reverse("awards:decision_detail", kwargs={"pk": decision.pk, "slug": "sai"}))
    assert response.status_code == 301
    assert response["Location"] == decision.get_absolute_url()


def test_revoked_decision_stays_public_marked_with_the_revoking_decision(client, site_profile, make_decisions):
    decision, revoker = make_decisions(2)
    decision_revoke(decision=decision, revoked_by=revoker, revoked_on=datetime.date(2025, 3, 1))
    response = client.get(decision.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đã thu hồi" in body
    assert revoker.get_absolute_url() in body
    assert "01/03/2025" in body


def test_decision_list_filters_by_year_issuer_and_award(client, site_profile, make_decisions, awards, units, people,
                                                        issue, roles):
    make_decisions(2)
    other = issue([individual(people["hoa"], awards["certificate_of_commendation"])],
                  issuer_role=roles["district_chair"], issuer_unit=units["ubnd_huyen"],
                  signed_on=datetime.date(2025, 3, 1), achievement_year=2024)
    url = reverse("awards:decision_list")
    assert client.get(url, {"year": 2025}).context["page"].paginator.count == 1
    assert client.get(url, {"issuer": units["ubnd_huyen"].pk}).context["page"].object_list[0] == other
    response = client.get(url, {"award": awards["certificate_of_commendation"].pk})
    assert [d.pk for d in response.context["page"].object_list] == [other.pk]


def test_line_counts_are_whole_when_filtering_by_award(client, site_profile, make_decisions, awards):
    make_decisions(1)
    response = client.get(reverse("awards:decision_list"), {"award": awards["provincial_certificate"].pk})
    decision = response.context["page"].object_list[0]
    assert (decision.individual_count, decision.collective_count) == (3, 1)


def test_decision_list_query_count_does_not_grow(client, site_profile, make_decisions, django_assert_max_num_queries):
    make_decisions(3)
    client.get(reverse("awards:decision_list"))  # warm the site context cache
    with django_assert_max_num_queries(8):
        client.get(reverse("awards:decision_list"))
    make_decisions(25, lines=4)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("awards:decision_list"), {"page": 2})
    assert response.status_code == 200


def test_decision_page_query_count_does_not_grow(client, site_profile, make_decisions, django_assert_max_num_queries):
    small = make_decisions(1, lines=1)[0]
    big = make_decisions(1, lines=60)[0]
    client.get(small.get_absolute_url())
    with django_assert_max_num_queries(5):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(5):
        response = client.get(big.get_absolute_url())
    assert len(response.context["lines"]) == 61


def test_home_selector_gives_latest_published_decisions(make_decisions, django_assert_num_queries):
    made = make_decisions(3)
    make_decisions(1, is_published=False)
    with django_assert_num_queries(1):
        latest = decisions_for_home(2)
    assert [d.pk for d in latest] == [made[2].pk, made[1].pk]
    assert published_decisions().count() == 3


@pytest.mark.parametrize("name", ["decision_list", "lookup", "statistics", "statistics_csv", "statistics_xlsx",
                                  "form_0603", "form_0603_xlsx"])
def test_public_pages_answer_head_like_get(client, site_profile, make_decisions, name):
    # a HEAD is a GET without the body (RFC 9110): link checkers and proxies send it
    make_decisions(1)
    url = reverse(f"awards:{name}")
    assert client.head(url).status_code == client.get(url).status_code == 200


def test_a_decision_page_answers_head_like_get(client, site_profile, make_decisions):
    url = make_decisions(1)[0].get_absolute_url()
    assert client.head(url).status_code == client.get(url).status_code == 200
