"""Whatever an officer types reaches the public page escaped: every free-text field of a filed
record is filled with a payload, the record goes through review and is published, and neither
the public page nor the back office page carries live markup."""

from django.urls import reverse

from meetings.models import Meeting, RecordState
from meetings.services import meeting_transition

from .conftest import image_file, pdf_file
from .test_filing import record_data, with_rows

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LIVE = ("<script>alert", "<img src=x", "onerror=alert(1)>")


def payload(field):
    return f"{field} {PAYLOAD}"


def test_payloads_in_every_free_text_field_are_shown_escaped(client, world):
    client.force_login(world.officer_a)
    data = record_data(world, title=payload("title"), venue=payload("venue"), basis=payload("basis"),
                       summary=payload("summary"))
    with_rows(data, "attendances", [
        {"role": "chair", "person": world.person.pk, "name_as_written": payload("name"),
         "title_as_written": payload("titles"), "on_behalf_of": payload("behalf"), "speech": "opening", "order": "1"},
        {"role": "delegate", "organisation": payload("organisation"), "order": "2"},
    ])
    with_rows(data, "agenda", [{"kind": "item", "title": payload("agenda"), "description": payload("description"),
                                "order": "1"}])
    with_rows(data, "resolutions", [{"kind": "other", "text": payload("resolution"), "order": "1"}])
    with_rows(data, "rankings", [{"rank": "1", "unit": world.unit_a.pk, "basis": "score", "note": payload("note")}])
    with_rows(data, "photos", [{"image": image_file(), "alt_text": payload("alt"), "caption": payload("caption"),
                                "order": "1"}])
    with_rows(data, "documents", [{"kind": "minutes", "title": payload("document"), "file": pdf_file(),
                                   "is_public": "on", "order": "1"}])
    assert client.post(reverse("backoffice:meeting-create"), data).status_code == 302
    meeting = Meeting.objects.get(venue=payload("venue"))
    back_office_page = client.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk}))

    meeting_transition(meeting=meeting, to_state=RecordState.SUBMITTED, user=world.officer_a)
    meeting_transition(meeting=meeting, to_state=RecordState.APPROVED, user=world.reviewer)
    meeting_transition(meeting=meeting, to_state=RecordState.PUBLISHED, user=world.reviewer)
    client.logout()
    public_page = client.get(meeting.get_absolute_url())
    assert public_page.status_code == 200

    for page in (public_page, back_office_page):
        body = page.content.decode()
        for fragment in LIVE:
            assert fragment not in body
    public = public_page.content.decode().lower()  # some fields are capitalised for display
    for field in ("title", "venue", "basis", "summary", "name", "titles", "behalf", "organisation", "agenda",
                  "resolution", "caption", "alt", "document", "note"):
        assert f"{field} &lt;script&gt;" in public, f"{field} is not shown (escaped) on the public page"
