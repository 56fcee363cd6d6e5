from django.conf import settings
from django.urls import reverse

from meetings.models import MeetingDocument

from .conftest import pdf_file


def test_document_download_is_an_attachment_that_never_runs(client_b, world):
    response = client_b.get(reverse("backoffice:document", kwargs={"document_id": world.document_b.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_public_documents_of_published_meetings_download_for_anyone(client, world):
    world.approved_b.record_state = "published"
    world.approved_b.save()
    document = MeetingDocument.objects.create(meeting=world.approved_b, title="Kết luận", file=pdf_file(),
                                              is_public=True)
    response = client.get(reverse("backoffice:document", kwargs={"document_id": document.pk}))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    hidden = client.get(reverse("backoffice:document", kwargs={"document_id": world.document_b.pk}))
    assert hidden.status_code == 302  # to the login page: a draft's document is not public


def test_uploaded_files_go_out_as_attachments_through_the_checked_view(client, world):
    url = world.document_b.file.url
    assert url.startswith("/tep/") and not url.startswith(settings.MEDIA_URL)
    assert client.get(url).status_code == 404  # a draft's document: nobody outside may have it
    client.force_login(world.reviewer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    image = client.get(world.photo_b.image.url)
    assert image["Content-Type"] == "image/jpeg"
    assert not image.get("Content-Disposition", "").startswith("attachment")  # photos still show


def test_back_office_and_admin_pages_carry_a_strict_csp_and_no_inline_script(client, world):
    client.force_login(world.reviewer)
    for url in (reverse("backoffice:dashboard"), reverse("backoffice:review-queue"),
                reverse("backoffice:meeting-detail", kwargs={"meeting_id": world.submitted_b.pk}), "/admin/",
                "/admin/meetings/meeting/", f"/admin/meetings/meeting/{world.submitted_b.pk}/change/",
                "/admin/backoffice/auditentry/"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        body = response.content.decode()
        assert "<script>" not in body and " onclick=" not in body and " onload=" not in body, url
    client.force_login(world.officer_a)
    for url in (reverse("backoffice:dashboard"), reverse("backoffice:meeting-create")):
        response = client.get(url)
        body = response.content.decode()
        assert "<script>" not in body and ' style="' not in body and " onclick=" not in body, url
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_session_and_cookie_settings():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert len(settings.AUTH_PASSWORD_VALIDATORS) >= 4


def test_the_record_pages_scrollable_tables_can_be_reached_by_keyboard(client_b, world):
    from django.urls import reverse

    body = client_b.get(reverse("backoffice:meeting-detail", kwargs={"meeting_id": world.draft_b.pk})).content.decode()
    assert body.count('class="table-wrap" tabindex="0" role="region"') >= 1
