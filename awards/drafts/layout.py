"""The description of a drafted document, independent of any file format.

A `Layout` is a page format plus a sequence of blocks: a `Paragraph` (runs of text, each bold,
italic or underlined, and a size in points), a `Table` (rows of cells, each holding paragraphs,
with or without a grid), and a `PageBreak`. The renderers read nothing else; what a decision's
draft says is decided once, in `awards.drafts.decision`.

Sizes are those of Nghị định 30/2020/NĐ-CP, Phụ lục I: the text in 13–14 pt Times New Roman,
A4 with margins of 20–25 mm top and bottom, 30–35 mm left and 15–20 mm right."""

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify"]

# Dotted blank left for the signer to fill by hand: a fact the record does not hold is never
# guessed in a draft either.
BLANK = "……"
LONG_BLANK = "………………"

FONT_NAME = "Times New Roman"  # named by the decree; the PDF embeds a metric-compatible serif
BODY_SIZE = 14.0


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None  # None: the paragraph's size


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    align: Align = "justify"
    size: float = BODY_SIZE
    first_line_indent_mm: float = 0.0
    space_before_pt: float = 0.0
    space_after_pt: float = 3.0
    keep_with_next: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Cell:
    paragraphs: tuple[Paragraph, ...]
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    """`widths` are fractions of the text width, one per column; each row has cells whose spans
    add up to the number of columns. With `grid`, every cell is ruled (the attached list);
    without, the table only places blocks side by side (the heading, the signature).
    `header_rows` repeat at the top of every page the table runs onto."""

    widths: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]
    grid: bool = False
    header_rows: int = 0
    shaded_rows: frozenset[int] = frozenset()  # group headings in the attached list


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Table | PageBreak


@dataclass(frozen=True)
class PageFormat:
    width_mm: float = 210.0  # A4
    height_mm: float = 297.0
    top_mm: float = 20.0
    bottom_mm: float = 20.0
    left_mm: float = 30.0
    right_mm: float = 15.0

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm


@dataclass(frozen=True)
class Layout:
    title: str  # the file's own title (document properties)
    blocks: tuple[Block, ...]
    page: PageFormat = field(default_factory=PageFormat)

    def paragraphs(self):
        """Every paragraph, in reading order, tables included (for tests and previews)."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        yield from cell.paragraphs


def para(*runs: Run | str, **options) -> Paragraph:
    """A paragraph from runs; a plain string is a run in the paragraph's own style."""
    return Paragraph(tuple(Run(r) if isinstance(r, str) else r for r in runs), **options)
