"""Bar charts drawn in the terminal, each with a one-line caption above it.

Bars over numbers (days, hours, weeks) are drawn by textual-plotext. Bars over names (departments)
are drawn here, a line a bar, because plotext lays its labels out by characters, not terminal cells:
a Chinese name, two cells a character, would push its row out of line and past the edge.

A chart with nothing to draw shows its caption and a plain sentence instead of empty axes: an empty
plotext figure looks like a broken one.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from deskapp.i18n import _
from deskapp.words.widths import cells, fit

# The longest a name may take beside its bar, in terminal cells; longer ones end in an ellipsis.
NAME_CELLS = 24


class _Plot(PlotextPlot):
    """plotext's figure, each line kept to the widget's width in terminal cells: an axis label in
    Chinese is two cells a character, and plotext, counting characters, would run it over the edge."""

    def render(self):
        text = super().render()
        width = self.size.width
        if all(cells(line) <= width for line in text.plain.split("\n")):
            return text
        lines = text.split("\n", allow_blank=True)
        for line in lines:
            line.truncate(width)
        return Text("\n", no_wrap=True).join(lines)


class _NamedBars:
    """One line a bar, the largest at the top: the name fitted to its cells, the bar, the value."""

    def __init__(self, labels: Sequence[str], values: Sequence[float], upper: float | None):
        self.labels, self.values, self.upper = labels, values, upper

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        name_cells = min(NAME_CELLS, max(cells(label) for label in self.labels))
        numbers = [f"{v:g}" for v in self.values]
        number_cells = max(len(n) for n in numbers)
        room = max(1, options.max_width - name_cells - number_cells - 3)
        top = self.upper or max(self.values) or 1
        bar = Style(color="blue")
        newline = Segment.line()
        for label, value, number in reversed(list(zip(self.labels, self.values, numbers))):
            length = round(room * max(value, 0) / top)
            yield Segment(fit(label, name_cells) + " ")
            yield Segment("█" * length, bar)
            yield Segment(" " * (room - length + 1) + number.rjust(number_cells))
            yield newline


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
    BarChart > .chart-names {
        display: none;
        height: 1fr;
        padding: 1 0 0 1;
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
        yield _Plot()
        yield Static("", classes="chart-names")

    def bars(self, labels: Sequence[str], values: Sequence[float], *, horizontal: bool = False,
             upper: float | None = None, target: float | None = None, unit: str = "") -> None:
        """Draw one bar per label; `upper` fixes the value axis (a rate's 100%), `target` draws a
        line across it so a missed target shows without reading numbers. Horizontal bars are over
        names, drawn a line each (the largest at the top); the others over numbers, by plotext."""
        if not labels:
            self.nothing(_("none in this period"))
            return
        self.labels, self.values, self.note = list(labels), list(values), ""
        self._set_note("")
        plot = self.query_one(PlotextPlot)
        names = self.query_one(".chart-names", Static)
        if horizontal:
            plot.display = False
            names.update(_NamedBars(self.labels, self.values, upper))
            names.display = True
            return
        names.display = False
        plt = plot.plt
        plt.clear_figure()
        plt.bar(self.labels, self.values, width=0.6)
        if upper is not None:
            plt.ylim(0, upper)
        if target is not None:
            plt.hline(target, "red")
        if unit:
            plt.ylabel(unit)
        plot.display = True
        plot.refresh()

    def nothing(self, sentence: str) -> None:
        """No picture, a sentence instead (nothing to draw yet, or nothing at all)."""
        self.labels, self.values = [], []
        self._set_note(sentence)
        self.query_one(PlotextPlot).display = False
        self.query_one(".chart-names", Static).display = False

    def _set_note(self, sentence: str) -> None:
        self.note = sentence
        note = self.query_one(".chart-note", Static)
        note.update(sentence)
        note.display = bool(sentence)
