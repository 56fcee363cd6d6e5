"""Geometry of the cluster page's rank chart, drawn on the server as SVG (no script).

Small multiples: one band per member, years across, rank down (first place at the top of the
band), each point a circle with the rank written in it. A single chart with every member's line
crossing the others needs colours to tell the lines apart and its end labels collide on ties;
bands need neither, and stay legible when the chart shrinks to a 360 px phone. The source of a
year's ranking is told by the marker's shape, not by colour alone: filled for published scoring,
outlined and dashed for a ranking recorded at the meeting. The template only places what is
computed here."""

from __future__ import annotations

from dataclasses import dataclass

from .public_selectors import RankHistory

MIN_WIDTH = 320  # viewBox units, about a phone's column: text is drawn near its nominal size there
MAX_STEP = 96
MIN_STEP = 40
PAD = 12
RADIUS = 10
HEADER = 28
NAME = 24  # the unit's name above its band
BAND = 28  # from first place to the last rank recorded
GAP = 10
LABEL_MAX = 40  # characters: the full name is in the table below the chart


@dataclass
class Point:
    x: float
    y: float
    rank: int
    from_scoring: bool


@dataclass
class Row:
    name: str
    y_name: float
    points: list[Point]
    segments: list[str]  # polyline "x,y x,y" strings, broken where a year has no rank


@dataclass
class YearTick:
    year: int
    x: float


@dataclass
class RankChart:
    width: int
    height: int
    years: list[YearTick]
    rows: list[Row]


def _short(name: str) -> str:
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1].rstrip() + "…"


def rank_chart(history: RankHistory) -> RankChart:
    count = len(history.years)
    step = MAX_STEP
    if count > 1:
        step = min(MAX_STEP, max(MIN_STEP, (MIN_WIDTH - 2 * PAD - 2 * RADIUS) / (count - 1)))
    width = max(MIN_WIDTH, round(2 * PAD + 2 * RADIUS + step * (count - 1)))
    x_of = {column.year: round(PAD + RADIUS + i * step, 1) for i, column in enumerate(history.years)}
    source = {column.year: column.from_scoring for column in history.years}
    lowest = history.max_rank
    row_height = NAME + 2 * RADIUS + BAND + GAP
    rows = []
    for k, line in enumerate(history.units):
        top = HEADER + k * row_height
        band_top = top + NAME + RADIUS
        points, segments, run = [], [], []
        for column in history.years:
            rank = line.ranks.get(column.year)
            if rank is None:
                if len(run) > 1:
                    segments.append(" ".join(run))
                run = []
                continue
            share = (rank - 1) / (lowest - 1) if lowest > 1 else 0.5
            point = Point(x=x_of[column.year], y=round(band_top + share * BAND, 1), rank=rank,
                          from_scoring=source[column.year])
            points.append(point)
            run.append(f"{point.x},{point.y}")
        if len(run) > 1:
            segments.append(" ".join(run))
        rows.append(Row(name=_short(line.name), y_name=top + 16, points=points, segments=segments))
    height = HEADER + len(rows) * row_height
    return RankChart(width=width, height=height, years=[YearTick(year, x) for year, x in x_of.items()], rows=rows)
