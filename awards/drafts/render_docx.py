"""A layout as a Word document (DOCX), with python-docx (MIT): the file staff open, correct if
they must, print and have signed.

The text is set in Times New Roman, the font Nghị định 30/2020/NĐ-CP names; the file only names
it (Word, LibreOffice and every office machine in the province have it or a metric twin), it
does not embed it."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .layout import FONT_NAME, Layout, PageBreak, Paragraph, Table

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
SHADE = "E7E6E6"


def _name_font(rpr_owner) -> None:
    """Times New Roman for every script slot of the run properties: Word picks the east-Asian or
    complex-script slot for some Vietnamese letters when only the ASCII one is named."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT_NAME)


def _write_paragraph(target, block: Paragraph) -> None:
    target.alignment = ALIGN[block.align]
    fmt = target.paragraph_format
    fmt.space_before, fmt.space_after = Pt(block.space_before_pt), Pt(block.space_after_pt)
    if block.first_line_indent_mm:
        fmt.first_line_indent = Mm(block.first_line_indent_mm)
    fmt.keep_with_next = block.keep_with_next or None
    for run in block.runs:
        out = target.add_run(run.text)
        out.bold, out.italic, out.underline = run.bold or None, run.italic or None, run.underline or None
        out.font.name = FONT_NAME
        out.font.size = Pt(run.size or block.size)
        _name_font(out._element)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _shade(cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), SHADE)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _write_table(document, block: Table, text_width_mm: float) -> None:
    columns = len(block.widths)
    table = document.add_table(rows=len(block.rows), cols=columns)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if block.grid:
        table.style = document.styles["Table Grid"]
    else:
        _no_borders(table)
    widths = [Mm(text_width_mm * fraction) for fraction in block.widths]
    for row_index, row in enumerate(block.rows):
        out_row = table.rows[row_index]
        if row_index < block.header_rows:
            _repeat_as_header(out_row)
        column = 0
        for cell in row:
            target = out_row.cells[column]
            if cell.colspan > 1:
                target = target.merge(out_row.cells[column + cell.colspan - 1])
            target.width = sum(widths[column:column + cell.colspan], Mm(0))
            if row_index in block.shaded_rows:
                _shade(target)
            for index, paragraph in enumerate(cell.paragraphs):
                out = target.paragraphs[0] if index == 0 else target.add_paragraph()
                _write_paragraph(out, paragraph)
            column += cell.colspan
    for index, width in enumerate(widths):
        table.columns[index].width = width
    # a paragraph after a table keeps the next table (or the page break) from merging into it
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(0)


def _page_numbers_from_the_second_page(section) -> None:
    """Decree 30/2020: the page number, centred in the top margin, from the second page on (Word
    fills the PAGE field; the first page's header is left empty)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def render_docx(layout: Layout) -> bytes:
    document = Document()
    section = document.sections[0]
    page = layout.page
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    _page_numbers_from_the_second_page(section)
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(14)
    _name_font(normal.element)
    document.core_properties.title = layout.title
    document.core_properties.language = "vi-VN"
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            _write_paragraph(document.add_paragraph(), block)
        elif isinstance(block, Table):
            _write_table(document, block, page.text_width_mm)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
