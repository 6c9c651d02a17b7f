"""Bar charts drawn in the terminal (textual-plotext), each with a one-line caption above it.

A chart with nothing to draw shows its caption and a plain sentence instead of empty axes: an empty
plotext figure looks like a broken one.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot


class BarChart(Vertical):
    DEFAULT_CSS = """
    BarChart {
        height: 16;
        width: 1fr;
    }
    BarChart > .chart-caption {
        text-style: bold;
        height: 1;
    }
    BarChart > .chart-note {
        color: $text-muted;
        height: auto;
    }
    BarChart > PlotextPlot {
        height: 1fr;
    }
    """

    def __init__(self, caption: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.caption = caption
        self.labels: list[str] = []  # what is drawn, for tests and for anyone reading the screen's state
        self.values: list[float] = []
        self.note = ""

    def compose(self) -> ComposeResult:
        yield Static(self.caption, classes="chart-caption", markup=False)
        yield Static("", classes="chart-note", markup=False)
        yield PlotextPlot()

    def bars(self, labels: Sequence[str], values: Sequence[float], *, horizontal: bool = False,
             upper: float | None = None, target: float | None = None, unit: str = "") -> None:
        """Draw one bar per label; `upper` fixes the value axis (a rate's 100%), `target` draws a
        line across it so a missed target shows without reading numbers."""
        if not labels:
            self.nothing("none in this period")
            return
        self.labels, self.values, self.note = list(labels), list(values), ""
        self._set_note("")
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        plt.bar(self.labels, self.values, orientation="horizontal" if horizontal else "vertical", width=0.6)
        if upper is not None:
            (plt.xlim if horizontal else plt.ylim)(0, upper)
        if target is not None and not horizontal:
            plt.hline(target, "red")
        if unit:
            (plt.xlabel if horizontal else plt.ylabel)(unit)
        plot.display = True
        plot.refresh()

    def nothing(self, sentence: str) -> None:
        """No picture, a sentence instead (nothing to draw yet, or nothing at all)."""
        self.labels, self.values = [], []
        self._set_note(sentence)
        self.query_one(PlotextPlot).display = False

    def _set_note(self, sentence: str) -> None:
        self.note = sentence
        note = self.query_one(".chart-note", Static)
        note.update(sentence)
        note.display = bool(sentence)
