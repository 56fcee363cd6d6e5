import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from meetings.models import Meeting, MeetingPhoto, RecordState

from .conftest import image_file, pdf_file

PREFIXES = ("attendances", "agenda", "resolutions", "rankings", "photos", "documents")


def record_data(world, **overrides):
    data = {
        "cluster_year": world.year.pk, "filing_unit": world.unit_a.pk, "kind": "mid_year_review",
        "period": "first_half", "title": "", "date": "2017-07-14", "time": "08:00", "part_of_day": "",
        "venue": "trụ sở UBND huyện Văn Lãng", "host": world.unit_a.pk, "event_status": "held",
        "basis": "Kế hoạch số 12/KH-CTĐ", "summary": "Hội nghị sơ kết của huyện Văn Lãng.",
    }
    for prefix in PREFIXES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def with_rows(data, prefix, rows):
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def test_officer_files_a_full_record_for_their_unit(client_a, world):
    data = record_data(world)
    with_rows(data, "attendances", [
        {"role": "chair", "person": world.person.pk, "title_as_written": "Chủ tịch UBND huyện", "order": "1",
         "unit": world.unit_a.pk},
        {"role": "delegate", "organisation": "Phòng Nội vụ của 05 huyện", "order": "2"},
    ])
    with_rows(data, "agenda", [{"kind": "item", "title": "Báo cáo sơ kết", "order": "1"}])
    with_rows(data, "resolutions", [{"kind": "tasks_adopted", "method": "vote", "text": "Thông qua nhiệm vụ",
                                     "order": "1"}])
    with_rows(data, "rankings", [{"rank": "1", "unit": world.unit_a.pk, "score": "95.5", "basis": "score"},
                                 {"rank": "2", "unit": world.unit_b.pk, "basis": "vote"}])
    with_rows(data, "photos", [{"image": image_file(size=(1600, 1000)), "alt_text": "Toàn cảnh hội nghị",
                                "caption": "Ảnh: toàn cảnh", "order": "1"}])
    with_rows(data, "documents", [{"kind": "minutes", "title": "Biên bản", "file": pdf_file(), "order": "1"}])
    response = client_a.post(reverse("backoffice:meeting-create"), data)
    assert response.status_code == 302, response.context and [
        response.context["form"].errors, [f.errors for _t, f in response.context["formsets"]]]
    meeting = Meeting.objects.get(summary="Hội nghị sơ kết của huyện Văn Lãng.")
    assert meeting.filing_unit == world.unit_a and meeting.record_state == RecordState.DRAFT
    assert meeting.created_by == world.officer_a
    assert meeting.attendances.count() == 2 and meeting.agenda_items.count() == 1
    assert meeting.resolutions.count() == 1 and meeting.documents.count() == 1
    assert list(meeting.rankings.values_list("rank", "unit__slug")) == [(1, "huyen-van-lang"), (2, "huyen-loc-binh")]
    photo = meeting.photos.get()
    assert photo.thumbnail and photo.display and photo.display_width == 1200
    assert meeting.transitions.get().to_state == RecordState.DRAFT


def test_officer_cannot_file_for_a_cluster_their_unit_is_not_in(client_a, world):
    response = client_a.post(reverse("backoffice:meeting-create"), record_data(world, cluster_year=world.other_year.pk))
    assert response.status_code == 200
    assert "cluster_year" in response.context["form"].errors
    assert not Meeting.objects.filter(summary="Hội nghị sơ kết của huyện Văn Lãng.").exists()


def test_officer_cannot_file_in_another_units_name(client_a, world):
    response = client_a.post(reverse("backoffice:meeting-create"), record_data(world, filing_unit=world.unit_b.pk))
    assert response.status_code == 200
    assert "filing_unit" in response.context["form"].errors


def test_cluster_choices_are_only_the_officers_clusters(client_a, world):
    form = client_a.get(reverse("backoffice:meeting-create")).context["form"]
    assert list(form.fields["cluster_year"].queryset) == [world.year]
    assert list(form.fields["filing_unit"].queryset) == [world.unit_a]


