"""Taking over a shift: the outgoing operator's notes and the major, overdue and due-soon items pass
before the incoming operator's eyes, and only then does ctrl+g acknowledge the handover.

An acknowledgement says "I know what I am taking over"; a key pressed on a screen that showed
another shift's summary would not mean that. So the handover is shown whole here, notes first, and
the acknowledgement waits until its last line has been on screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from deskapp.domain.shifts import ShiftSpan
from deskapp.i18n import N_, _
from deskapp.reads.shift_summary import HandoverRecord
from deskapp.widgets.footer import DeskFooter
from deskapp.words.shifts import span_label


def handover_text(record: HandoverRecord) -> Text:
    """The notes, then each section of the summary, as one text to read top to bottom."""
    text = Text()
    text.append(_("Notes from {name}").format(name=record.outgoing) + "\n", style="bold")
    text.append((record.notes.strip() or _("(no notes)")) + "\n\n")
    for heading, lines in record.sections:
        text.append(heading + "\n", style="bold")
        for line in lines:
            text.append(f"  {line}\n")
        text.append("\n")
    return text


class TakeOver(ModalScreen[bool]):
    """The handover to take over, read to its end before ctrl+g counts. Dismissed True to acknowledge."""

    DEFAULT_CSS = """
    TakeOver { align: center middle; }
    TakeOver #take-over { width: 90%; max-width: 110; height: 90%; border: thick $warning; background: $surface; }
    TakeOver #take-over-title { text-style: bold; padding: 0 1; }
    TakeOver #take-over-body { height: 1fr; padding: 0 1; }
    TakeOver #take-over-hint { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+g", "take_over", N_("Acknowledge handover"), id="take_over.acknowledge", priority=True,
                tooltip=N_("Take over the shift, once the whole handover has been on screen")),
        Binding("pagedown,space", "page(1)", N_("Page down"), id="take_over.page_down", show=False,
                tooltip=N_("The next page of the handover")),
        Binding("pageup", "page(-1)", N_("Page up"), id="take_over.page_up", show=False,
                tooltip=N_("The previous page of the handover")),
        Binding("escape", "dismiss(False)", N_("Back"), id="take_over.back", tooltip=N_("Back, without taking over")),
    ]

    def __init__(self, record: HandoverRecord, tz):
        super().__init__()
        self.record, self.tz = record, tz
        self.read_to_end = False

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(id="take-over"):
            title = _("Taking over: {shift}, handed over by {name}").format(
                shift=span_label(ShiftSpan(r.shift, r.start, r.end), self.tz), name=r.outgoing)
            yield Static(Text(title), id="take-over-title")
            with VerticalScroll(id="take-over-body"):
                yield Static(handover_text(r), id="take-over-text")
            yield Static("", id="take-over-hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        body = self.query_one("#take-over-body", VerticalScroll)
        self.watch(body, "scroll_y", lambda _y: self._check_read(), init=False)
        self.call_after_refresh(self._check_read)  # a handover that fits is read as soon as it is shown
        self._show_hint()

    def _check_read(self) -> None:
        body = self.query_one("#take-over-body", VerticalScroll)
        if not self.read_to_end and body.scroll_y >= body.max_scroll_y:
            self.read_to_end = True
            self._show_hint()

    def _show_hint(self) -> None:
        hint = (_("All of it has been on screen: ctrl+g takes over the shift.") if self.read_to_end
                else _("Read to the end (Page Down) before taking over: ctrl+g counts once every line has been shown."))
        self.query_one("#take-over-hint", Static).update(Text(hint))

    def action_page(self, step: int) -> None:
        body = self.query_one("#take-over-body", VerticalScroll)
        if step > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)
        self.call_after_refresh(self._check_read)

    def action_take_over(self) -> None:
        self._check_read()
        if not self.read_to_end:
            self.notify(_("read the handover to its end first (Page Down): the notes and every item"),
                        severity="warning")
            return
        self.dismiss(True)
