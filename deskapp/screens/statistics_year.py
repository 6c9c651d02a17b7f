"""The statistics screen's year (`y`): the year's figures beside each month, as `deskapp report year` prints them.

The table is drawn for the width it has: the whole year in one table from WHOLE_YEAR columns,
below that (80 columns) two half-years one above the other, so no month is ever cut off.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Static

from deskapp.output.year_report import rich_year
from deskapp.reads.statistics import Period
from deskapp.reads.year_figures import YearFigures

# Twelve months and the year at seven cells each (100.0%), and a figure's name wrapped in what is left.
WHOLE_YEAR = 110


@dataclass
class YearReady(Message, bubble=False):
    period: Period
    figures: YearFigures


class YearTable(Static):
    """The year's table, drawn again when its width changes (a terminal made wider or narrower)."""

    DEFAULT_CSS = "YearTable { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.figures: YearFigures | None = None

    def show_year(self, figures: YearFigures | None) -> None:
        self.figures = figures
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.figures is None:
            self.update("")
            return
        # Before its first layout the widget has no width yet: the screen's, less the margins, then.
        width = self.size.width or self.app.size.width - 4
        self.update(rich_year(self.figures, width, whole=WHOLE_YEAR, titled=False))
