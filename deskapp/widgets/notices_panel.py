"""Notices that match the caller's building and time, to answer "why no water?": planned works, and
cuts announced after the event with their apology (shown as such, the apology on its own line)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from deskapp.i18n import _
from deskapp.models import Notice
from deskapp.reads.notices import kind_label, topic_label
from deskapp.words import display


class NoticesPanel(Vertical):
    DEFAULT_CSS = """
    NoticesPanel { height: auto; max-height: 10; border: round $warning-darken-2; }
    NoticesPanel #notice-list { height: auto; max-height: 7; border: none; background: transparent; }
    NoticesPanel #notice-none { color: $text-muted; }
    """

    class Chosen(Message):
        """The operator answers the caller with this notice."""

        def __init__(self, notice: Notice) -> None:
            super().__init__()
            self.notice = notice

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notices: list[Notice] = []

    def compose(self) -> ComposeResult:
        yield Static(_("no planned works here now"), id="notice-none")
        yield OptionList(id="notice-list")

    def on_mount(self) -> None:
        self.border_title = _("Notices")
        self.query_one("#notice-list").display = False

    def show(self, notices: list[Notice], tz: tzinfo, now: datetime) -> None:
        self.notices = notices
        options = self.query_one("#notice-list", OptionList)
        options.clear_options()
        for i, n in enumerate(notices):
            where = n.building or _("all buildings")
            if n.floors:
                where = _("{where} floors {floors}").format(where=where, floors=n.floors)
            span = f"{display.when(n.starts_at, tz, now)} → {display.when(n.ends_at, tz, now)}"
            options.add_option(Option(_option_text(n, where, span), id=str(i)))
        options.display = bool(notices)
        if notices:
            options.highlighted = 0  # Enter on the panel answers with the first one
        self.query_one("#notice-none").display = not notices
        self.border_title = _("Notices · {count}").format(count=len(notices)) if notices else _("Notices")
        self.set_class(bool(notices), "has-notices")

    @on(OptionList.OptionSelected, "#notice-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.notices[int(event.option.id)]))


def _option_text(n: Notice, where: str, span: str) -> Text:
    """'water: Water off' over where and when; a notice after the event or an apology says so, and
    its apology follows, which is what the operator reads out first."""
    kind = kind_label(n)
    topic = _("{topic} ({kind})").format(topic=topic_label(n.topic), kind=kind) if kind else topic_label(n.topic)
    parts: list = [(_("{topic}: {title}").format(topic=topic, title=n.title) + "\n", "bold"),
                   "  " + _("{where}, {span}").format(where=where, span=span)]
    if kind:
        parts.append(("\n  " + n.apology, "italic"))
    return Text.assemble(*parts)
