"""The demo decisions: idempotent, published, sample, and lawful under the loaded (2024) powers."""

import copy
import datetime
import io

import pytest

from awards import demo
from awards.models import Decision, DecisionLine, RecordStatus
from awards.services import decision_lines_check

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_to_the_same_rows():
    demo.load(stdout=io.StringIO())
    counts = (Decision.objects.count(), DecisionLine.objects.count())
    demo.load(stdout=io.StringIO())
    assert (Decision.objects.count(), DecisionLine.objects.count()) == counts
    assert 8 <= counts[0] <= 14 and 60 <= counts[1] <= 150
    assert not Decision.objects.filter(is_sample=False).exists()
    assert not Decision.objects.filter(is_published=False).exists()
    assert DecisionLine.objects.filter(person_category="direct_worker").count() >= 30
    assert DecisionLine.objects.filter(is_small_collective=True).count() >= 10
    assert Decision.objects.filter(status=RecordStatus.REVOKED).count() == 1


def test_demo_lines_obey_the_powers_loaded_for_2024():
    demo.load(stdout=io.StringIO())
    for decision in Decision.objects.prefetch_related("lines"):
        moved = copy.copy(decision)
        moved.signed_on = datetime.date(2024, 12, 1)
        moved.achievement_year = None  # only the authority is in question here
        check = decision_lines_check(decision=moved, lines=list(decision.lines.all()))
        assert not check.errors, (decision.number_text, [str(e) for e in check.errors])


def test_demo_holds_a_news_report_without_number_or_date_that_says_unknown(client, site_profile):
    demo.load(stdout=io.StringIO())
    decision = Decision.objects.get(number__isnull=True, signed_on__isnull=True)
    assert decision.is_sample and decision.source_kind == "secondary" and decision.source_name
    assert decision.lines_unchecked
    assert decision.lines.get().unit.is_external  # another province's body, named on the line
    body = client.get(decision.get_absolute_url()).content.decode()
    assert "<dt>Số, ký hiệu</dt><dd>chưa rõ</dd>" in body and "<dt>Ngày ký</dt><dd>chưa rõ</dd>" in body
