"""Issue 18: decisions, award rules and movements cite the library's documents; pages link both ways."""

import datetime

import pytest

from awards.models import AwardRule, Movement, MovementForm, MovementScope
from documents.models import Document, DocumentKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def law(db):
    return Document.objects.create(kind=DocumentKind.LAW, number="06/2022/QH15", title="Luật Thi đua, khen thưởng",
                                   issuer_name="Quốc hội", is_published=True)


@pytest.fixture
def draft_decree(db):
    return Document.objects.create(kind=DocumentKind.DECREE, number="999/2026/NĐ-CP", issuer_name="Chính phủ",
                                   is_published=False)


def test_a_decision_page_links_the_published_documents_it_cites(client, issue, site_profile, law, draft_decree):
    decision = issue([], number_text="77/QĐ-UBND", number=77)
    decision.legal_bases.add(law, draft_decree)
    body = client.get(decision.get_absolute_url()).content.decode()
    assert "Căn cứ pháp lý" in body and law.get_absolute_url() in body
    assert draft_decree.get_absolute_url() not in body  # an unpublished document stays out


def test_the_document_page_lists_decisions_rules_and_movements_citing_it(client, issue, site_profile, law, roles,
                                                                         awards):
    decision = issue([], number_text="78/QĐ-UBND", number=78)
    decision.legal_bases.add(law)
    hidden = issue([], number_text="79/QĐ-UBND", number=79, is_published=False)
    hidden.legal_bases.add(law)
    rule = AwardRule.objects.filter(award=awards["provincial_certificate"]).first()
    AwardRule.objects.filter(pk=rule.pk).update(basis_document=law)
    Movement.objects.create(name="Phong trào chung sức xây dựng nông thôn mới", form=MovementForm.THEMATIC,
                            scope=MovementScope.SECTOR_OR_LOCAL, launch_document_record=law, is_published=True,
                            start_date=datetime.date(2024, 3, 1))
    body = client.get(law.get_absolute_url()).content.decode()
    assert "Quyết định viện dẫn văn bản này" in body and decision.get_absolute_url() in body
    assert "79/QĐ-UBND" not in body
    assert "Quy định khen thưởng căn cứ văn bản này" in body and str(rule.award) in body
    assert "Phong trào chung sức xây dựng nông thôn mới" in body and "01/03/2024" in body
    Movement.objects.create(name="Phong trào chưa công bố", form=MovementForm.THEMATIC,
                            scope=MovementScope.SECTOR_OR_LOCAL, launch_document_record=law)
    assert "Phong trào chưa công bố" not in client.get(law.get_absolute_url()).content.decode()


def test_a_rule_reads_its_period_as_dd_mm_yyyy(awards):
    rule = AwardRule.objects.filter(award=awards["provincial_certificate"]).first()
    assert rule.valid_from.strftime("%d/%m/%Y") in str(rule) and "-" not in str(rule).split("(")[-1][:10]


def test_the_demo_cites_the_law_and_decree_in_force_when_each_decision_was_signed(settings):
    import io

    from django.core.management import call_command

    from awards.models import Decision

    settings.DEBUG = True
    call_command("demo", stdout=io.StringIO())
    old = Decision.objects.get(number=98, signed_on=datetime.date(2017, 1, 18))
    assert {d.number for d in old.legal_bases.all()} == {"15/2003/QH11", "42/2010"}
    newer = Decision.objects.filter(is_sample=True, signed_on__gte=datetime.date(2024, 1, 1)).first()
    if newer is not None:
        assert "06/2022/QH15" in {d.number for d in newer.legal_bases.all()}
    assert AwardRule.objects.filter(basis_document__isnull=False).exists()


def test_the_decision_draft_cites_the_decisions_own_legal_bases(issue, law):
    from awards.drafts.decision import legal_basis_texts, load_decision

    decision = issue([], number_text="80/QĐ-UBND", number=80)
    decision.legal_bases.add(law)
    decision = load_decision(decision.pk)
    assert any("06/2022/QH15" in text for text in legal_basis_texts(decision, list(decision.lines.all())))
