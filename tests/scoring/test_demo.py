"""The demo's 2017 scoring of the border cluster agrees with the 2017 ranking and its flag."""

import pytest
from django.core.management import call_command

from awards.models import DecisionLine
from meetings.demo import YEAR_END_SLUG
from meetings.models import Meeting
from scoring import services
from scoring.models import ScoreEntry, Scoring, ScoringState


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - twice: it is idempotent
    settings.DEBUG = False


def test_the_2017_scoring_matches_the_ranking_and_the_flag(demo):
    scoring = Scoring.objects.get(cluster_year__cluster__slug="cum-thi-dua-cac-huyen-bien-gioi",
                                  cluster_year__year=2017)
    assert scoring.state == ScoringState.PUBLISHED and scoring.is_sample and scoring.results.count() == 1
    meeting = Meeting.objects.get(slug=YEAR_END_SLUG)
    ranking = {r.unit_id: (r.rank, r.score) for r in meeting.rankings.all()}
    totals = services.submitted_totals(scoring)
    assert {unit_id: total.total for unit_id, total in totals.items()} == {u: s for u, (_r, s) in ranking.items()}
    rows = {row.unit_id: row for row in scoring.results.get().rows.all()}
    assert {u: (row.rank, row.total) for u, row in rows.items()} == ranking
    first = min(rows.values(), key=lambda row: row.rank)
    flags = DecisionLine.objects.filter(award__code="provincial_emulation_flag", decision__achievement_year=2017,
                                        cluster=scoring.cluster_year.cluster)
    assert list(flags.values_list("unit_id", flat=True)) == [first.unit_id]
    assert first.proposed_for.startswith("Cờ thi đua")


def test_the_2017_sheets_carry_the_evidence_their_table_asks_for(demo):
    scoring = Scoring.objects.get(cluster_year__cluster__slug="cum-thi-dua-cac-huyen-bien-gioi",
                                  cluster_year__year=2017)
    asked = ScoreEntry.objects.filter(sheet__scoring=scoring, criterion__evidence_required=True, points__gt=0)
    assert asked.exists() and not asked.filter(evidence__isnull=True).exists()


def test_the_public_page_of_2017_shows_each_members_total(demo, client):
    scoring = Scoring.objects.get(cluster_year__cluster__slug="cum-thi-dua-cac-huyen-bien-gioi",
                                  cluster_year__year=2017)
    response = client.get("/cum-thi-dua/cum-thi-dua-cac-huyen-bien-gioi/2017/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kết quả chấm điểm thi đua năm 2017" in body
    rows = scoring.results.get().rows.select_related("unit")
    assert rows.count() == 5
    for row in rows:
        assert row.unit.name in body
        assert f">{row.total.normalize():f}<".replace(".", ",") in body  # 96,5 as written in Vietnamese
