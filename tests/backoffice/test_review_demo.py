"""The demo holds a Văn Lãng record that was submitted, returned with a reason by so.noivu and
edited by vanlang afterwards: as `vanlang`, its reason and its readable history can be seen."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from backoffice.demo import RETURN_REASON, RETURNED_SLUG
from backoffice.models import AuditEntry
from meetings.models import Meeting, RecordState


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - twice: it is idempotent
    settings.DEBUG = False


def test_the_returned_and_corrected_record_of_van_lang(client, demo):
    meeting = Meeting.objects.get(slug=RETURNED_SLUG)
    assert meeting.record_state == RecordState.RETURNED and meeting.filing_unit.slug == "huyen-van-lang"
    steps = list(meeting.transitions.values_list("to_state", "by__username", "reason"))
    assert steps == [("draft", "vanlang", ""), ("submitted", "vanlang", ""), ("returned", "so.noivu", RETURN_REASON)]
    last_edit = AuditEntry.objects.filter(root_id=str(meeting.pk), root_type__model="meeting").latest("at", "id")
    assert last_edit.actor.username == "vanlang"
    assert last_edit.at > meeting.transitions.last().at  # edited after the return

    client.login(username="vanlang", password="thidua2017")  # noqa: S106 - the demo's public password
    body = client.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert RETURN_REASON in body[:body.index('class="record-facts"')]
    history = body[body.index('id="history-title"'):]
    assert "14/07/2018" not in history and "13/07/2017 → 14/07/2017" in history and "Sáng" in history
    assert "(#" not in history and "morning" not in history
    dashboard = client.get(reverse("backoffice:dashboard")).content.decode()
    assert RETURN_REASON[:40] in dashboard
