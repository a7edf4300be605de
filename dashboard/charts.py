"""Server-rendered bar charts: the geometry of one SVG per figure.

Each bar has its label above it and its value after it, in a viewBox 320 units
wide, so the text stays readable from a phone (where one unit is about a pixel)
to a wide screen (where the chart is at most 30rem wide). The SVG is an image
with a title and a description; the table beside it has the same numbers.
"""

from dataclasses import dataclass

from .figures import Figure, Suppressed, format_cell

WIDTH = 320
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
GAP = 10
# Room after the longest bar for its value.
VALUE_ROOM = 90


@dataclass
class Bar:
    label: str
    value: str
    label_y: int
    bar_y: int
    width: float
    value_x: float
    value_y: int


@dataclass
class Chart:
    height: int
    bars: list[Bar]


def chart_for(figure: Figure) -> Chart | None:
    """The bars of the figure's chart column, or None when there is nothing to draw."""
    if figure.chart is None or not figure.rows:
        return None
    column = figure.chart
    values = [
        None if isinstance(row[column], Suppressed) or row[column] is None else float(row[column])
        for row in figure.rows
    ]
    largest = max((value for value in values if value is not None), default=0)
    if not largest:
        return None
    room = WIDTH - VALUE_ROOM
    bars = []
    y = 0
    for number, (row, value) in enumerate(zip(figure.rows, values, strict=True)):
        width = 0.0 if value is None else round(room * value / largest, 1)
        bars.append(
            Bar(
                label=str(row[0]),
                value=format_cell(row[column], figure.kind_of(number, column)),
                label_y=y + 13,
                bar_y=y + LABEL_HEIGHT,
                width=max(width, 1.0) if value else 0.0,
                value_x=width + 6,
                value_y=y + LABEL_HEIGHT + 11,
            )
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return Chart(height=y, bars=bars)
