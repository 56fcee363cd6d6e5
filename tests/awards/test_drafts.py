"""Drafts of a decision in the official format (Nghị định 30/2020/NĐ-CP): the DOCX and the PDF
say the same thing, read back as text; the page is A4 with the decree's margins and font; a fact
the record does not hold is a blank for the signer, never a guess; only staff allowed to see the
decision download them."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from awards.drafts.decision import decision_layout, load_decision
from awards.drafts.render_docx import render_docx
from awards.drafts.render_pdf import render_pdf
from awards.models import DecisionLine, ProposalMemo, SigningForm
from backoffice.roles import OFFICER_GROUP, STAFF_GROUP
from clusters.models import Person, UnitOfficer
from documents.models import Document, DocumentKind

from .conftest import collective, individual

pytestmark = pytest.mark.django_db

NEWS = {"source_kind": "secondary", "source_name": "Báo Lạng Sơn, 21/12/2024"}


@pytest.fixture
def law(db):
    return Document.objects.create(
        kind=DocumentKind.LAW, number="06/2022/QH15", title="Luật Thi đua, khen thưởng", issuer_name="Quốc hội",
        signed_on=datetime.date(2022, 6, 15), is_published=True)


@pytest.fixture
def decision(issue, units, awards, people, law):
    reason = "Đã có thành tích xuất sắc trong phong trào thi đua năm 2024"
    memo = ProposalMemo.objects.create(number_text="245/TTr-SNV", date=datetime.date(2024, 12, 10),
                                       submitting_unit=units["department"])
    made = issue([
        collective(units["ubnd_xa"], awards["provincial_certificate"], unit_text="huyện Văn Lãng",
                   reason=reason),
        individual(people["hoa"], awards["provincial_certificate"], title_text="Chủ tịch",
                   unit_text="UBND xã Hoàng Văn Thụ", reason=reason),
        individual(people["binh"], awards["provincial_certificate"], title_text="Công chức",
                   unit_text="Sở Nội vụ", reason=reason),
    ], number=123, symbol="QĐ-UBND", number_text="123/QĐ-UBND", signer_name="Vi Văn Sơn",
        signer_title="Phó Chủ tịch", signing_form=SigningForm.KT,
        subject_line="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", based_on=[memo])
    return load_decision(made.pk)


def docx_text(data: bytes) -> tuple[WordDocument, str]:
    document = WordDocument(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return document, "\n".join(texts)


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Text extraction breaks lines where the page does: compare words, not lines."""
    return re.sub(r"\s+", " ", text)


def expected_parts(decision) -> list[str]:
    return [
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 123/QĐ-UBND", "Lạng Sơn, ngày 20 tháng 12 năm 2024", "QUYẾT ĐỊNH",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        # the legal basis of the power used (the award rule), named as the library records the law
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
        "Xét đề nghị của Sở Nội vụ tỉnh Lạng Sơn tại Tờ trình số 245/TTr-SNV ngày 10/12/2024.",
        "QUYẾT ĐỊNH:", "Điều 1.", "01 tập thể, 02 cá nhân", "Điều 2.",
        # the signature block
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vi Văn Sơn", "Nơi nhận:", "- Như Điều 2;", "- Lưu: VT.",
        # the attached list
        "DANH SÁCH", "(Kèm theo Quyết định số 123/QĐ-UBND ngày 20/12/2024 của Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn)",
        "I. TẬP THỂ (01)", "II. CÁ NHÂN (02)",
        *[line.name_text for line in decision.lines.all()],
    ]


def test_the_docx_holds_the_number_date_bases_every_line_and_the_signature(decision):
    _document, text = docx_text(render_docx(decision_layout(decision)))
    for part in expected_parts(decision):
        assert flat(part) in flat(text), part
    assert "Hoàng Thị Hoa" in text and "Lường Văn Bình" in text and "UBND xã Hoàng Văn Thụ" in text


def test_the_pdf_holds_the_same_text(decision):
    _reader, text = pdf_text(render_pdf(decision_layout(decision)))
    for part in expected_parts(decision):
        assert flat(part) in flat(text), part


