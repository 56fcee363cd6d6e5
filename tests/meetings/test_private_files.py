"""Nothing of a draft leaks: photos and documents are stored under random names, in a private
storage while the meeting is unpublished, handed out only by the checked view, and without the
camera's metadata; they become public with the meeting and stop being public when it is withdrawn."""

import io

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from clusters.models import UnitOfficer
from meetings.models import MeetingDocument, RecordState
from meetings.services import photo_add
from portal.core.files import is_private

from .conftest import image_file

pytestmark = pytest.mark.django_db

GPS_TAG = 0x8825
SERIAL_TAG = 0xA431


def gps_photo(name="IMG_20170714_GPS.jpg"):
    exif = Image.Exif()
    exif[GPS_TAG] = {1: "N", 2: (21.0, 50.0, 0.0), 3: "E", 4: (106.0, 45.0, 0.0)}
    exif[0x010F] = "Camera maker"
    exif.get_ifd(0x8769)[SERIAL_TAG] = "SERIAL-123456"
    return image_file(name=name, size=(800, 600), exif=exif)


def raw_public_url(name: str) -> str:
    """The address a file would have if it sat in the public storage."""
    inner = name.removeprefix("private/")
    return settings.MEDIA_URL + inner


@pytest.fixture
def draft(make_meeting):
    return make_meeting(record_state=RecordState.DRAFT)


@pytest.fixture
def officer(border, django_user_model, draft):
    user = django_user_model.objects.create_user("vanlang", password="x-Secret-123")
    UnitOfficer.objects.create(user=user, unit=border.units["huyen-van-lang"])
    draft.filing_unit = border.units["huyen-van-lang"]
    draft.save()
    return user


def test_an_anonymous_visitor_cannot_fetch_any_file_of_a_draft(client, draft):
    photo = photo_add(meeting=draft, image=gps_photo(), alt_text="Hội trường")
    document = MeetingDocument.objects.create(
        meeting=draft, title="Báo cáo", is_public=True,
        file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 draft report"),
    )
    names = [photo.image.name, photo.thumbnail.name, photo.display.name, document.file.name]
    assert all(is_private(name) for name in names)
    for name in names:
        assert "IMG_20170714" not in name  # the uploader's file name is not kept
        assert client.get(storages["default"].url(name)).status_code == 404
        assert client.get(raw_public_url(name)).status_code == 404  # not in the public storage at all


def test_stored_originals_carry_no_gps_or_serial_number(draft):
    photo = photo_add(meeting=draft, image=gps_photo(), alt_text="Hội trường")
    with photo.image.open("rb") as stored:
        exif = Image.open(io.BytesIO(stored.read())).getexif()
    assert GPS_TAG not in exif and 0x010F not in exif
    assert SERIAL_TAG not in exif.get_ifd(0x8769)


def test_staff_and_the_filing_officer_see_a_drafts_files_other_officers_do_not(client, draft, officer, staff_user,
                                                                             django_user_model):
    photo = photo_add(meeting=draft, image=gps_photo(), alt_text="Hội trường")
    url = photo.display.url
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    other = django_user_model.objects.create_user("locbinh", password="x-Secret-123")
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_publishing_makes_photos_public_and_withdrawing_makes_them_private_again(
        client, draft, django_capture_on_commit_callbacks):
    photo = photo_add(meeting=draft, image=gps_photo(), alt_text="Hội trường")
    with django_capture_on_commit_callbacks(execute=True):
        draft.record_state = RecordState.PUBLISHED
        draft.save()
    photo.refresh_from_db()
    assert not is_private(photo.display.name)
    public_url = photo.display.url
    assert public_url.startswith(settings.MEDIA_URL) and client.get(public_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        draft.record_state = RecordState.DRAFT
        draft.save()
    photo.refresh_from_db()
    assert is_private(photo.display.name)
    assert client.get(public_url).status_code == 404  # the old public address is gone


def test_a_replaced_photo_is_deleted_with_its_renditions(draft, django_capture_on_commit_callbacks):
    photo = photo_add(meeting=draft, image=gps_photo(), alt_text="Hội trường")
    old = [photo.image.name, photo.thumbnail.name, photo.display.name]
    from portal.core.uploads import photo_renditions_refresh

    photo.image = image_file(name="new.jpg", size=(640, 480))
    photo.save()
    photo_renditions_refresh(photo=photo)
    storage = storages["default"]
    assert not any(storage.exists(name) for name in old)
    assert all(storage.exists(n) for n in (photo.image.name, photo.thumbnail.name, photo.display.name))


def test_a_deleted_photo_takes_its_files_with_it(draft):
    photo = photo_add(meeting=draft, image=gps_photo(), alt_text="Hội trường")
    names = [photo.image.name, photo.thumbnail.name, photo.display.name]
    photo.delete()
    assert not any(storages["default"].exists(name) for name in names)


def test_public_meeting_page_links_documents_through_the_checked_view(client, make_meeting, site_profile):
    meeting = make_meeting(record_state=RecordState.PUBLISHED)
    document = MeetingDocument.objects.create(
        meeting=meeting, title="Báo cáo sơ kết", is_public=True,
        file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 report"),
    )
    hidden = MeetingDocument.objects.create(
        meeting=meeting, title="Biên bản nội bộ", is_public=False,
        file=SimpleUploadedFile("y.pdf", b"%PDF-1.4 minutes"),
    )
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert document.file.url in body and document.file.url.startswith("/tep/")
    assert settings.MEDIA_URL + "meetings/documents" not in body
    response = client.get(document.file.url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert "bao-cao-so-ket.pdf" in response["Content-Disposition"]
    assert client.get(hidden.file.url).status_code == 404


@override_settings(MEDIA_ACCEL_REDIRECT="/internal-media/")
def test_behind_nginx_the_checked_view_hands_the_file_to_the_proxy(client, draft, staff_user):
    photo = photo_add(meeting=draft, image=gps_photo(), alt_text="Hội trường")
    client.force_login(staff_user)
    response = client.get(photo.display.url)
    inner = photo.display.name.removeprefix("private/")
    assert response["X-Accel-Redirect"] == f"/internal-media/private/{inner}"
    assert response.content == b""
