"""A document's status is computed from its dates and the links others make to it, as of a day;
nobody types it."""

import datetime

import pytest
from django.urls import reverse

from documents.models import Document, DocumentLink, DocumentStatus, LinkKind

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 1)


def status_of(document, today=DAY) -> str:
    return Document.objects.with_status(today).get(pk=document.pk).status


def test_a_document_replaced_by_a_later_one_shows_as_replaced_everywhere(client, make_document, link, site_profile):
    old = make_document(number="98/2023/NĐ-CP")
    assert status_of(old, datetime.date.today()) == DocumentStatus.UNKNOWN
    new = make_document(number="152/2025/NĐ-CP", effective_on=datetime.date(2025, 7, 1))
    link(new, LinkKind.REPLACES, old)

    # the computed status, with nobody touching the old record
    assert status_of(old, datetime.date.today()) == DocumentStatus.REPLACED
    old.refresh_from_db()
    assert not hasattr(old, "status")  # nothing stored
    # its page says so and names what replaced it
    body = client.get(old.get_absolute_url()).content.decode()
    assert "Đã được thay thế" in body
    assert "Được thay thế bởi" in body and new.get_absolute_url() in body
    # and the status filter finds it among the replaced, not among those in force
    replaced = client.get(reverse("documents:list"), {"status": "replaced"}).content.decode()
    assert old.get_absolute_url() in replaced and new.get_absolute_url() not in replaced
    in_force = client.get(reverse("documents:list"), {"status": "in_force"}).content.decode()
    assert new.get_absolute_url() in in_force and old.get_absolute_url() not in in_force


def test_a_replacement_takes_effect_on_the_replacing_documents_effective_date(make_document, link):
    old = make_document(effective_on=datetime.date(2024, 1, 1))
    new = make_document(effective_on=datetime.date(2025, 7, 1))
    link(new, LinkKind.REPLACES, old)
    assert status_of(old, datetime.date(2025, 6, 30)) == DocumentStatus.IN_FORCE
    assert status_of(new, datetime.date(2025, 6, 30)) == DocumentStatus.NOT_YET_IN_FORCE
    assert status_of(old, datetime.date(2025, 7, 1)) == DocumentStatus.REPLACED
    assert status_of(new, datetime.date(2025, 7, 1)) == DocumentStatus.IN_FORCE


def test_the_links_own_date_comes_before_the_documents(make_document, link):
    old = make_document(effective_on=datetime.date(2020, 1, 1))
    new = make_document(effective_on=datetime.date(2021, 1, 1))
    link(new, LinkKind.REPLACES, old, date=datetime.date(2022, 1, 1))
    assert status_of(old, datetime.date(2021, 6, 1)) == DocumentStatus.IN_FORCE
    assert status_of(old, datetime.date(2022, 1, 1)) == DocumentStatus.REPLACED


def test_a_replacement_with_no_date_at_all_counts_as_recorded(make_document, link):
    old, new = make_document(), make_document()
    link(new, LinkKind.REPLACES, old)
    assert status_of(old) == DocumentStatus.REPLACED


def test_a_replacement_signed_but_of_unknown_effect_counts_from_its_signing(make_document, link):
    old = make_document(number="42/2010")
    new = make_document(number="91/2017/NĐ-CP", signed_on=datetime.date(2017, 7, 31))
    link(new, LinkKind.REPLACES, old)
    assert status_of(old, datetime.date(2017, 7, 30)) == DocumentStatus.UNKNOWN
    assert status_of(old, datetime.date(2017, 7, 31)) == DocumentStatus.REPLACED


def test_an_unpublished_replacement_changes_nothing_yet(make_document, link):
    old = make_document(effective_on=datetime.date(2020, 1, 1))
    draft = make_document(is_published=False)
    link(draft, LinkKind.REPLACES, old)
    assert status_of(old) == DocumentStatus.IN_FORCE
    draft.is_published = True
    draft.save()
    assert status_of(old) == DocumentStatus.REPLACED


@pytest.mark.parametrize(("fields", "expected"), [
    ({"effective_on": datetime.date(2024, 1, 1)}, DocumentStatus.IN_FORCE),
    ({"effective_on": datetime.date(2026, 3, 2)}, DocumentStatus.NOT_YET_IN_FORCE),
    ({"effective_on": datetime.date(2020, 1, 1), "expires_on": datetime.date(2026, 3, 1)}, DocumentStatus.EXPIRED),
    ({"effective_on": datetime.date(2020, 1, 1), "expires_on": datetime.date(2026, 3, 2)}, DocumentStatus.IN_FORCE),
    ({"expires_on": datetime.date(2025, 1, 1)}, DocumentStatus.EXPIRED),
    ({"signed_on": datetime.date(2017, 7, 31)}, DocumentStatus.UNKNOWN),  # signed, effect not given: never guessed
    ({}, DocumentStatus.UNKNOWN),
])
def test_status_from_the_dates(make_document, fields, expected):
    assert status_of(make_document(**fields)) == expected


def test_an_amendment_in_effect_makes_it_partly_amended(make_document, link):
    law = make_document(effective_on=datetime.date(2024, 1, 1))
    amendment = make_document(effective_on=datetime.date(2026, 7, 1))
    link(amendment, LinkKind.AMENDS, law, note="Sửa đổi Điều 23")
    assert status_of(law, datetime.date(2026, 6, 30)) == DocumentStatus.IN_FORCE
    assert status_of(law, datetime.date(2026, 7, 1)) == DocumentStatus.PARTLY_AMENDED


def test_guiding_and_citing_do_not_change_the_status(make_document, link):
    law = make_document(effective_on=datetime.date(2024, 1, 1))
    link(make_document(), LinkKind.GUIDES, law)
    link(make_document(), LinkKind.CITES, law)
    assert status_of(law) == DocumentStatus.IN_FORCE


def test_replaced_outranks_expired_and_amended(make_document, link):
    old = make_document(effective_on=datetime.date(2010, 1, 1), expires_on=datetime.date(2020, 1, 1))
    link(make_document(effective_on=datetime.date(2015, 1, 1)), LinkKind.AMENDS, old)
    link(make_document(effective_on=datetime.date(2019, 1, 1)), LinkKind.REPLACES, old)
    assert status_of(old) == DocumentStatus.REPLACED


def test_status_is_usable_in_filters(make_document, link):
    old, new = make_document(), make_document(effective_on=datetime.date(2025, 1, 1))
    link(new, LinkKind.REPLACES, old)
    replaced = Document.objects.with_status(DAY).filter(status=DocumentStatus.REPLACED)
    assert list(replaced) == [old]
    assert DocumentLink.objects.count() == 1