def test_the_docx_page_is_a4_with_the_decrees_margins_in_times_new_roman(decision):
    document, _text = docx_text(render_docx(decision_layout(decision)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if run.text.strip()]
    assert runs and all(run.font.name == "Times New Roman" for run in runs)


def test_the_docx_sets_the_heading_as_the_decree_does(decision):
    document, _text = docx_text(render_docx(decision_layout(decision)))
    heading = document.tables[0]
    runs = {run.text: run for cell in heading._cells for p in cell.paragraphs for run in p.runs}
    assert runs["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].bold
    motto = runs["Độc lập - Tự do - Hạnh phúc"]
    assert motto.bold and motto.underline
    assert runs["Lạng Sơn, ngày 20 tháng 12 năm 2024"].italic


def test_the_pdf_embeds_the_shipped_serif_on_a4(decision):
    reader, _text = pdf_text(render_pdf(decision_layout(decision)))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width) / 72 * 25.4), round(float(page.mediabox.height) / 72 * 25.4)) == (210, 297)
    fonts = {}
    for each in reader.pages:
        for font in each["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    assert any("LiberationSerif" in name for name in fonts), fonts
    assert any("Bold" in name for name in fonts) and any("Italic" in name for name in fonts)
    for name, descriptor in fonts.items():
        assert "LiberationSerif" in name
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_an_unknown_number_and_date_are_blanks_for_the_signer_never_guesses(issue, awards, people):
    made = issue([individual(people["hoa"], awards["provincial_certificate"])], number=None, signed_on=None,
                 achievement_year=2024, **NEWS)
    layout = decision_layout(load_decision(made.pk))
    text = "\n".join(p.text for p in layout.paragraphs())
    assert "Số: ……/QĐ-UBND" in text
    assert "Lạng Sơn, ngày …… tháng …… năm ……" in text
    assert "(Kèm theo Quyết định số ……/QĐ-UBND ngày ……/……/……" in text
    # no signer recorded: a blank under the signing form, no name made up
    assert "………………" in [p.text for p in layout.paragraphs()]
    assert "2024" not in text.split("QUYẾT ĐỊNH")[0]  # the heading invents no year
    for data in (render_docx(layout), render_pdf(layout)):
        assert data


def test_a_basis_the_library_does_not_hold_is_cited_as_the_rule_writes_it(issue, awards, people):
    made = issue([individual(people["hoa"], awards["provincial_certificate"])])
    texts = [p.text for p in decision_layout(load_decision(made.pk)).paragraphs()]
    assert "Căn cứ Luật Thi đua, khen thưởng 06/2022/QH15, Điều 79;" in texts


def test_a_decision_without_recorded_bases_leaves_a_blank_basis(issue, awards, people):
    made = issue([individual(people["hoa"], awards["provincial_certificate"])], number=None, signed_on=None,
                 **NEWS)
    texts = [p.text for p in decision_layout(load_decision(made.pk)).paragraphs()]
    assert "Căn cứ ………………;" in texts
    assert "Xét đề nghị của ………………." in texts


def test_cash_adds_an_article_and_a_column(decision):
    DecisionLine.objects.filter(decision=decision).update(cash_amount=1_170_000,
                                                          fund="Quỹ thi đua, khen thưởng tỉnh")
    texts = flat("\n".join(p.text for p in decision_layout(load_decision(decision.pk)).paragraphs()))
    assert "Điều 2. Tiền thưởng" in texts and "3.510.000 đồng" in texts and "Quỹ thi đua, khen thưởng tỉnh" in texts
    assert "Tiền thưởng (đồng)" in texts and "1.170.000" in texts
    assert "Điều 3. Quyết định này có hiệu lực" in texts and "- Như Điều 3;" in texts


def test_signing_on_behalf_of_the_committee(issue, awards, people):
    made = issue([individual(people["hoa"], awards["provincial_certificate"])], signing_form=SigningForm.TM,
                 signer_name="Hồ Tiến Thiệu", signer_title="Chủ tịch")
    texts = [p.text for p in decision_layout(load_decision(made.pk)).paragraphs()]
    assert "TM. ỦY BAN NHÂN DÂN" in texts and "CHỦ TỊCH" in texts and "Hồ Tiến Thiệu" in texts


def test_the_draft_is_read_in_a_fixed_number_of_queries(decision, django_assert_num_queries, issue, awards):
    staff = [Person.objects.create(full_name=f"Nông Văn {n}", slug=f"nong-van-{n}") for n in range(12)]
    more = issue([individual(person, awards["provincial_certificate"]) for person in staff],
                 achievement_year=2023, based_on=list(decision.based_on.all()))
    # decision, lines, memos, their units, its legal bases, the rules in force, the library's
    # record of their basis
    with django_assert_num_queries(7):
        decision_layout(load_decision(decision.pk))
    with django_assert_num_queries(7):
        decision_layout(load_decision(more.pk))


# --- the admin links -------------------------------------------------------------------------------


def draft_urls(decision):
    return [reverse("admin:awards_decision_draft_docx", args=[decision.pk]),
            reverse("admin:awards_decision_draft_pdf", args=[decision.pk])]


def test_staff_download_both_drafts_as_attachments_named_by_the_slug(client, staff_user, decision):
    client.force_login(staff_user)
    docx_url, pdf_url = draft_urls(decision)
    response = client.get(docx_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith(f'attachment; filename="du-thao-{decision.slug}.docx"')
    assert "123/QĐ-UBND" in docx_text(response.content)[1]
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f'attachment; filename="du-thao-{decision.slug}.pdf"')
    assert "123/QĐ-UBND" in pdf_text(response.content)[1]


def test_the_change_form_links_the_drafts_and_says_where_the_signed_scan_goes(client, staff_user, decision):
    client.force_login(staff_user)
    body = client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    for url in draft_urls(decision):
        assert f'href="{url}"' in body
    assert "Dự thảo (DOCX)" in body and "Dự thảo (PDF)" in body
    assert "bản quét quyết định đã ký" in body


def test_provincial_staff_with_the_view_permission_download(client, django_user_model, decision):
    user = django_user_model.objects.create_user(username="sonoivu", password="x-Secret-123", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(user)
    for url in draft_urls(decision):
        assert client.get(url).status_code == 200, url


def test_staff_without_the_view_permission_are_refused(client, django_user_model, decision):
    user = django_user_model.objects.create_user(username="tin-bai", password="x-Secret-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_award"))
    client.force_login(user)
    for url in draft_urls(decision):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"123/Q" not in response.content


@pytest.mark.parametrize("who", ["officer", "no_role", "anonymous"])
def test_unit_officers_and_the_public_never_get_a_draft(client, django_user_model, decision, units, who):
    if who != "anonymous":
        user = django_user_model.objects.create_user(username=who, password="x-Secret-123")
        if who == "officer":
            user.groups.add(Group.objects.get(name=OFFICER_GROUP))
            UnitOfficer.objects.create(user=user, unit=units["ubnd_tinh"])
        client.force_login(user)
    for url in draft_urls(decision):
        response = client.get(url)
        # the admin sends anyone but staff to its login page; never the file
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("admin:login"))
        assert "Content-Disposition" not in response


def test_a_missing_decision_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("admin:awards_decision_draft_pdf", args=[999999])).status_code == 404




def test_pages_are_numbered_from_the_second_page_centred_in_the_top_margin(decision):
    """Decree 30/2020: no number on the first page, then 2, 3… at the top."""
    reader = PdfReader(io.BytesIO(render_pdf(decision_layout(decision))))
    assert len(reader.pages) >= 2  # the decision, then its attached list

    def top_number(page_number):
        found = []

        def visit(text, cm, tm, font_dict, font_size):
            if text.strip() == str(page_number):
                found.append(tm[5])

        reader.pages[page_number - 1].extract_text(visitor_text=visit)
        return found

    assert top_number(2), "page 2 carries its number"
    heights = top_number(2)
    page_height = float(reader.pages[1].mediabox.height)
    assert max(heights) > page_height - 18 * 72 / 25.4  # within the top margin
    assert not [h for h in top_number(1) if h > page_height - 18 * 72 / 25.4]
    word, _text = docx_text(render_docx(decision_layout(decision)))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
