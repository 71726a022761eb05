"""Bar charts drawn on the server: the geometry of an SVG that a template writes out.

No script and no style attribute (the Content Security Policy allows neither): the
template draws rectangles and text at the places worked out here, with SVG's own
presentation attributes. Every chart comes with its numbers as text too (the template's
title, description and a table for screen readers).
"""

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 360, 180  # the viewBox; the SVG scales to the width it is given
LEFT, RIGHT, TOP, BOTTOM = 30, 4, 18, 24  # room for the scale, the values, the labels


@dataclass(frozen=True)
class Bar:
    start: date  # the week's or the month's first day
    value: int
    x: float
    y: float
    width: float
    height: float
    labelled: bool  # whether its date is written under it (not all fit)

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def value_y(self) -> float:
        return round(self.y - 3, 1)  # its count, just above it


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    largest: int
    total: int
    name: str  # the SVG's title and description ids start with it
    date_format: str  # under a bar (Django's date filter)
    row_format: str  # in the table for screen readers
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    baseline: int = HEIGHT - BOTTOM
    label_y: int = HEIGHT - BOTTOM + 14
    scale_x: int = LEFT - 4


def bar_chart(
    points: list[tuple[date, int]],
    *,
    name: str,
    date_format: str = "M",
    row_format: str = "F Y",
    label_every: int = 1,
) -> Chart:
    """Bars for (first day, count) points, oldest first, on one scale from zero to the
    largest count. `label_every`: a date under every n-th bar, counted from the newest."""
    largest = max((value for _, value in points), default=0)
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    room = HEIGHT - TOP - BOTTOM
    bars = []
    for i, (start, value) in enumerate(points):
        height = round(room * value / largest, 1) if largest else 0
        bars.append(
            Bar(
                start=start,
                value=value,
                x=round(LEFT + i * slot + slot * 0.15, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=height,
                labelled=(len(points) - 1 - i) % label_every == 0,
            )
        )
    return Chart(
        bars=bars,
        largest=largest,
        total=sum(value for _, value in points),
        name=name,
        date_format=date_format,
        row_format=row_format,
    )
