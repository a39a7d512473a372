"""Bar charts as server-rendered SVG geometry: no JavaScript, no CDN, readable offline and by screen readers.

A view computes the bars here; templates/dashboard/_bar_chart.html draws them and repeats the numbers in a
table, so the chart is never the only place a figure lives. Every length is in SVG user units (the viewBox).
"""

from dataclasses import dataclass
from typing import Any, ClassVar

BAR_HEIGHT = 22
BAR_GAP = 8  # between one bar and the next
LABEL_WIDTH = 190  # the labels' column, left of the bars
LABEL_GAP = 8  # between a label's end and its bar
LABEL_CHARS = 28  # a longer label is cut short with "…" to fit LABEL_WIDTH; the table under the chart has it whole
PLOT_WIDTH = 300  # the longest bar; the others are scaled to it
VALUE_GAP = 6  # between a bar's end and its value
VALUE_WIDTH = 50  # room right of the longest bar for its value
TEXT_DROP = 5  # from a bar's middle down to its texts' baseline, which centres 12px text (dashboard.css) on the bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    series: str  # CSS class of the bar's colour
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + TEXT_DROP

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + VALUE_GAP


@dataclass(frozen=True)
class BarChart:
    title: Any
    bars: list[Bar]
    height: int
    width: ClassVar[int] = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    bar_x: ClassVar[int] = LABEL_WIDTH
    bar_height: ClassVar[int] = BAR_HEIGHT
    label_x: ClassVar[int] = LABEL_WIDTH - LABEL_GAP  # where labels end: they are anchored at their end
    label_chars: ClassVar[int] = LABEL_CHARS


def bar_chart(title: Any, rows: list[tuple[str, int, str]]) -> BarChart:
    """A horizontal bar chart of (label, value, series) rows, scaled to the largest value."""
    largest = max((value for _label, value, _series in rows), default=0) or 1
    bars = []
    for index, (label, value, series) in enumerate(rows):
        # A value above zero always shows a bar, however thin beside the largest.
        width = max(round(PLOT_WIDTH * value / largest), 1 if value else 0)
        bars.append(Bar(label, value, series, index * (BAR_HEIGHT + BAR_GAP), width))
    height = max(len(rows) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT)
    return BarChart(title, bars, height)
