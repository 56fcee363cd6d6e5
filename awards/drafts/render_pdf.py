"""A layout as a PDF, with ReportLab, for staff who print the draft as it is.

Why ReportLab: it is BSD-licensed, so it ships with this BSD project under no further terms
(fpdf2, the other pure-Python candidate, is LGPL-3.0); it embeds TrueType fonts as subsets with
their Unicode maps (the PDF reads and searches as Vietnamese text), and places text at exact
positions in points, which the certificates printed on pre-printed blanks will need as well. Its
Platypus layer wraps paragraphs, splits long tables across pages and repeats their heading rows.

The decree names Times New Roman, which may not be redistributed; the PDF embeds Liberation
Serif instead, metric-compatible with it (the same widths, so the lines break where Word breaks
them), shipped in awards/fonts/ under the SIL Open Font License 1.1 (awards/fonts/OFL.txt)."""

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak as FlowBreak
from reportlab.platypus import Paragraph as FlowParagraph
from reportlab.platypus import SimpleDocTemplate, TableStyle
from reportlab.platypus import Table as FlowTable

from .layout import Layout, PageBreak, Paragraph, Table

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "LiberationSerif"
FACES = {  # (bold, italic) -> registered name, file
    (False, False): (FAMILY, "LiberationSerif-Regular.ttf"),
    (True, False): (f"{FAMILY}-Bold", "LiberationSerif-Bold.ttf"),
    (False, True): (f"{FAMILY}-Italic", "LiberationSerif-Italic.ttf"),
    (True, True): (f"{FAMILY}-BoldItalic", "LiberationSerif-BoldItalic.ttf"),
}
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
SHADE = colors.HexColor("#E7E6E6")
LEADING = 1.2  # single line spacing of a serif


def register_fonts() -> None:
    """Register the shipped faces once per process, as one family so <b> and <i> find them."""
    if FAMILY in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in FACES.values():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(FAMILY, normal=FACES[False, False][0], bold=FACES[True, False][0],
                                  italic=FACES[False, True][0], boldItalic=FACES[True, True][0])


def _markup(block: Paragraph) -> str:
    parts = []
    for run in block.runs:
        text = escape(run.text)
        if run.underline:
            text = f"<u>{text}</u>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        if run.size and run.size != block.size:
            text = f'<font size="{run.size}">{text}</font>'
        parts.append(text)
    return "".join(parts) or "&nbsp;"


def _flow_paragraph(block: Paragraph) -> FlowParagraph:
    style = ParagraphStyle(
        "draft", fontName=FAMILY, fontSize=block.size, leading=block.size * LEADING, alignment=ALIGN[block.align],
        firstLineIndent=block.first_line_indent_mm * mm, spaceBefore=block.space_before_pt,
        spaceAfter=block.space_after_pt, keepWithNext=int(block.keep_with_next),
    )
    return FlowParagraph(_markup(block), style)


def _flow_table(block: Table, text_width: float) -> FlowTable:
    columns = len(block.widths)
    data = []
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for row_index, row in enumerate(block.rows):
        out, column = [], 0
        for cell in row:
            out.append([_flow_paragraph(p) for p in cell.paragraphs])
            if cell.colspan > 1:
                commands.append(("SPAN", (column, row_index), (column + cell.colspan - 1, row_index)))
                out += [""] * (cell.colspan - 1)
            column += cell.colspan
        out += [""] * (columns - len(out))
        data.append(out)
        if row_index in block.shaded_rows:
            commands.append(("BACKGROUND", (0, row_index), (-1, row_index), SHADE))
    if block.grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    else:
        commands += [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
    table = FlowTable(data, colWidths=[text_width * fraction for fraction in block.widths],
                      repeatRows=block.header_rows, hAlign="CENTER")
    table.setStyle(TableStyle(commands))
    return table


def render_pdf(layout: Layout) -> bytes:
    register_fonts()
    page = layout.page
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=(page.width_mm * mm, page.height_mm * mm), topMargin=page.top_mm * mm,
        bottomMargin=page.bottom_mm * mm, leftMargin=page.left_mm * mm, rightMargin=page.right_mm * mm,
        title=layout.title, lang="vi-VN", invariant=True,
        # the canvas starts in Helvetica, never embedded: start it in ours, so that the file names
        # no font it does not carry
        initialFontName=FAMILY,
    )
    text_width = page.text_width_mm * mm
    story = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            story.append(_flow_paragraph(block))
        elif isinstance(block, Table):
            story.append(_flow_table(block, text_width))
        elif isinstance(block, PageBreak):
            story.append(FlowBreak())
    document.build(story, onLaterPages=_page_number)
    return buffer.getvalue()


def _page_number(canvas, document) -> None:
    """Decree 30/2020: from the second page on, the page number in Arabic numerals, centred in the
    top margin (the first page has none)."""
    canvas.saveState()
    canvas.setFont(FACES[False, False][0], 13)
    centre = document.leftMargin + document.width / 2
    canvas.drawCentredString(centre, document.pagesize[1] - document.topMargin / 2, str(document.page))
    canvas.restoreState()
