"""The demo holds sample dossiers in several states of a Lạng Sơn movement, a draft of Lộc Bình
that only locbinh and staff may see, a public consultation open on the day of loading, and a
decision whose lines trace back to the nominee lines they came from."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from awards.models import Decision
from backoffice.nomination_demo import CONSULTATION_SLUG, DRAFT_MARK
from nominations.models import Consultation, Dossier, DossierState, LineOutcome


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - twice: it is idempotent
    settings.DEBUG = False


def test_sample_dossiers_in_several_states(demo):
    dossiers = Dossier.objects.all()
    assert all(d.is_sample for d in dossiers)
    assert {DossierState.DRAFT, DossierState.SUBMITTED, DossierState.RETURNED, DossierState.CONSULTATION,
            DossierState.DECIDED} <= set(dossiers.values_list("state", flat=True))
    assert dossiers.count() == 5  # loaded twice, made once
    draft = Dossier.objects.get(summary__startswith=DRAFT_MARK)
    assert draft.state == DossierState.DRAFT and draft.unit.slug == "huyen-loc-binh"
    assert draft.movement.name.startswith("Lạng Sơn")


def test_consultation_open_on_the_day_of_loading(demo):
    consultation = Consultation.objects.get(slug=CONSULTATION_SLUG)
    today = timezone.localdate()
    assert consultation.published_on == today and consultation.is_open_on(today)
    assert consultation.ends_on > consultation.starts_on > today


def test_decided_lines_trace_to_a_published_decision(demo):
    dossier = Dossier.objects.get(state=DossierState.DECIDED)
    outcomes = sorted(dossier.lines.values_list("outcome", flat=True))
    assert outcomes == [LineOutcome.DECIDED, LineOutcome.DECIDED, LineOutcome.NOT_APPROVED]
    decision = Decision.objects.get(lines__nominee_line__dossier=dossier, lines__order=1)
    assert decision.is_published and decision.is_signed and not decision.is_draft
    assert list(decision.based_on.all()) == [dossier.proposal_memo]
    assert not dossier.is_late
