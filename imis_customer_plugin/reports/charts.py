"""A report's charts drawn with matplotlib, as SVG files the print layout places.

SVG keeps the chart's text and lines crisp in the PDF. The Agg backend and an explicit Figure
(not pyplot's global state) make drawing safe inside a QgsTask's thread.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..core.reports import Chart

MM_PER_INCH = 25.4
# Colour-blind safe (Okabe-Ito), in a fixed order so a category keeps its colour.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000", "#999999")  # fmt: skip
INK = "#1a1a1a"
GRID = "#d9d9d9"
MAX_LABEL = 28  # characters of an axis label before it is cut
KINDS = ("bar", "stacked_bar", "line", "barh")


def draw_chart(chart: Chart, path: Path, width_mm: float, height_mm: float) -> Path:
    """Writes `chart` as an SVG of the given size (mm) and returns its path."""
    if chart.kind not in KINDS:
        raise ValueError(f"Unknown chart kind {chart.kind!r}; expected one of {', '.join(KINDS)}.")
    figure = Figure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    _style(axes)
    labels = [_cut(label) for label in chart.labels]
    if not chart.labels or not chart.series:
        axes.text(0.5, 0.5, "No data for this filter", ha="center", va="center", color=INK)
        axes.set_axis_off()
    elif chart.kind == "line":
        _lines(axes, chart, labels)
    elif chart.kind == "barh":
        _bars_horizontal(axes, chart, labels)
    else:
        _bars(axes, chart, labels, stacked=chart.kind == "stacked_bar")
    axes.set_title(chart.title, loc="left", fontsize=9, fontweight="bold", color=INK)
    if chart.y_label:
        (axes.set_xlabel if chart.kind == "barh" else axes.set_ylabel)(chart.y_label, fontsize=7)
    if len(chart.series) > 1:
        axes.legend(fontsize=6.5, frameon=False, ncol=min(4, len(chart.series)), loc="best")
    figure.tight_layout(pad=0.6)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg")
    return path


def _style(axes) -> None:
    axes.tick_params(labelsize=6.5, colors=INK, length=2)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(True, axis="y", color=GRID, linewidth=0.5)
    axes.set_axisbelow(True)


def _lines(axes, chart: Chart, labels: list[str]) -> None:
    x = np.arange(len(labels))
    for n, series in enumerate(chart.series):
        axes.plot(x, series.values, label=series.name, color=_colour(n), linewidth=1.2,
                  marker="o" if len(x) <= 16 else None, markersize=2.5)  # fmt: skip
    axes.set_xticks(x, labels, rotation=45 if len(labels) > 8 else 0, ha="right")
    _thin_ticks(axes, len(labels))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)


def _bars(axes, chart: Chart, labels: list[str], *, stacked: bool) -> None:
    x = np.arange(len(labels))
    count = len(chart.series)
    width = 0.8 if stacked else 0.8 / count
    bottom = np.zeros(len(labels))
    for n, series in enumerate(chart.series):
        values = np.asarray(series.values, dtype=float)
        if stacked:
            axes.bar(x, values, width, bottom=bottom, label=series.name, color=_colour(n))
            bottom += values
        else:
            offset = (n - (count - 1) / 2) * width
            axes.bar(x + offset, values, width, label=series.name, color=_colour(n))
    axes.set_xticks(x, labels, rotation=45 if len(labels) > 5 else 0, ha="right")
    _thin_ticks(axes, len(labels))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


def _bars_horizontal(axes, chart: Chart, labels: list[str]) -> None:
    y = np.arange(len(labels))
    count = len(chart.series)
    height = 0.8 / count
    for n, series in enumerate(chart.series):
        offset = (n - (count - 1) / 2) * height
        axes.barh(y + offset, series.values, height, label=series.name, color=_colour(n))
    axes.set_yticks(y, labels)
    axes.invert_yaxis()  # the first label on top, as in the table
    axes.grid(False, axis="y")
    axes.grid(True, axis="x", color=GRID, linewidth=0.5)


def _thin_ticks(axes, count: int) -> None:
    """At most ~16 tick labels: a year of weeks would otherwise overprint."""
    step = max(1, int(np.ceil(count / 16)))
    for n, label in enumerate(axes.get_xticklabels()):
        label.set_visible(n % step == 0)


def _colour(n: int) -> str:
    return PALETTE[n % len(PALETTE)]


def _cut(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
