"""The staff's printing screens: the decision and line lists send a selection to the print page,
which prints one PDF with the chosen printer profile; the layout preview draws the boxes over the
blank. Only staff allowed to print get a PDF: a unit officer, staff without the permission and
the public never do, and nothing is numbered or logged for them."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from pypdf import PdfReader

from backoffice.roles import OFFICER_GROUP
from certificates.models import CertificateNumber, CertificatePrint
from clusters.models import UnitOfficer

pytestmark = pytest.mark.django_db

PRINT_URL = "admin:certificates_certificateprint_print"


def print_url(**params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse(PRINT_URL)}?{query}"


def preview_url(layout):
    return reverse("admin:certificates_certificatelayout_preview", args=[layout.pk])


def test_staff_print_a_whole_decision_to_one_pdf_with_a_profile(client, staff_user, bang_khen, profile):
    client.force_login(staff_user)
    url = print_url(decisions=bang_khen.pk)
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hoàng Văn Bình" in body and "In lần đầu: 3" in body
    response = client.post(url, {"profile": profile.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 3
    job = CertificatePrint.objects.get()
    assert job.printed_by == staff_user and job.profile == profile and job.items.count() == 3
    # the second time, the page says they are reprints with their numbers
    assert "in lại, số 1/2024" in client.get(url).content.decode()


def test_the_line_list_offers_printing_and_no_bulk_delete(client, staff_user, bang_khen):
    client.force_login(staff_user)
    changelist = reverse("admin:awards_decisionline_changelist")
    body = client.get(changelist).content.decode()
    assert 'value="print_lines"' in body and "In giấy khen/bằng khen" in body
    assert 'value="delete_selected"' not in body
    lines = list(bang_khen.lines.order_by("order", "id")[:2])
    response = client.post(changelist, {"action": "print_lines", "_selected_action": [line.pk for line in lines]})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(PRINT_URL))
    page = client.get(response["Location"]).content.decode()
    assert lines[0].name_text in page and lines[1].name_text in page


def test_the_decision_list_offers_printing(client, staff_user, bang_khen):
    client.force_login(staff_user)
    changelist = reverse("admin:awards_decision_changelist")
    assert 'value="print_decisions"' in client.get(changelist).content.decode()
    response = client.post(changelist, {"action": "print_decisions", "_selected_action": [bang_khen.pk]})
    assert response.status_code == 302 and f"decisions={bang_khen.pk}" in response["Location"]


def test_a_refused_job_says_why_and_prints_nothing(client, staff_user, issue, awards, person_factory, layout):
    from ..awards.conftest import individual

    decision = issue([individual(person_factory("Đinh Văn Sơn"), awards["provincial_certificate"])], confirm=True,
                     number=None, symbol="", signed_on=None, source_kind="secondary",
                     source_name="Báo Lạng Sơn, 21/12/2024")
    client.force_login(staff_user)
    url = print_url(decisions=decision.pk)
    response = client.post(url, {"profile": ""})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "chưa rõ số hoặc ngày ký" in response.content.decode()
    assert not CertificateNumber.objects.exists() and not CertificatePrint.objects.exists()


def test_the_layout_preview_is_a_pdf_over_the_scan(client, staff_user, layout):
    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (297, 210), "#f4e7c5").save(buffer, "PNG")
    layout.blank_scan.save("phoi.png", ContentFile(buffer.getvalue()))
    assert layout.blank_scan.name.startswith("private/certificates/blanks/")
    client.force_login(staff_user)
    listing = client.get(reverse("admin:certificates_certificatelayout_changelist")).content.decode()
    assert preview_url(layout) in listing
    response = client.get(preview_url(layout))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert "Nguyễn Thị Hương" in reader.pages[0].extract_text()
    assert reader.pages[0]["/Resources"]["/XObject"]  # the scan lies under the text
    assert not CertificateNumber.objects.exists()  # a preview numbers nothing


def test_the_layout_form_edits_its_fields(client, staff_user, layout):
    client.force_login(staff_user)
    body = client.get(reverse("admin:certificates_certificatelayout_change", args=[layout.pk])).content.decode()
    assert "fields-TOTAL_FORMS" in body and "Xem trước (PDF)" in body


def _user(django_user_model, who, units):
    user = django_user_model.objects.create_user(username=who, password="x-Secret-123",
                                                 is_staff=who == "staff_without_permission")
    if who == "officer":
        user.groups.add(Group.objects.get(name=OFFICER_GROUP))
        UnitOfficer.objects.create(user=user, unit=units["ubnd_tinh"])
    if who == "staff_without_permission":
        user.user_permissions.add(Permission.objects.get(codename="view_decisionline"))
    return user


@pytest.mark.parametrize("who", ["officer", "staff_without_permission", "anonymous"])
def test_unit_officers_other_staff_and_the_public_get_no_pdf(client, django_user_model, bang_khen, layout, units,
                                                             who):
    if who != "anonymous":
        client.force_login(_user(django_user_model, who, units))
    urls = [print_url(decisions=bang_khen.pk), print_url(lines=bang_khen.lines.first().pk)]
    for url in urls:
        for response in (client.get(url), client.post(url, {"profile": ""})):
            assert response.status_code in (302, 403), url
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("admin:login"))
            assert response.get("Content-Type", "") != "application/pdf"
            assert bang_khen.lines.first().name_text not in response.content.decode()
    response = client.get(preview_url(layout))
    assert response.status_code in (302, 403) and response.get("Content-Type", "") != "application/pdf"
    assert not CertificateNumber.objects.exists() and not CertificatePrint.objects.exists()


def test_the_scan_of_a_blank_is_served_to_staff_only(client, staff_user, layout, django_user_model, units):
    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buffer, "PNG")
    layout.blank_scan.save("phoi.png", ContentFile(buffer.getvalue()))
    url = layout.blank_scan.url
    assert client.get(url).status_code == 404
    client.force_login(_user(django_user_model, "officer", units))
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_a_decisions_page_and_a_lines_page_offer_printing_them(client, staff_user, bang_khen):
    client.force_login(staff_user)
    line = bang_khen.lines.first()
    decision_page = client.get(reverse("admin:awards_decision_change", args=[bang_khen.pk]))
    assert decision_page.status_code == 200 and "print_decisions" in decision_page.content.decode()
    line_page = client.get(reverse("admin:awards_decisionline_change", args=[line.pk]))
    assert line_page.status_code == 200 and "print_lines" in line_page.content.decode()
    assert "delete_selected" not in line_page.content.decode()
    response = client.post(reverse("admin:awards_decisionline_change", args=[line.pk]),
                           {"CHANGE_FORM-action": "print_lines", "_selected_action": [line.pk]})
    assert response.status_code == 302 and response["Location"].endswith(f"lines={line.pk}")
    response = client.post(reverse("admin:awards_decision_change", args=[bang_khen.pk]),
                           {"CHANGE_FORM-action": "print_decisions", "_selected_action": [bang_khen.pk]})
    assert response.status_code == 302 and response["Location"].endswith(f"decisions={bang_khen.pk}")
