"""The consent-decisions-per-day chart as plain SVG shapes (drawn by the template): stacked
bars, one per day, no script and no library."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 900
HEIGHT = 220
_LEFT, _BOTTOM, _TOP = 32, 22, 8
COLOURS = {"granted": "#2e7d32", "refused": "#b26a00", "withdrawn": "#c62828"}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    day: str  # the tooltip says day, count and decision in the user's language
    count: int
    decision: str


@dataclass(frozen=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = _LEFT
    baseline: int = HEIGHT - _BOTTOM
    empty: bool = False


def _nice_max(value: int) -> int:
    """A round top for the axis: 1, 2, 5, 10, 20, 50 ..."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def decisions_chart(per_day: list[tuple[str, dict[str, int]]]) -> Chart:
    top = _nice_max(max((sum(counts.values()) for _, counts in per_day), default=0) or 1)
    plot_h = HEIGHT - _BOTTOM - _TOP
    slot = (WIDTH - _LEFT) / max(1, len(per_day))
    bars: list[Bar] = []
    x_ticks: list[Tick] = []
    for index, (day, counts) in enumerate(per_day):
        x = _LEFT + index * slot + slot * 0.15
        y = float(HEIGHT - _BOTTOM)
        for decision, colour in COLOURS.items():
            count = counts.get(decision, 0)
            if count:
                height = plot_h * count / top
                y -= height
                bars.append(Bar(x, y, slot * 0.7, height, colour, day, count, decision))
        if (len(per_day) - 1 - index) % 7 == 0:  # weekly, ending today
            x_ticks.append(Tick(x + slot * 0.35, HEIGHT - 6, day))  # the page says it its way
    steps = (0, 0.5, 1) if top % 2 == 0 else (0, 1)
    y_ticks = [Tick(_LEFT - 4, HEIGHT - _BOTTOM - plot_h * f, str(int(top * f))) for f in steps]
    empty = not bars
    return Chart(bars, x_ticks, y_ticks, empty=empty)
