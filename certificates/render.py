"""Certificates as a PDF, one per page, with ReportLab: each text placed in its box on the blank.

Why ReportLab: it is BSD-licensed (it ships with this BSD project under no further terms), it
places text at exact positions in points, which printing on a pre-printed blank is all about,
and it embeds TrueType fonts as subsets with their Unicode maps, so every Vietnamese glyph prints
and the PDF reads back as text. The font is Liberation Serif, the free, metric-compatible twin
of Times New Roman shipped in awards/fonts/ under the SIL Open Font License 1.1; its
registration is shared with the decision drafts (awards.drafts.render_pdf).

A text never leaves its box: it is wrapped at spaces (a word wider than the box is cut) and the
largest size that fits, between the field's font size and its smallest size, is found by binary
search on quarter points, measured with ReportLab's stringWidth. If the text does not fit even at
the smallest size, printing is refused (FitError) rather than spilling onto the blank's artwork;
the preview shows such a box in red instead."""

import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from awards.drafts.render_pdf import FACES, FAMILY, register_fonts

# Line spacing as a multiple of the size: above Liberation Serif's ascent + descent (1.107), so
# a line's glyphs stay inside its own slot and the block's height bounds every glyph.
LEADING = 1.15
STEPS_PER_POINT = 4  # the search's resolution: quarter points


@dataclass(frozen=True)
class Box:
    """Where a text may go, in millimetres from the page's top-left corner, and how it is set."""

    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    font_size: float
    min_font_size: float
    bold: bool = False
    italic: bool = False
    align: str = "center"
    label: str = ""  # names the box in messages and on the preview


@dataclass
class Page:
    width_mm: float
    height_mm: float
    texts: list[tuple[Box, str]] = field(default_factory=list)
    label: str = ""  # names the certificate in messages
    background: bytes | None = None  # the scan of the blank, preview only


class FitError(Exception):
    def __init__(self, page: Page, box: Box):
        self.page, self.box = page, box
        super().__init__(_("“%(field)s” of %(certificate)s does not fit its box even at %(size)s pt: widen the box "
                           "or lower its smallest size.") % {
            "field": box.label, "certificate": page.label or "?", "size": f"{box.min_font_size:g}"})


def font_name(bold: bool, italic: bool) -> str:
    return FACES[bool(bold), bool(italic)][0]


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap in points; a newline starts a new line; a word wider than the box is cut."""
    lines = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while stringWidth(word, font, size) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _fits(text: str, box: Box, size: float) -> list[str] | None:
    font = font_name(box.bold, box.italic)
    width, height = box.width_mm * mm, box.height_mm * mm
    lines = wrap(text, font, size, width)
    if len(lines) * size * LEADING > height + 1e-6:
        return None
    if any(stringWidth(line, font, size) > width + 1e-6 for line in lines):
        return None  # a single glyph wider than the box
    return lines


def fit(text: str, box: Box) -> tuple[float, list[str]]:
    """The largest size (in quarter points, between the box's smallest and its own size) at which
    the text fits, and its lines. Raises ValueError when even the smallest size does not fit."""
    high = round(box.font_size * STEPS_PER_POINT)
    low = min(round(box.min_font_size * STEPS_PER_POINT), high)
    lines = _fits(text, box, high / STEPS_PER_POINT)
    if lines is not None:
        return high / STEPS_PER_POINT, lines
    best = _fits(text, box, low / STEPS_PER_POINT)
    if best is None:
        raise ValueError(box.label)
    best_size = low
    high -= 1
    while low < high:  # invariant: `best_size` fits; everything above `high` does not
        middle = (low + high + 1) // 2
        lines = _fits(text, box, middle / STEPS_PER_POINT)
        if lines is None:
            high = middle - 1
        else:
            low, best_size, best = middle, middle, lines
    return best_size / STEPS_PER_POINT, best


def _draw(canvas: Canvas, page_height: float, box: Box, size: float, lines: list[str], dx: float, dy: float):
    font = font_name(box.bold, box.italic)
    left = box.x_mm * mm + dx
    width, height = box.width_mm * mm, box.height_mm * mm
    top = page_height - box.y_mm * mm - dy
    slot = size * LEADING
    ascent, descent = getAscentDescent(font, size)  # descent is negative
    pad = (slot - (ascent - descent)) / 2
    first_top = top - (height - len(lines) * slot) / 2  # the block sits in the middle of its box
    canvas.setFont(font, size)
    for index, line in enumerate(lines):
        baseline = first_top - index * slot - pad - ascent
        if box.align == "left":
            canvas.drawString(left, baseline, line)
        elif box.align == "right":
            canvas.drawRightString(left + width, baseline, line)
        else:
            canvas.drawCentredString(left + width / 2, baseline, line)


def render(pages: list[Page], *, offset_mm: tuple[float, float] = (0, 0), preview: bool = False,
           title: str = "") -> bytes:
    """One page per certificate. `offset_mm` is the printer's calibration (right, down). In the
    preview the scan of the blank lies under the text and every box is outlined; a text that does
    not fit is outlined in red instead of refusing."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=FAMILY, lang="vi-VN")
    canvas.setTitle(title)
    dx, dy = offset_mm[0] * mm, offset_mm[1] * mm
    for page in pages:
        width, height = page.width_mm * mm, page.height_mm * mm
        canvas.setPageSize((width, height))
        if preview and page.background:
            canvas.drawImage(ImageReader(io.BytesIO(page.background)), 0, 0, width, height)
        for box, text in page.texts:
            try:
                size, lines = fit(text, box)
            except ValueError:
                if not preview:
                    raise FitError(page, box) from None
                size, lines = None, []
            if preview:
                canvas.saveState()
                canvas.setStrokeColor(colors.red if size is None else colors.HexColor("#1f6fb2"))
                canvas.setLineWidth(0.4)
                canvas.setDash(2, 2)
                canvas.rect(box.x_mm * mm + dx, height - (box.y_mm + box.height_mm) * mm - dy,
                            box.width_mm * mm, box.height_mm * mm)
                canvas.restoreState()
            if size is not None and lines:
                _draw(canvas, height, box, size, lines, dx, dy)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
