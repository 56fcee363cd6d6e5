"""A file chosen before a refused save is kept for its uploader, used on the next save without
being chosen again, seen by nobody else, and gone after a day."""

import datetime
import io
import re

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from documents.models import Document, DocumentKind
from meetings.models import MeetingPhoto
from portal.core.models import PendingUpload
from portal.core.pending import PendingUploadFormMixin, pending_uploads_keep, pending_uploads_purge
from tests.documents.test_admin import add_post
from tests.meetings.conftest import border, make_meeting  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf_file(name="toan-van.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def photo_with_gps(name="anh-hoi-nghi.jpg"):
    exif = Image.Exif()
    exif[0x010F] = "MayAnhCoSoSeri"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 50.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 120, 40)).save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


class UploadForm(PendingUploadFormMixin, forms.Form):
    title = forms.CharField()
    attachment = forms.FileField()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user(username="alice", password="x-Secret-123", is_staff=True,
                                                 is_superuser=True)


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user(username="bob", password="x-Secret-123", is_staff=True,
                                                 is_superuser=True)


def token_in(html: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}__pending" value="([^"]+)"', html)
    assert match, f"no kept upload for {name}"
    return match[1]


def refused_then_kept(user, upload=None):
    """A form refused for its title; the page keeps the file it brought."""
    form = UploadForm({"title": ""}, {"attachment": upload or pdf_file()}, uploader=user)
    assert not form.is_valid()
    pending_uploads_keep([form])
    return form


# --- the mixin on its own -------------------------------------------------------------------------

def test_a_file_of_a_refused_form_is_used_by_the_next_post_without_choosing_it_again(alice):
    html = str(refused_then_kept(alice)["attachment"])
    assert "toan-van.pdf" in html and 'name="attachment__pending_remove"' in html
    again = UploadForm({"title": "Có tiêu đề", "attachment__pending": token_in(html, "attachment")}, {}, uploader=alice)
    assert again.is_valid(), again.errors
    assert again.cleaned_data["attachment"].read() == PDF
    assert again.cleaned_data["attachment"].name == "toan-van.pdf"


def test_another_users_token_is_ignored(alice, bob):
    token = token_in(str(refused_then_kept(alice)["attachment"]), "attachment")
    stolen = UploadForm({"title": "Có tiêu đề", "attachment__pending": token}, {}, uploader=bob)
    assert not stolen.is_valid() and "attachment" in stolen.errors
    anonymous = UploadForm({"title": "Có tiêu đề", "attachment__pending": token}, {})
    assert not anonymous.is_valid()


def test_a_removed_kept_file_is_not_used_and_is_deleted(alice):
    token = token_in(str(refused_then_kept(alice)["attachment"]), "attachment")
    form = UploadForm({"title": "Có tiêu đề", "attachment__pending": token, "attachment__pending_remove": "1"}, {},
                      uploader=alice)
    assert not form.is_valid() and "attachment" in form.errors
    assert not PendingUpload.objects.exists()


def test_a_new_choice_replaces_the_kept_file(alice):
    token = token_in(str(refused_then_kept(alice)["attachment"]), "attachment")
    form = UploadForm({"title": "Có tiêu đề", "attachment__pending": token},
                      {"attachment": pdf_file("moi.pdf")}, uploader=alice)
    assert form.is_valid() and form.cleaned_data["attachment"].name == "moi.pdf"


def test_a_kept_photo_loses_its_metadata_and_gets_a_thumbnail(alice):
    refused_then_kept(alice, photo_with_gps())
    row = PendingUpload.objects.get()
    assert row.file.name.startswith("private/pending/") and row.is_image
    with row.file.open("rb") as stored:
        data = stored.read()
    assert b"MayAnhCoSoSeri" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


def test_only_the_uploader_sees_the_thumbnail(client, alice, bob):
    refused_then_kept(alice, photo_with_gps())
    url = PendingUpload.objects.get().thumbnail.url
    assert url.startswith("/tep/")
    client.force_login(bob)
    assert client.get(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 404


def test_kept_uploads_older_than_a_day_are_purged_with_their_files(alice):
    refused_then_kept(alice)
    old = PendingUpload.objects.get()
    storage, name = old.file.storage, old.file.name
    PendingUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    refused_then_kept(alice)  # storing a new one purges the old ones on the way
    assert not PendingUpload.objects.filter(pk=old.pk).exists() and not storage.exists(name)
    assert PendingUpload.objects.count() == 1
    PendingUpload.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    out = io.StringIO()
    call_command("purge_pending_uploads", stdout=out)
    assert not PendingUpload.objects.exists() and out.getvalue().startswith("1 ")
    assert pending_uploads_purge() == 0


def test_an_expired_token_is_ignored(alice):
    token = token_in(str(refused_then_kept(alice)["attachment"]), "attachment")
    PendingUpload.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert not UploadForm({"title": "x", "attachment__pending": token}, {}, uploader=alice).is_valid()


def test_a_refused_file_is_not_kept(alice):
    class DocumentForm(PendingUploadFormMixin, forms.ModelForm):
        class Meta:
            model = Document
            fields = ["kind", "file"]

    form = DocumentForm({"kind": ""}, {"file": SimpleUploadedFile("gia.pdf", b"<html>not a pdf</html>")},
                        uploader=alice)
    assert not form.is_valid()
    pending_uploads_keep([form])
    assert not PendingUpload.objects.exists()


# --- in the admin -----------------------------------------------------------------------------------

# the documents admin's own test data: one description of a valid add form
document_post = add_post


def test_the_documents_admin_keeps_the_full_text_of_a_refused_save(client, alice, django_capture_on_commit_callbacks):
    client.force_login(alice)
    url = reverse("admin:documents_document_add")
    refused = client.post(url, document_post(number="", file=pdf_file()))
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "toan-van.pdf" in html
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, document_post(file__pending=token_in(html, "file")))
    assert saved.status_code == 302
    document = Document.objects.get()
    with document.file.open("rb") as stored:
        assert stored.read() == PDF
    assert not PendingUpload.objects.exists()


def meeting_post(border, **extra):  # noqa: F811 - the fixture's value
    data = {
        "cluster_year": border.year2017.pk, "kind": "mid_year_review", "period": "first_half", "title": "",
        "date": "14/07/2017", "time": "", "part_of_day": "", "venue": "trụ sở UBND huyện Văn Lãng",
        "host": border.ubnd_van_lang.pk, "event_status": "held", "basis": "", "summary": "",
        "record_state": "published", "filing_unit": "", "state_reason": "",
    }
    for prefix in ["attendances", "agenda_items", "resolutions", "rankings", "photos", "documents"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(extra)
    return data


def test_the_meetings_admin_keeps_a_photo_of_a_refused_save_and_uses_it_next_time(
        client, alice, bob, border, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(alice)
    url = reverse("admin:meetings_meeting_add")
    photo_row = {"photos-TOTAL_FORMS": "1", "photos-0-caption": "", "photos-0-order": "1"}
    refused = client.post(url, meeting_post(border, **photo_row, **{"photos-0-image": photo_with_gps(),
                                                                    "photos-0-alt_text": ""}))
    assert refused.status_code == 200
    html = refused.content.decode()
    token = token_in(html, "photos-0-image")
    thumb = PendingUpload.objects.get().thumbnail.url
    assert f'src="{thumb}"' in html
    # the summary names the row and the field, and links to it
    assert 'href="#id_photos-0-alt_text"' in html and "Ảnh, hàng 1: Mô tả ảnh" in html

    client.force_login(bob)  # somebody else's token is ignored: the image is missing
    stolen = client.post(url, meeting_post(border, **photo_row, **{"photos-0-image__pending": token,
                                                                   "photos-0-alt_text": "Toàn cảnh"}))
    assert stolen.status_code == 200 and not MeetingPhoto.objects.exists()
    assert client.get(thumb).status_code == 404

    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, meeting_post(border, **photo_row, **{"photos-0-image__pending": token,
                                                                      "photos-0-alt_text": "Toàn cảnh hội nghị"}))
    assert saved.status_code == 302
    photo = MeetingPhoto.objects.get()
    assert photo.thumbnail and photo.alt_text == "Toàn cảnh hội nghị"
    assert not PendingUpload.objects.exists()


# --- the admin's change forms: every error at the top, dates as dd/mm/yyyy ----------------------

def test_an_admin_refused_save_lists_every_error_at_the_top_in_vietnamese(client, alice):
    client.force_login(alice)
    response = client.post(reverse("admin:documents_document_add"), document_post(signed_on="31/02/2025"))
    html = response.content.decode()
    assert response.status_code == 200
    start = html.index('class="error-summary"')
    summary = html[start:html.index("</div>", start)]
    assert start < html.index('name="kind"')
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert 'href="#id_signed_on"' in summary and "Chưa lưu được" in summary
    assert "Please correct" not in html and "Vui lòng sửa các lỗi dưới đây." in html
    # the admin's own script would take the focus to the first field after a refused add
    assert "change_form.js" not in html


def test_admin_dates_are_text_boxes_showing_and_taking_dd_mm_yyyy(client, alice, border, make_meeting):  # noqa: F811
    client.force_login(alice)
    document = Document.objects.create(kind=DocumentKind.DECREE, number="1/2025/NĐ-CP", issuer_name="Chính phủ",
                                       signed_on=datetime.date(2025, 7, 1))
    html = client.get(reverse("admin:documents_document_change", args=[document.pk])).content.decode()
    assert re.search(r'<input type="text" name="signed_on" value="01/07/2025"[^>]*class="vDateField', html)
    meeting = make_meeting(reported_on=datetime.date(2017, 7, 21))
    for url in (reverse("admin:meetings_meeting_change", args=[meeting.pk]), reverse("admin:meetings_meeting_add"),
                reverse("admin:documents_document_add")):
        page = client.get(url).content.decode()
        assert 'type="date"' not in page, url
    page = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk])).content.decode()
    assert 'name="date" value="14/07/2017"' in page and 'name="reported_on" value="21/07/2017"' in page
    response = client.post(reverse("admin:documents_document_add"), document_post(signed_on="15/06/2025"))
    assert response.status_code == 302
    assert Document.objects.get(number="152/2025/NĐ-CP").signed_on == datetime.date(2025, 6, 15)


def test_a_kept_upload_whose_file_is_gone_is_ignored_without_an_error(alice):
    token = token_in(str(refused_then_kept(alice)["attachment"]), "attachment")
    row = PendingUpload.objects.get()
    row.file.storage.delete(row.file.name)
    form = UploadForm({"title": "Có tiêu đề", "attachment__pending": token}, {}, uploader=alice)
    assert not form.is_valid() and "attachment" in form.errors
    assert not PendingUpload.objects.exists()
