"""The read-back before saving, and the small yes/no questions the intake screen asks."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from deskapp import display
from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import Clock
from deskapp.domain.enums import ClockName, Kind, Severity
from deskapp.domain.intake import Intake

_CLOCK_WORDS = {
    ClockName.forward: "forward to {department}",
    ClockName.escalate: "escalate to operations management and leadership",
    ClockName.resolve: "resolve",
    ClockName.arrive: "trade on site",
    ClockName.callback: "call back",
    ClockName.answer: "answer the caller",
    ClockName.explain: "explain to the caller",
    ClockName.analyse: "analyse the cause",
}


def readback_lines(intake: Intake, clocks: list[Clock], calendar: WorkCalendar, now: datetime,
                   department: str | None = None) -> list[Text]:
    """The key points in the order they are read to the caller, then the deadlines saving starts."""
    tz = calendar.tz
    lines: list[Text] = []

    def point(label: str, value: str) -> None:
        if value and value.strip():
            lines.append(Text.assemble((f"{label:<14}", "bold"), value.strip()))

    point("Caller", ", ".join(x for x in (intake.who, intake.company) if x.strip()))
    point("Where", intake.which or " ".join(x for x in (intake.building, intake.floor, intake.unit) if x))
    point("What", intake.what)
    point("Why", intake.why)
    point("Wants", intake.how)
    point("Wanted by", display.when(intake.requested_by, tz, now))
    point("Appointment", display.when(intake.appointment_at, tz, now))
    point("Special", intake.special_requests)
    point("Call back on", intake.phone)
    kind = intake.kind.value + (f", {intake.severity.value}" if intake.severity else "")
    point("Recorded as", kind + (f" ({intake.category})" if intake.category.strip() else "") + f", by {intake.channel.value}")
    point("Received", display.when(intake.received_at, tz, now))
    lines.append(Text(""))
    if not calendar.is_working_time(intake.received_at):
        opening = display.when(calendar.next_opening(intake.received_at), tz, now)
        if intake.kind is Kind.complaint and intake.severity is Severity.major:
            lines.append(Text("After hours: a major complaint starts every clock now; call the managers at once.", "bold red"))
        else:
            lines.append(Text(f"After hours: recorded now; general and minor clocks start at the next opening, {opening}.",
                              "bold yellow"))
    if clocks:
        lines.append(Text("Saving starts these deadlines:", "bold"))
    for clock in clocks:
        words = _CLOCK_WORDS.get(clock.name, clock.name.value).format(department=department or "the responsible department")
        lines.append(Text.assemble(f"  {words} by ", (display.when(clock.due, tz, now), "bold"),
                                   (f"   ({display.explain(clock, tz)})", "dim")))
    return lines


class ReadBackScreen(ModalScreen[bool]):
    """Confirm (Enter or ctrl+s) saves; Escape goes back to the form with everything kept."""

    DEFAULT_CSS = """
    ReadBackScreen { align: center middle; }
    ReadBackScreen > Vertical { width: 96; height: auto; max-height: 90%; border: thick $primary; padding: 1 2; background: $surface; }
    ReadBackScreen #readback-title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("enter,ctrl+s", "confirm", "Confirm and save", id="readback-confirm", priority=True),
        Binding("escape", "back", "Go back", id="readback-back"),
    ]

    def __init__(self, lines: list[Text], title: str = "Read back to the caller") -> None:
        super().__init__()
        self.lines = lines
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="readback-title")
            yield Static(Text("\n").join(self.lines), id="readback-body")
            yield Static(Text("Enter: confirm and save   Esc: go back and correct", "dim"), id="readback-keys")
        yield Footer()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or Enter says yes, n or Escape says no."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 72; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    """
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm-yes", priority=True),
        Binding("n,escape", "answer(False)", "No", id="confirm-no", priority=True),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question, "bold"), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            yield Static(Text("y / Enter: yes    n / Esc: no", "dim"))
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
