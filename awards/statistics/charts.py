"""Geometry of the server-drawn SVG bar charts of the statistics pages.

Horizontal bars with the label above each bar: on a 360 px phone the chart scales down as a
whole and the labels stay on one line each, which vertical bars with slanted labels would not.
The template only places what is computed here; no chart library, no script."""

from dataclasses import dataclass

WIDTH = 320  # viewBox units, about the width of a phone's column: text is drawn near its nominal size there
ROW = 44
LABEL_MAX = 40  # characters: the full label is in the data table beside the chart
VALUE_SPACE = 58  # room right of the longest bar for its value


@dataclass
class Bar:
    label: str
    short_label: str
    value: float
    value_text: str
    y_label: int
    y_bar: int
    width: float
    x_value: float


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    height: int
    track: bool  # draw the 100 % track behind each bar (shares)
    width: int = WIDTH
    bar_height: int = 18
    value_header: str = ""

    @property
    def track_width(self) -> int:
        return WIDTH - VALUE_SPACE


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def bar_chart(*, id: str, title: str, description: str, items, maximum=None, value_header="") -> BarChart:
    """items: (label, value, value as written). With `maximum` (100 for percentages) bars are
    drawn against a full-width track; without it the longest bar fills the width."""
    items = list(items)
    top = maximum or max((value for _label, value, _text in items), default=0) or 1
    span = WIDTH - VALUE_SPACE
    bars = []
    for i, (label, value, text) in enumerate(items):
        width = span * (value or 0) / top
        bars.append(Bar(
            label=label, short_label=_short(label), value=value or 0, value_text=text,
            y_label=i * ROW + 16, y_bar=i * ROW + 22, width=round(width, 1), x_value=round(width + 6, 1),
        ))
    return BarChart(id=id, title=title, description=description, bars=bars, height=max(len(bars) * ROW, ROW) + 4,
                    track=maximum is not None, value_header=value_header)
