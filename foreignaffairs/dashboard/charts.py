"""Bar charts as server-rendered SVG geometry: no JavaScript, no CDN, readable offline and by screen readers.

A view computes the bars here; templates/dashboard/_bar_chart.html draws them and repeats the numbers in a
table, so the chart is never the only place a figure lives.
"""

from dataclasses import dataclass
from typing import Any

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
PLOT_WIDTH = 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    series: str  # CSS class of the bar's colour
    y: int
    width: int
    text_y: int


@dataclass(frozen=True)
class BarChart:
    title: Any
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH

    @property
    def width(self) -> int:
        return self.label_width + self.plot_width + 50


def bar_chart(title: Any, rows: list[tuple[str, int, str]]) -> BarChart:
    """A horizontal bar chart of (label, value, series) rows, scaled to the largest value."""
    largest = max((value for _label, value, _series in rows), default=0) or 1
    bars = []
    for index, (label, value, series) in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = max(round(PLOT_WIDTH * value / largest), 1 if value else 0)
        bars.append(Bar(label, value, series, y, width, y + BAR_HEIGHT // 2 + 5))
    height = max(len(rows) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT)
    return BarChart(title, bars, height)
