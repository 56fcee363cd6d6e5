"""Certificates printed on blanks: every glyph stays inside its box (read back from the PDF's text
positions), Vietnamese reads back as written, register numbers run per kind and year and are
never reused, every print is logged as a first print or a reprint, and a printer's offsets move
the text."""

import io

import pytest
from django.db import IntegrityError
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from awards.models import DecisionLine
from certificates.models import (
    CertificateKind,
    CertificateNumber,
    CertificatePrint,
    CertificatePrintItem,
    LayoutField,
    PrinterProfile,
)
from certificates.render import Box, fit
from certificates.selectors import printable_lines
from certificates.services import PrintRefused, certificates_print

from ..awards.conftest import individual
from .conftest import ACHIEVEMENT, LONG_NAME

pytestmark = pytest.mark.django_db

FACE_BY_SUFFIX = {"LiberationSerif-BoldItalic": "LiberationSerif-BoldItalic", "LiberationSerif-Bold":
                  "LiberationSerif-Bold", "LiberationSerif-Italic": "LiberationSerif-Italic",
                  "LiberationSerif": "LiberationSerif"}


def runs(pdf: bytes, page_number: int = 0) -> list[tuple[str, float, float, str, float]]:
    """(text, x, baseline, font, size) of every text run on a page, as the PDF places it."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if not text.strip():
            return
        base = str(font_dict["/BaseFont"]).split("+", 1)[-1] if font_dict else ""
        scale = tm[0] * cm[0]
        x = tm[4] * cm[0] + cm[4]
        y = tm[5] * cm[3] + cm[5]
        found.append((text.strip("\n"), x, y, base, font_size * scale))

    PdfReader(io.BytesIO(pdf)).pages[page_number].extract_text(visitor_text=visit)
    return found


def boxes(layout, page_height: float, dx_mm=0.0, dy_mm=0.0) -> list[tuple[str, float, float, float, float]]:
    """(source, left, bottom, right, top) in points, as the printer is asked to place them."""
    return [(f.source, (float(f.x_mm) + dx_mm) * mm, page_height - (float(f.y_mm + f.height_mm) + dy_mm) * mm,
             (float(f.x_mm + f.width_mm) + dx_mm) * mm, page_height - (float(f.y_mm) + dy_mm) * mm)
            for f in layout.fields.all()]


def print_lines(lines, user=None, profile=None):
    return certificates_print(lines=printable_lines(line_ids=[line.pk for line in lines]), profile=profile, user=user)


def test_a_60_character_name_and_a_400_character_achievement_keep_every_glyph_inside_their_boxes(bang_khen, layout):
    assert len(LONG_NAME) == 60 and len(ACHIEVEMENT) == 400
    line = bang_khen.lines.get(name_text=LONG_NAME)
    pdf, _job = print_lines([line])
    reader = PdfReader(io.BytesIO(pdf))
    page_height = float(reader.pages[0].mediabox.height)
    assert round(float(reader.pages[0].mediabox.width) / mm) == 297 and round(page_height / mm) == 210  # A4 landscape
    placed = boxes(layout, page_height)
    seen = {}
    for text, x, baseline, font, size in runs(pdf):
        face = FACE_BY_SUFFIX[font]
        ascent, descent = getAscentDescent(face, size)
        right = x + stringWidth(text, face, size)
        inside = [source for source, left, bottom, box_right, top in placed
                  if left - 0.01 <= x and right <= box_right + 0.01
                  and bottom - 0.01 <= baseline + descent and baseline + ascent <= top + 0.01]
        assert inside, f"{text!r} at ({x:.1f}, {baseline:.1f}) leaves every box"
        seen.setdefault(inside[0], []).append((text, size))
    assert " ".join(text for text, _size in seen["name"]) == LONG_NAME
    assert " ".join(text for text, _size in seen["achievement"]) == ACHIEVEMENT
    # they had to shrink, but not below the layout's smallest sizes
    name_field, achievement_field = layout.fields.get(source="name"), layout.fields.get(source="achievement")
    assert len({size for _text, size in seen["achievement"]}) == 1  # one size for the whole text
    assert float(achievement_field.min_font_size) <= seen["achievement"][0][1] < float(achievement_field.font_size)
    assert float(name_field.min_font_size) <= seen["name"][0][1] <= float(name_field.font_size)


def test_vietnamese_reads_back_as_written_in_the_embedded_serif(bang_khen):
    pdf, _job = print_lines(bang_khen.lines.all())
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3  # one certificate per page
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Nguyễn Thị Hương", "Hoàng Văn Bình", "Lường Thị Mai", "Sở Nội vụ tỉnh Lạng Sơn",
                     f"Quyết định số {bang_khen.number_text} ngày 20/12/2024", "Lạng Sơn, ngày 20 tháng 12 năm 2024",
                     "CHỦ TỊCH", "Hồ Tiến Thiệu", "Số vào sổ: 1/2024"):
        assert expected in text, expected
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded, not named
    assert fonts <= set(FACE_BY_SUFFIX) and "LiberationSerif-Bold" in fonts


def test_the_fit_is_the_largest_quarter_point_size_that_fits():
    box = Box(x_mm=0, y_mm=0, width_mm=60, height_mm=10, font_size=30, min_font_size=6)
    size, lines = fit("Nguyễn Thị Hương Tôn Nữ Hoàng Phương", box)
    assert 6 <= size < 30
    with pytest.raises(ValueError):
        fit("x" * 2000, Box(x_mm=0, y_mm=0, width_mm=20, height_mm=5, font_size=12, min_font_size=10))
    from certificates.render import _fits

    assert _fits("Nguyễn Thị Hương Tôn Nữ Hoàng Phương", box, size) is not None
    assert _fits("Nguyễn Thị Hương Tôn Nữ Hoàng Phương", box, size + 0.25) is None


def test_register_numbers_run_per_kind_and_year_and_a_reprint_keeps_its_number(
        bang_khen, issue, awards, person_factory, roles, units, giay_khen_layout):
    first, second, third = bang_khen.lines.order_by("order", "id")
    print_lines([second])
    print_lines([first, third])
    numbers = {line.pk: (n.kind, n.year, n.number) for n in CertificateNumber.objects.all() if (line := n.line)}
    assert numbers[second.pk] == ("bang_khen", 2024, 1)
    assert numbers[first.pk] == ("bang_khen", 2024, 2) and numbers[third.pk] == ("bang_khen", 2024, 3)

    # a reprint keeps its number and gives no new one
    pdf, _job = print_lines([second])
    assert "Số vào sổ: 1/2024" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert CertificateNumber.objects.count() == 3

    # another year and another kind count from 1
    later = issue([individual(person_factory("Nông Văn Tú"), awards["provincial_certificate"])], confirm=True,
                  signed_on=__import__("datetime").date(2025, 3, 2), achievement_year=2024)
    giay_khen = issue([individual(person_factory("Vi Thị Lan"), awards["certificate_of_commendation"])],
                      confirm=True, issuer_role=roles["commune_chair"], issuer_unit=units["ubnd_xa"])
    print_lines([*later.lines.all(), *giay_khen.lines.all()])
    assert CertificateNumber.objects.get(line__decision=later).number == 1
    assert CertificateNumber.objects.get(line__decision=giay_khen).kind == CertificateKind.GIAY_KHEN
    assert CertificateNumber.objects.get(line__decision=giay_khen).number == 1


def test_a_number_is_never_given_again_even_when_its_line_is_gone(bang_khen):
    first, second, third = bang_khen.lines.order_by("order", "id")
    print_lines([first, second])
    DecisionLine.objects.filter(pk=second.pk).delete()
    entry = CertificateNumber.objects.get(number=2)
    assert entry.line is None and entry.name_text == "Hoàng Văn Bình"  # the register keeps what was printed
    print_lines([third])
    assert CertificateNumber.objects.get(line=third).number == 3


def test_the_database_refuses_a_number_twice(bang_khen):
    first, second, _third = bang_khen.lines.order_by("order", "id")
    print_lines([first])
    with pytest.raises(IntegrityError):
        CertificateNumber.objects.create(kind="bang_khen", year=2024, number=1, line=second, name_text="x",
                                         award_text="x", decision_text="x")


def test_every_print_is_logged_as_first_print_or_reprint(bang_khen, staff_user, profile):
    first, second, _third = bang_khen.lines.order_by("order", "id")
    _pdf, job = print_lines([first], user=staff_user, profile=profile)
    _pdf, again = print_lines([first, second], user=staff_user)
    assert job.printed_by == staff_user and job.profile_name == profile.name
    assert [(item.line, item.is_reprint) for item in job.items.all()] == [(first, False)]
    assert [(item.line, item.is_reprint) for item in again.items.order_by("id")] == [(first, True), (second, False)]
    assert again.profile is None and again.x_offset_mm == 0
    assert CertificatePrint.objects.count() == 2 and CertificatePrintItem.objects.count() == 3


def test_a_printer_profiles_offsets_move_every_text(bang_khen):
    line = bang_khen.lines.order_by("order", "id")[1]
    shifted = PrinterProfile.objects.create(name="Máy lệch", x_offset_mm=5, y_offset_mm=3)
    plain, _job = print_lines([line])
    moved, _job = print_lines([line], profile=shifted)
    before, after = runs(plain), runs(moved)
    assert [text for text, *_ in before] == [text for text, *_ in after]
    for (_t, x0, y0, *_a), (_u, x1, y1, *_b) in zip(before, after, strict=True):
        assert x1 - x0 == pytest.approx(5 * mm, abs=0.01)
        assert y1 - y0 == pytest.approx(-3 * mm, abs=0.01)  # down the sheet


def test_a_text_that_cannot_fit_refuses_the_job_and_spends_no_number(bang_khen, layout):
    LayoutField.objects.filter(layout=layout, source="achievement").update(height_mm=5, min_font_size=14)
    first, second, _third = bang_khen.lines.order_by("order", "id")
    with pytest.raises(PrintRefused) as refused:
        print_lines([second, first])
    assert "không vừa" in refused.value.messages[0] or "fit" in refused.value.messages[0]
    assert not CertificateNumber.objects.exists() and not CertificatePrint.objects.exists()


def test_a_decision_known_only_from_the_news_is_not_printed(issue, awards, person_factory, layout):
    decision = issue([individual(person_factory("Đinh Văn Sơn"), awards["provincial_certificate"])], confirm=True,
                     number=None, symbol="", signed_on=None, source_kind="secondary",
                     source_name="Báo Lạng Sơn, 21/12/2024")
    with pytest.raises(PrintRefused):
        print_lines(decision.lines.all())
    assert not CertificateNumber.objects.exists()


def test_a_flag_is_not_printed_but_the_titles_of_the_same_category_are(issue, awards, units):
    from certificates import selectors
    from certificates.models import CertificateLayout

    titles = CertificateLayout.objects.create(name="Giấy chứng nhận danh hiệu", kind=CertificateKind.TITLE)
    decision = issue([
        {"subject_type": "collective", "unit": units["ubnd_huyen"], "name_text": "UBND huyện Văn Lãng",
         "award": awards["provincial_emulation_flag"], "confirmation_reason": "Hội đồng đã xét"},
        {"subject_type": "collective", "unit": units["ubnd_xa"], "name_text": "UBND xã Hoàng Văn Thụ",
         "award": awards["excellent_labour_collective"], "member_count": 10, "advanced_worker_share": 80},
    ], confirm=True)
    flag, title = printable_lines(decision_ids=[decision.pk]).order_by("order", "id")
    layouts = selectors.active_layouts()
    assert selectors.layout_for(flag, layouts) is None
    assert selectors.layout_for(title, layouts) == titles
