"""The filing form as an officer meets it: short at first, every error listed at the top with a
link, rows added on demand (also without JavaScript), files kept across a refused save, and
dates written dd/mm/yyyy."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import DatePrecision, Meeting, MeetingPhoto
from portal.core.models import PendingUpload

from .conftest import image_file, pdf_file
from .test_filing import record_data, with_rows

CREATE = "backoffice:meeting-create"
SUMMARY = "Hội nghị sơ kết của huyện Văn Lãng."


def section(html, prefix):
    match = re.search(rf'<details class="fold" id="section-{prefix}"( open)?>', html)
    assert match, prefix
    return match


def is_open(html, prefix):
    return section(html, prefix)[1] is not None


def token_in(html, name):
    match = re.search(rf'name="{re.escape(name)}__pending" value="([^"]+)"', html)
    assert match, f"no kept upload for {name}"
    return match[1]


# --- short at first ----------------------------------------------------------------------------

def test_a_new_record_opens_with_the_essentials_and_folds_the_rest(client_a, world):
    response = client_a.get(reverse(CREATE))
    html = response.content.decode()
    form = response.context["form"]
    assert [f.name for f in form.essential_fields()] == ["cluster_year", "filing_unit", "kind", "date", "venue",
                                                         "summary"]
    assert form["filing_unit"].value() == world.unit_a.pk  # the officer's only unit, preselected
    for prefix in ("details", "attendances", "agenda", "resolutions", "rankings", "photos", "documents"):
        assert not is_open(html, prefix), prefix
    # no blank rows: rows come on demand
    assert all(f'name="{p}-TOTAL_FORMS" value="0"' in html for p in ("attendances", "photos", "documents"))
    assert 'name="attendances-0-name_as_written"' not in html
    assert html.count('name="add_row"') == 6


def test_sections_holding_data_open_by_themselves(client_b, world):
    html = client_b.get(reverse("backoffice:meeting-edit", args=[world.draft_b.pk])).content.decode()
    for prefix in ("attendances", "agenda", "resolutions", "photos", "documents"):
        assert is_open(html, prefix), prefix
    assert not is_open(html, "rankings")
    assert is_open(html, "details")  # the period and title of the record are filled in


# --- rows on demand, without JavaScript --------------------------------------------------------

def test_add_a_row_shows_the_form_again_with_one_more_row_saving_nothing_and_losing_nothing(client_a, world):
    data = with_rows(record_data(world, venue="Hội trường <giữ nguyên>"), "attendances",
                     [{"role": "delegate", "name_as_written": "Hoàng Văn A", "order": "1"}])
    data["add_row"] = "attendances"
    response = client_a.post(reverse(CREATE), data)
    assert response.status_code == 200
    assert not Meeting.objects.filter(summary=SUMMARY).exists()
    html = response.content.decode()
    assert 'name="attendances-TOTAL_FORMS" value="2"' in html
    assert "Hội trường &lt;giữ nguyên&gt;" in html and 'value="Hoàng Văn A"' in html
    assert is_open(html, "attendances") and not is_open(html, "agenda")
    # not a save: nobody judged it, so no error list; the focus goes to the new row
    assert "error-summary" not in html and "errorlist" not in html
    assert re.search(r'<select name="attendances-1-role"[^>]*autofocus', html)


def test_add_a_row_keeps_a_chosen_photo(client_a, world):
    data = with_rows(record_data(world), "photos", [{"image": image_file(), "alt_text": "Toàn cảnh", "order": "1"}])
    data["add_row"] = "photos"
    html = client_a.post(reverse(CREATE), data).content.decode()
    assert token_in(html, "photos-0-image") and 'name="photos-TOTAL_FORMS" value="2"' in html


def test_an_unknown_section_to_add_a_row_to_is_an_ordinary_save(client_a, world):
    response = client_a.post(reverse(CREATE), record_data(world, add_row="nothing"))
    assert response.status_code == 302


# --- every error at the top, with a link ---------------------------------------------------------

def test_a_refused_save_lists_every_error_at_the_top_with_a_link_to_each_field(client_a, world):
    data = with_rows(record_data(world, date="32/13/2017"), "attendances", [
        {"role": "delegate", "name_as_written": "Hoàng Văn A", "order": "1"},
        {"role": "delegate", "title_as_written": "Chủ tịch", "order": "x"},
    ])
    response = client_a.post(reverse(CREATE), data)
    html = response.content.decode()
    assert response.status_code == 200
    summary = html[html.index('class="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert html.index('class="error-summary"') < html.index('name="cluster_year"')  # at the top
    assert 'role="alert"' in html and 'tabindex="-1"' in html and "autofocus" in summary
    assert 'href="#id_date"' in summary
    assert 'href="#id_attendances-1-order"' in summary
    assert "Thành phần tham dự, hàng 2: " in summary
    assert "Please correct" not in html and "Chưa lưu được" in summary
    assert is_open(html, "attendances")
    assert "js/error-summary.js" in html
    assert html.startswith("<!DOCTYPE html>") and "<title>Lỗi:" in html


def test_an_attendee_written_with_only_a_name_and_a_title_is_accepted(client_a, world):
    data = with_rows(record_data(world), "attendances", [
        {"role": "chair", "name_as_written": "Hoàng Văn Bảy", "title_as_written": "Chủ tịch UBND huyện",
         "order": "1"}])
    response = client_a.post(reverse(CREATE), data)
    assert response.status_code == 302
    attendee = Meeting.objects.get(summary=SUMMARY).attendances.get()
    assert (attendee.name_as_written, attendee.title_as_written) == ("Hoàng Văn Bảy", "Chủ tịch UBND huyện")
    assert attendee.person is None and attendee.organisation == ""


# --- files survive a refused save --------------------------------------------------------------

def test_a_photo_and_a_document_chosen_before_a_refused_save_are_used_by_the_next_save(
        client_a, world, django_capture_on_commit_callbacks):
    data = record_data(world, date="32/13/2017")
    with_rows(data, "photos", [{"image": image_file(size=(800, 600)), "alt_text": "Toàn cảnh", "order": "1"}])
    with_rows(data, "documents", [{"kind": "minutes", "title": "Biên bản", "file": pdf_file(), "order": "1"}])
    refused = client_a.post(reverse(CREATE), data).content.decode()
    photo_token, document_token = token_in(refused, "photos-0-image"), token_in(refused, "documents-0-file")
    assert "bien-ban.pdf" in refused and re.search(r'<img src="/tep/pending/[^"]+" alt=""', refused)
    again = record_data(world)
    with_rows(again, "photos", [{"image__pending": photo_token, "alt_text": "Toàn cảnh", "order": "1"}])
    with_rows(again, "documents", [{"kind": "minutes", "title": "Biên bản", "file__pending": document_token,
                                    "order": "1"}])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(reverse(CREATE), again)
    assert response.status_code == 302
    meeting = Meeting.objects.get(summary=SUMMARY)
    photo = meeting.photos.get()
    assert photo.thumbnail and photo.display_width == 800
    assert meeting.documents.get().file.size > 0
    assert not PendingUpload.objects.exists()


def test_another_officers_token_is_ignored_and_their_thumbnail_is_404(client, world):
    client.force_login(world.officer_a)
    data = with_rows(record_data(world, date="32/13/2017"), "photos",
                     [{"image": image_file(), "alt_text": "Toàn cảnh", "order": "1"}])
    token = token_in(client.post(reverse(CREATE), data).content.decode(), "photos-0-image")
    thumb = PendingUpload.objects.get().thumbnail.url
    assert client.get(thumb).status_code == 200
    client.force_login(world.officer_b)
    assert client.get(thumb).status_code == 404
    stolen = with_rows(record_data(world, filing_unit=world.unit_b.pk), "photos",
                       [{"image__pending": token, "alt_text": "Toàn cảnh", "order": "1"}])
    response = client.post(reverse(CREATE), stolen)
    assert response.status_code == 200
    assert not MeetingPhoto.objects.filter(alt_text="Toàn cảnh").exists()
    assert token not in response.content.decode()


# --- dates as dd/mm/yyyy -----------------------------------------------------------------------

def test_dates_are_text_boxes_that_take_dd_mm_yyyy_and_a_calendar_where_javascript_runs(client_a, world):
    html = client_a.get(reverse(CREATE)).content.decode()
    assert 'type="date"' not in html
    assert re.search(r'<input type="text" name="date"[^>]*placeholder="dd/mm/yyyy"[^>]*data-datepicker', html)
    assert re.search(r'<input type="text" name="reported_on"[^>]*data-datepicker', html)
    assert "js/date-picker.js" in html and 'data-calendar-days="T2,T3,T4,T5,T6,T7,CN"' in html
    assert 'data-calendar-month="Tháng {month} năm {year}"' in html


@pytest.mark.parametrize(("typed", "day", "precision"), [
    ("14/07/2017", datetime.date(2017, 7, 14), DatePrecision.DAY),
    ("07/2017", datetime.date(2017, 7, 1), DatePrecision.MONTH),
    ("2017", datetime.date(2017, 1, 1), DatePrecision.YEAR),
])
def test_a_meeting_date_is_a_day_a_month_or_a_year(client_a, world, typed, day, precision):
    response = client_a.post(reverse(CREATE), record_data(world, date=typed, reported_on="21/07/2017"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(summary=SUMMARY)
    assert (meeting.date, meeting.date_precision) == (day, precision)
    assert meeting.reported_on == datetime.date(2017, 7, 21)
    edit = client_a.get(reverse("backoffice:meeting-edit", args=[meeting.pk])).content.decode()
    assert f'name="date" value="{typed}"' in edit and 'name="reported_on" value="21/07/2017"' in edit


def test_the_page_costs_a_fixed_number_of_queries(client_b, world, django_assert_max_num_queries):
    url = reverse("backoffice:meeting-edit", args=[world.draft_b.pk])
    client_b.get(url)
    with django_assert_max_num_queries(40):
        client_b.get(url)
