"""Why a manager call ticked by mistake is taken back: asked before `deskapp notify --retract`'s
writer runs from the call list. The reason is required; what was typed stays if it is refused."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from deskapp.i18n import N_, _
from deskapp.widgets.footer import DeskFooter


class RetractDialog(ModalScreen[str | None]):
    """Returns the reason typed, or None when the tick stays."""

    DEFAULT_CSS = """
    RetractDialog { align: center middle; }
    RetractDialog > Vertical { width: 80; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    RetractDialog #retract-title { text-style: bold; margin-bottom: 1; }
    RetractDialog #retract-error { color: $error; }
    """
    BINDINGS = [
        Binding("escape", "keep", N_("Keep the tick"), id="retract.keep", tooltip=N_("Leave the call as recorded")),
    ]

    def __init__(self, manager: str, called_at: str) -> None:
        super().__init__()
        self.manager, self.called_at = manager, called_at

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Retract the call to {name} ticked at {time}: it stays in the history as retracted").format(
                name=self.manager, time=self.called_at)), id="retract-title")
            yield Input(placeholder=_("why: ticked the wrong row, not reached ..."), id="retract-reason")
            yield Static("", id="retract-error")
            yield Static(Text(_("Enter retracts the call · Esc keeps the tick")))
        yield DeskFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        reason = event.value.strip()
        if not reason:
            self.query_one("#retract-error", Static).update(Text(_("say why the call is retracted")))
            return
        self.dismiss(reason)

    def action_keep(self) -> None:
        self.dismiss(None)
