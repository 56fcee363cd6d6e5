"""The public consultation pages (R9): only published consultations are seen; a consultation's
page shows its nominees and nothing of their dossiers; comments go through a form of its own,
checked against bots and rate-limited; a consultation closes itself after its end date, and the
page cache expires when one opens or closes."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nominations import consultation_selectors as selectors
from nominations import services
from nominations.models import Consultation, ConsultationComment
from portal.core import pagecache

from .conftest import add_line, make_dossier, pdf_file
from .html_check import html_problems

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def open_consultation(world, names, *, slug="lay-y-kien-2025", published_on=None, title=None, **line_fields):
    dossier = make_dossier(world)
    lines = [add_line(dossier, world.locbinh, name, "prime_minister_certificate", **line_fields) for name in names]
    return services.consultation_open(
        user=world.staff, title=title or f"Lấy ý kiến nhân dân {slug}", slug=slug, lines=lines,
        published_on=published_on or TODAY, intro="Đề nghị tặng Bằng khen của Thủ tướng Chính phủ.")


def set_dates(consultation, *, published_on, ends_on):
    Consultation.objects.filter(pk=consultation.pk).update(
        published_on=published_on, starts_on=published_on + DAY, ends_on=ends_on)
    consultation.refresh_from_db()


def close(consultation):
    set_dates(consultation, published_on=TODAY - 20 * DAY, ends_on=TODAY - DAY)


def form_data(client, consultation, **changes):
    """What a person types into the form just fetched, with the right answer to its question."""
    form = client.get(reverse("nominations:comment_form", kwargs={"slug": consultation.slug})).context["form"]
    data = {"name": "Nguyễn Thị Lan", "contact": "0912 345 678", "line": "", "text": "Tôi đồng ý với đề nghị.",
            "answer": str(sum(form.question)), "token": form.initial["token"], "website": ""}
    data.update(changes)
    return data


def queries(client, url):
    client.get(url)  # the site's context (footer, links) is cached after the first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


# --- the list and the page ----------------------------------------------------------------------


def test_list_shows_published_consultations_open_first_with_their_dates(client, site_profile, world):
    closed = open_consultation(world, ["Lương Văn Cũ"], slug="da-xong", title="Đợt đã xong")
    close(closed)
    running = open_consultation(world, ["Lương Văn Mới"], slug="dang-mo", title="Đợt đang mở",
                                published_on=TODAY - 2 * DAY)
    open_consultation(world, ["Lương Văn Sắp"], slug="sap-toi", title="Đợt chưa công bố", published_on=TODAY + 3 * DAY)
    response = client.get(reverse("nominations:consultation_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đợt chưa công bố" not in body
    assert body.index("Đợt đang mở") < body.index("Đợt đã xong")
    assert f"{running.starts_on:%d/%m/%Y}" in body and f"{running.ends_on:%d/%m/%Y}" in body
    assert f"{closed.ends_on:%d/%m/%Y}" in body
    assert "Đang lấy ý kiến" in body and "Đã kết thúc" in body


def test_consultation_page_shows_the_nominees_and_the_way_to_comment(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"], title_text="Trưởng phòng",
                                     unit_text="Phòng Nội vụ huyện Lộc Bình",
                                     achievement_summary="Ba năm liền Chiến sĩ thi đua cơ sở.")
    response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    for text in ("Hoàng Thị Hoa", "Trưởng phòng", "Phòng Nội vụ huyện Lộc Bình", "Ba năm liền Chiến sĩ thi đua cơ sở.",
                 "Bằng khen của Thủ tướng Chính phủ", f"{consultation.starts_on:%d/%m/%Y}",
                 f"{consultation.ends_on:%d/%m/%Y}"):
        assert text in body
    assert reverse("nominations:comment_form", kwargs={"slug": consultation.slug}) in body
    assert "csrfmiddlewaretoken" not in body and "csrftoken" not in response.cookies  # stays in the page cache


def test_page_never_shows_report_files_contacts_or_other_consultations(client, site_profile, world):
    shown = open_consultation(world, ["Hoàng Thị Hoa"], achievement_report=pdf_file())
    other = open_consultation(world, ["Người Đợt Khác"], slug="dot-khac")
    line = shown.lines.get()
    services.comment_add(consultation=shown, name="Người góp ý", contact="gopy@example.invalid", text="Đồng ý",
                         address="10.0.0.1", line=line)
    body = client.get(shown.get_absolute_url()).content.decode()
    assert line.achievement_report.name and line.achievement_report.name not in body
    assert "/tep/" not in body and ".pdf" not in body
    assert "gopy@example.invalid" not in body and "Người góp ý" not in body
    dossier = line.dossier
    assert dossier.memo_number not in body and dossier.memo_signer not in body and dossier.summary not in body
    assert "Người Đợt Khác" not in body and other.title not in body


@pytest.mark.parametrize("when", ["future", "unpublished", "unknown"])
def test_consultations_not_yet_published_are_not_found(client, site_profile, world, when):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"], published_on=TODAY + 2 * DAY)
    if when == "unpublished":
        Consultation.objects.filter(pk=consultation.pk).update(published_on=None, starts_on=None, ends_on=None)
    slug = "khong-co" if when == "unknown" else consultation.slug
    for name in ("consultation", "comment_form", "comment_sent"):
        assert client.get(reverse(f"nominations:{name}", kwargs={"slug": slug})).status_code == 404
    assert "Hoàng Thị Hoa" not in client.get(reverse("nominations:consultation_list")).content.decode()


def test_query_count_does_not_grow_with_the_nominees(client, site_profile, world):
    small = open_consultation(world, ["Một", "Hai"], slug="nho")
    big = open_consultation(world, [f"Người {n}" for n in range(12)], slug="lon")
    assert queries(client, big.get_absolute_url()) == queries(client, small.get_absolute_url())
    list_url = reverse("nominations:consultation_list")
    few = queries(client, list_url)
    for n in range(10):
        open_consultation(world, ["Thêm"], slug=f"them-{n}")
    assert queries(client, list_url) == few
    form_small = queries(client, reverse("nominations:comment_form", kwargs={"slug": small.slug}))
    assert queries(client, reverse("nominations:comment_form", kwargs={"slug": big.slug})) == form_small


def test_pages_are_well_formed_html(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa", "Lương Văn C"])
    form_url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    pages = [reverse("nominations:consultation_list"), consultation.get_absolute_url(), form_url,
             reverse("nominations:comment_sent", kwargs={"slug": consultation.slug})]
    for url in pages:
        assert html_problems(client.get(url).content.decode()) == [], url
    refused = client.post(form_url, form_data(client, consultation, name="", answer="999"))
    assert html_problems(refused.content.decode()) == []
    close(consultation)
    assert html_problems(client.get(form_url).content.decode()) == []


def test_menu_and_sitemap_lead_to_the_consultations(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    hidden = open_consultation(world, ["Lương Văn C"], slug="sau-nay", published_on=TODAY + 5 * DAY)
    body = client.get(reverse("home")).content.decode()
    assert 'href="/lay-y-kien/"' in body
    text = client.get("/sitemap.xml").content.decode()
    if "sitemap-" in text and consultation.get_absolute_url() not in text:
        text = client.get("/sitemap-consultations.xml").content.decode()
    assert consultation.get_absolute_url() in text and hidden.get_absolute_url() not in text


# --- the comment form ---------------------------------------------------------------------------


def test_a_comment_is_saved_and_answered_with_a_thank_you_page(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    line = consultation.lines.get()
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    response = client.post(url, form_data(client, consultation, line=str(line.pk)))
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:comment_sent", kwargs={"slug": consultation.slug})
    comment = ConsultationComment.objects.get()
    assert (comment.consultation, comment.line, comment.name, comment.contact) == (
        consultation, line, "Nguyễn Thị Lan", "0912 345 678")
    assert comment.sender_key == services.sender_key("127.0.0.1")
    assert "Cảm ơn" in client.get(response["Location"]).content.decode()


def test_the_form_offers_only_this_consultations_nominees(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    other = open_consultation(world, ["Người Đợt Khác"], slug="dot-khac")
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    body = client.get(url).content.decode()
    assert "Hoàng Thị Hoa" in body and "Người Đợt Khác" not in body
    response = client.post(url, form_data(client, consultation, line=str(other.lines.get().pk)))
    assert response.status_code == 200 and not ConsultationComment.objects.exists()


def test_a_wrong_answer_saves_nothing_and_asks_a_new_question(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    data = form_data(client, consultation)
    data["answer"] = str(int(data["answer"]) + 1)
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ConsultationComment.objects.exists()
    body = response.content.decode()
    assert 'class="error-summary"' in body and "Chưa đúng" in body
    form = response.context["form"]
    assert form["answer"].value() == "" and form["token"].value() != data["token"]
    assert "Nguyễn Thị Lan" in body  # what was typed is kept


def test_a_forged_question_is_refused(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    response = client.post(url, form_data(client, consultation, token="[1,1]:forged", answer="2"))
    assert response.status_code == 200 and not ConsultationComment.objects.exists()


def test_a_filled_trap_field_saves_nothing(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    response = client.post(url, form_data(client, consultation, website="http://spam.example"))
    assert response.status_code == 302  # the bot is told nothing
    assert not ConsultationComment.objects.exists()


def test_a_fourth_comment_within_ten_minutes_is_refused_kindly(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    for _n in range(3):
        assert client.post(url, form_data(client, consultation)).status_code == 302
    response = client.post(url, form_data(client, consultation))
    assert response.status_code == 429
    assert ConsultationComment.objects.count() == 3
    assert "thử lại sau" in response.content.decode()
    other_sender = client.post(url, form_data(client, consultation), REMOTE_ADDR="192.0.2.7")
    assert other_sender.status_code == 302


def test_bad_input_is_an_error_never_a_crash(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    for changes in ({"contact": "không có"}, {"line": "abc"}, {"line": "999999"}, {"text": "x" * 6000},
                    {"name": "a\x00b"}, {"token": ""}, {"answer": "9" * 50}):
        response = client.post(url, form_data(client, consultation, **changes))
        assert response.status_code == 200, changes
        assert 'class="error-summary"' in response.content.decode()
    assert not ConsultationComment.objects.exists()
    assert client.post(url, {}).status_code == 200


def test_a_closed_consultation_says_so_and_refuses_comments(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    data = form_data(client, consultation)
    close(consultation)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "đã kết thúc" in page and url not in page
    response = client.post(url, data)
    assert response.status_code == 200 and not ConsultationComment.objects.exists()
    body = response.content.decode()
    assert "đã kết thúc" in body and "<form method=\"post\"" not in body
    assert "<textarea" not in client.get(url).content.decode()


def test_the_last_day_is_still_open(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    set_dates(consultation, published_on=TODAY - 14 * DAY, ends_on=TODAY)
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    assert client.post(url, form_data(client, consultation)).status_code == 302


# --- the page cache -----------------------------------------------------------------------------


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def test_cached_pages_expire_when_a_consultation_opens_or_closes(world):
    assert selectors.consultation_next_change in pagecache._PROVIDERS
    now = timezone.now()
    assert selectors.consultation_next_change(now) is None
    running = open_consultation(world, ["Hoàng Thị Hoa"], slug="dang-mo")
    set_dates(running, published_on=TODAY - 5 * DAY, ends_on=TODAY + 4 * DAY)
    assert selectors.consultation_next_change(now) == _midnight(TODAY + 5 * DAY)  # the day after it ends
    coming = open_consultation(world, ["Lương Văn C"], slug="sap-toi", published_on=TODAY + 2 * DAY)
    assert selectors.consultation_next_change(now) == _midnight(coming.published_on)
    set_dates(running, published_on=TODAY - 14 * DAY, ends_on=TODAY)
    assert selectors.consultation_next_change(now) == _midnight(TODAY + DAY)  # closes at tonight's midnight


def test_the_consultation_page_is_kept_by_the_page_cache_and_the_form_is_not(client, site_profile, world, settings):
    settings.PAGE_CACHE_SECONDS = 600
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = consultation.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    form_url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    assert "X-Page-Cache" not in client.get(form_url)  # its CSRF token is this visitor's


def test_comment_contact_must_be_a_phone_or_an_e_mail(client, site_profile, world):
    consultation = open_consultation(world, ["Hoàng Thị Hoa"])
    url = reverse("nominations:comment_form", kwargs={"slug": consultation.slug})
    for contact in ("lan@example.invalid", "+84 912.345.678", "(025) 3.812.110"):
        assert client.post(url, form_data(client, consultation, contact=contact),
                           REMOTE_ADDR=contact).status_code == 302, contact
    response = client.post(url, form_data(client, consultation, contact="12"))
    assert re.search(r"thư điện tử|điện thoại", response.content.decode())
    assert ConsultationComment.objects.count() == 3