def test_input_is_kept_when_the_form_has_errors(client_a, world):
    data = record_data(world, date="32/13/2017", venue="Hội trường lớn <giữ nguyên>")
    with_rows(data, "agenda", [{"kind": "item", "title": "Mục đã nhập", "order": "1"}])
    response = client_a.post(reverse("backoffice:meeting-create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert "Hội trường lớn &lt;giữ nguyên&gt;" in body and "Mục đã nhập" in body
    assert "không cần chọn lại" in body  # chosen files are kept (portal.core.pending): the form says so


def test_attendee_needs_a_person_or_an_organisation(client_a, world):
    data = with_rows(record_data(world), "attendances", [{"role": "delegate", "title_as_written": "Chủ tịch",
                                                          "order": "1"}])
    response = client_a.post(reverse("backoffice:meeting-create"), data)
    assert response.status_code == 200
    formset = {f.prefix: f for _t, f in response.context["formsets"]}["attendances"]
    assert formset.errors[0]


def test_officer_edits_a_draft_and_a_returned_record(client_b, world):
    for meeting in (world.draft_b, world.returned_b):
        url = reverse("backoffice:meeting-edit", kwargs={"meeting_id": meeting.pk})
        assert client_b.get(url).status_code == 200
        data = record_data(world, filing_unit=world.unit_b.pk, summary="Đã sửa", host=world.unit_b.pk)
        data.update({f"{p}-INITIAL_FORMS": "0" for p in PREFIXES})
        assert client_b.post(url, data).status_code == 302
        meeting.refresh_from_db()
        assert meeting.summary == "Đã sửa"


@pytest.mark.parametrize("name", ["submitted_b", "approved_b"])
def test_no_edit_after_submitting_unless_returned(client_b, world, name):
    meeting = getattr(world, name)
    url = reverse("backoffice:meeting-edit", kwargs={"meeting_id": meeting.pk})
    assert client_b.get(url).status_code == 302
    client_b.post(url, record_data(world, filing_unit=world.unit_b.pk, summary="Sửa lén"))
    meeting.refresh_from_db()
    assert meeting.summary != "Sửa lén"


def huge_png():
    """A tiny file that claims 20000 × 20000 pixels (a decompression bomb)."""
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")


BAD_IMAGES = {
    "text renamed .jpg": lambda: SimpleUploadedFile("anh.jpg", b"just some text, not a JPEG\n" * 20,
                                                    content_type="image/jpeg"),
    "huge-dimension PNG": huge_png,
    "SVG with script": lambda: SimpleUploadedFile(
        "anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        content_type="image/svg+xml"),
    "SVG renamed .png": lambda: SimpleUploadedFile(
        "anh.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', content_type="image/png"),
}


@pytest.mark.parametrize("kind", BAD_IMAGES)
def test_bad_images_are_refused_with_a_message(client_a, world, kind):
    data = with_rows(record_data(world), "photos", [{"image": BAD_IMAGES[kind](), "alt_text": "Ảnh", "order": "1"}])
    response = client_a.post(reverse("backoffice:meeting-create"), data)
    assert response.status_code == 200
    formset = {f.prefix: f for _t, f in response.context["formsets"]}["photos"]
    assert formset.errors[0]["image"], kind
    assert "ảnh" in " ".join(formset.errors[0]["image"]).lower()
    assert not MeetingPhoto.objects.filter(alt_text="Ảnh").exists()


BAD_DOCUMENTS = {
    "HTML renamed .pdf": lambda: SimpleUploadedFile(
        "bien-ban.pdf", b"<html><body><script>alert(document.cookie)</script></body></html>",
        content_type="application/pdf"),
    "PDF named .docx": lambda: pdf_file("bien-ban.docx"),
    "text file": lambda: SimpleUploadedFile("bien-ban.txt", b"hello", content_type="text/plain"),
}


@pytest.mark.parametrize("kind", BAD_DOCUMENTS)
def test_bad_documents_are_refused_with_a_message(client_a, world, kind):
    data = with_rows(record_data(world), "documents", [{"kind": "minutes", "title": "Biên bản",
                                                        "file": BAD_DOCUMENTS[kind](), "order": "1"}])
    response = client_a.post(reverse("backoffice:meeting-create"), data)
    assert response.status_code == 200
    formset = {f.prefix: f for _t, f in response.context["formsets"]}["documents"]
    assert formset.errors[0]["file"], kind


def test_a_unit_cannot_be_ranked_twice(client_a, world):
    data = with_rows(record_data(world), "rankings", [{"rank": "1", "unit": world.unit_a.pk, "basis": "score"},
                                                      {"rank": "2", "unit": world.unit_a.pk, "basis": "score"}])
    response = client_a.post(reverse("backoffice:meeting-create"), data)
    assert response.status_code == 200
    formset = {f.prefix: f for _t, f in response.context["formsets"]}["rankings"]
    assert formset.non_form_errors() or any(formset.errors)
    assert not Meeting.objects.filter(summary="Hội nghị sơ kết của huyện Văn Lãng.").exists()


def test_a_second_save_of_the_same_record_opened_before_the_first_is_refused(client_a, world):
    """Issue 14, item 4, in the back office: the edit form carries the version it was opened at."""
    response = client_a.post(reverse("backoffice:meeting-create"), record_data(world))
    meeting = Meeting.objects.get(summary="Hội nghị sơ kết của huyện Văn Lãng.")
    edit = reverse("backoffice:meeting-edit", args=[meeting.pk])
    opened = client_a.get(edit).context["form"].initial
    lock = {"lock_version": opened["lock_version"], "lock_snapshot": opened["lock_snapshot"]}
    first = client_a.post(edit, record_data(world, venue="Hội trường A", **lock))
    assert first.status_code == 302
    second = client_a.post(edit, record_data(world, summary="Bản của người thứ hai.", **lock))
    assert second.status_code == 200
    body = second.content.decode()
    assert "Người khác đã lưu" in body and "Hội trường A" in body
    assert "Bản của người thứ hai." in body  # the input is kept
    meeting.refresh_from_db()
    assert meeting.venue == "Hội trường A" and meeting.summary == "Hội nghị sơ kết của huyện Văn Lãng."
    assert response.status_code == 302
