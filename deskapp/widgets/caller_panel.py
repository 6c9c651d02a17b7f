"""The repeat-caller side panel: this caller's open cases and recent complaints, and a batch flag."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from deskapp.domain.batch import Report
from deskapp.i18n import _, ngettext
from deskapp.reads.callers import CallerHistory, CaseLine
from deskapp.words import display
from deskapp.words.labels import label
from deskapp.words.widths import clip
from deskapp.words.wording import kind_words


class CallerPanel(Vertical):
    DEFAULT_CSS = """
    CallerPanel { height: auto; max-height: 14; border: round $primary-darken-2; border-title-color: $text-muted; }
    CallerPanel #caller-cases { height: auto; max-height: 9; border: none; background: transparent; }
    CallerPanel #caller-batch { color: $warning; text-style: bold; height: auto; }
    CallerPanel #caller-empty { color: $text-muted; }
    """

    class AttachRequested(Message):
        """The operator chose an open case: this call is about it."""

        def __init__(self, case_id: int) -> None:
            super().__init__()
            self.case_id = case_id

    def compose(self) -> ComposeResult:
        yield Static(_("type a phone or a unit to see this caller's cases"), id="caller-empty")
        yield OptionList(id="caller-cases")
        yield Static("", id="caller-batch")

    def on_mount(self) -> None:
        self.border_title = _("Caller · ctrl+r")
        self.query_one("#caller-cases").display = False

    def show(self, history: CallerHistory | None, tz: tzinfo, now: datetime, days: int = 30) -> None:
        """`days`: how far back the recent complaints were looked for (the script book's `recent_days`)."""
        options = self.query_one("#caller-cases", OptionList)
        # A lookup that comes back while the operator is choosing among the cases (ctrl+r, then Enter)
        # keeps their choice: the same case stays highlighted, instead of none, which Enter ignores.
        kept = options.highlighted_option.id if options.highlighted is not None and options.highlighted_option else None
        choosing = options.has_focus
        options.clear_options()
        empty = history is None or history.empty
        self.query_one("#caller-empty", Static).update(
            _("type a phone or a unit to see this caller's cases") if history is None
            else ngettext("no open cases, no complaints in {days} day", "no open cases, no complaints in {days} days",
                          days).format(days=days)
        )
        self.query_one("#caller-empty").display = empty
        options.display = not empty
        if empty:
            self.border_title = _("Caller · ctrl+r")  # no counts of the caller before, a saved call's or another's
            return
        seen = set()
        for line in history.open_cases + history.recent_complaints:
            if line.id in seen:
                continue
            seen.add(line.id)
            # Only an open case can take the call as a note; a closed complaint is shown for context.
            options.add_option(Option(_line_text(line, tz, now), id=str(line.id), disabled=not line.is_open))
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        if kept in ids:
            options.highlighted = ids.index(kept)
        elif choosing and ids:
            options.highlighted = 0
        complaints = len(history.recent_complaints)
        self.border_title = ngettext("Caller · {open} open · {complaints} complaint · ctrl+r",
                                     "Caller · {open} open · {complaints} complaints · ctrl+r",
                                     complaints).format(open=len(history.open_cases), complaints=complaints)

    def show_batch(self, reports: list[Report], category: str, link: str = "") -> None:
        """`link`: the line under the warning saying what ctrl+k does with this call (screens/intake_incident.py)."""
        flag = self.query_one("#caller-batch", Static)
        if not reports:
            flag.update("")
            return
        callers = len({r.caller.lower() or f"#{r.case_id}" for r in reports})
        cases = ", ".join(f"#{r.case_id}" for r in reports if r.case_id is not None)
        flag.update(Text(ngettext("⚠ possible batch incident: {callers} caller about {category} here ({cases})",
                                  "⚠ possible batch incident: {callers} callers about {category} here ({cases})",
                                  callers).format(callers=callers, category=category, cases=cases)
                         + (f"\n{link}" if link else "")))

    def focus_cases(self) -> bool:
        options = self.query_one("#caller-cases", OptionList)
        if not options.display or options.option_count == 0:
            return False
        options.focus()
        if options.highlighted is None:
            options.highlighted = 0
        return True

    @on(OptionList.OptionSelected, "#caller-cases")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.AttachRequested(int(event.option.id)))


def open_cases_warning(history: CallerHistory | None) -> str:
    """'⚠ this caller has 1 open case (#621): ctrl+r to see it', or '' for a caller with none:
    said where the panel itself is hidden (a narrow intake), so a repeat caller is not missed."""
    if history is None or not history.open_cases:
        return ""
    n = len(history.open_cases)
    return ngettext("⚠ this caller has {n} open case ({cases}): ctrl+r to see it",
                    "⚠ this caller has {n} open cases ({cases}): ctrl+r to see them",
                    n).format(n=n, cases=case_numbers(history))


def case_numbers(history: CallerHistory) -> str:
    """'#621, #622': the caller's open cases by number."""
    return _(", ").join(f"#{line.id}" for line in history.open_cases)


def _line_text(line: CaseLine, tz: tzinfo, now: datetime) -> Text:
    kind = kind_words(line.kind, line.severity)
    text = Text.assemble((f"#{line.id} ", "bold"), f"{kind} ", (label(line.status), "green" if line.is_open else "dim"),
                         f" {display.when(line.received_at, tz, now)}\n  ", (clip(line.what, 38), "italic"))
    return text
