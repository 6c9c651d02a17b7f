"""The read-back before saving, and the small yes/no questions the intake screen asks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from string import Formatter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from deskapp.config.courtesy import Courtesy
from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import Clock
from deskapp.domain.enums import ClockName, Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.i18n import N_, _, ngettext
from deskapp.reads.callers import CallerHistory
from deskapp.widgets.caller_panel import case_numbers
from deskapp.widgets.footer import DeskFooter
from deskapp.words import display
from deskapp.words.labels import label
from deskapp.words.widths import cells, fit

_CLOCK_WORDS = {
    ClockName.forward: N_("forward to {department}"),
    ClockName.escalate: N_("escalate to operations management and leadership"),
    ClockName.resolve: N_("resolve"),
    ClockName.arrive: N_("trade on site"),
    ClockName.callback: N_("call back"),
    ClockName.answer: N_("answer the caller"),
    ClockName.explain: N_("explain to the caller"),
    ClockName.analyse: N_("analyse the cause"),
    ClockName.contact: N_("contact the customer about the outside party"),
}
URGENT_READ = N_("URGENT: forwarded and on site in wall-clock minutes, day or night; call the people on the night list now")
# The read-back's labels, in the order they are read to the caller.
_POINTS = (N_("Caller"), N_("Where"), N_("What"), N_("Why"), N_("Wants"), N_("Wanted by"), N_("Appointment"),
           N_("Special"), N_("Call back on"), N_("Recorded as"), N_("Received"))


def styled(template: str, style: str = "", **values: str | Text | tuple[str, str]) -> Text:
    """A translated sentence as Rich text, each {placeholder} filled with its value (a (text, style)
    pair or a Text keeps its own style): the words around them move with the language."""
    text = Text(style=style)
    for literal, name, _spec, _conversion in Formatter().parse(template):
        if literal:
            text.append(literal)
        if name is not None:
            value = values[name]
            if isinstance(value, tuple):
                text.append(*value)
            else:
                text.append(value if isinstance(value, Text) else str(value))
    return text


def recorded_as(intake: Intake) -> str:
    """'complaint, general (water leak), by phone' / '一般投诉（漏水），渠道：电话'."""
    kind = label(intake.kind)
    if intake.severity:
        kind = _("{kind}, {severity}").format(kind=kind, severity=label(intake.severity))
    if intake.category.strip():
        kind = _("{kind} ({category})").format(kind=kind, category=intake.category.strip())
    return _("{recorded}, by {channel}").format(recorded=kind, channel=label(intake.channel))


def readback_warnings(intake: Intake, history: CallerHistory | None = None) -> list[Text]:
    """What the operator must see before anything is said: the caller's open cases (`history`), so a
    repeat call is attached rather than saved twice, and an urgent call's people to call now."""
    lines: list[Text] = []
    if history is not None and history.open_cases:
        lines += [Text(ngettext("⚠ The caller already has open case {cases}: Esc, then ctrl+r to add this call to it",
                                "⚠ The caller already has open cases {cases}: Esc, then ctrl+r to add this call to one",
                                len(history.open_cases)).format(cases=case_numbers(history)), "bold yellow"), Text("")]
    if intake.urgent:
        lines += [Text(_(URGENT_READ), "bold reverse red"), Text("")]
    return lines


def readback_lines(intake: Intake, clocks: list[Clock], calendar: WorkCalendar, now: datetime,
                   department: str | None = None, history: CallerHistory | None = None,
                   warnings: bool = True) -> list[Text]:
    """The key points in the order they are read to the caller, then the deadlines saving starts;
    first (unless `warnings` is False: the read-back then puts them above the apology), readback_warnings."""
    tz = calendar.tz
    lines: list[Text] = readback_warnings(intake, history) if warnings else []
    # The labels line up in one column, however wide they are in the desk's language.
    width = max(cells(_(p)) for p in _POINTS) + 2

    def point(name: str, value: str) -> None:
        if value and value.strip():
            lines.append(Text.assemble((fit(_(name), width), "bold"), value.strip()))

    point(N_("Caller"), _(", ").join(x for x in (intake.who, intake.company) if x.strip()))
    point(N_("Where"), intake.which or " ".join(x for x in (intake.building, intake.floor, intake.unit) if x))
    point(N_("What"), intake.what)
    point(N_("Why"), intake.why)
    point(N_("Wants"), intake.how)
    point(N_("Wanted by"), display.when(intake.requested_by, tz, now))
    point(N_("Appointment"), display.when(intake.appointment_at, tz, now))
    point(N_("Special"), intake.special_requests)
    point(N_("Call back on"), intake.phone)
    point(N_("Recorded as"), recorded_as(intake))
    point(N_("Received"), display.when(intake.received_at, tz, now))
    if intake.outside_party.strip():
        lines.append(styled(_("{label} {party}"), label=(_("Outside party involved:"), "bold"), party=intake.outside_party.strip()))
    lines += script_lines(intake.script_answers)
    lines.append(Text(""))
    if not calendar.is_working_time(intake.received_at):
        opening = display.when(calendar.next_opening(intake.received_at), tz, now)
        if intake.kind is Kind.complaint and intake.severity is Severity.major:
            lines.append(Text(_("After hours: a major complaint starts every clock now; call the managers at once."), "bold red"))
        else:
            lines.append(Text(_("After hours: recorded now; general and minor clocks start at the next opening, {opening}.").format(
                opening=opening), "bold yellow"))
    if clocks:
        lines.append(Text(_("Saving starts these deadlines:"), "bold"))
    for clock in clocks:
        template = _CLOCK_WORDS.get(clock.name)
        words = _(template).format(department=department or _("the responsible department")) if template else label(clock.name)
        lines.append(Text.assemble("  ", styled(_("{action} by {due}"), action=words, due=(display.when(clock.due, tz, now), "bold")),
                                   (_("   ({how})").format(how=display.explain(clock, tz)), "dim")))
    return lines


def script_lines(note: str) -> list[Text]:
    """The answer script's questions and answers as they are kept with the case, one to a line, so the
    operator sees what the case will say was asked ('Are people trapped? yes')."""
    if not note.strip():
        return []
    return [Text(""), Text(_("Script answers kept with the case:"), "bold"),
            *(Text("  " + part) for part in note.split(" · ") if part.strip())]


@dataclass
class Ticks:
    """What the operator ticked at the read-back. Unticked is not given: the ticks never stop a save."""

    apologised: bool = False
    thanked: bool = False


def ticked(intake: Intake, ticks: Ticks) -> Intake:
    """The call as saved, with the courtesy ticked at the read-back (unticked: not given). Only a
    complaint is apologised for: the read-back asks no one else."""
    return replace(intake, apologised=ticks.apologised and intake.kind is Kind.complaint, thanked=ticks.thanked)


def tick_line(done: bool, said: str, words: str, key: str) -> Text:
    """'☑ Apologised first: “I am sorry …”   (a)': a tick the operator toggles with its key."""
    return Text.assemble(("☑ " if done else "☐ ", "bold green" if done else "bold"),
                         styled(_("{done}: “{words}”"), done=(said, "bold"), words=words),
                         (_("   ({key})").format(key=key), "dim"))


class ReadBackScreen(ModalScreen[bool]):
    """Confirm (Enter or ctrl+s) saves; Escape goes back to the form with everything kept.

    Given the desk's `courtesy`, the read-back opens with the apology (a complaint's, `apology=True`)
    and ends with the closing, each with its tick (`a`, `t`); `ticks` holds them when it closes."""

    DEFAULT_CSS = """
    ReadBackScreen { align: center middle; }
    ReadBackScreen > Vertical { width: 96; max-width: 100%; height: auto; max-height: 100%; border: thick $primary; padding: 0 1; background: $surface; }
    ReadBackScreen #readback-title { text-style: bold; margin-bottom: 1; }
    /* 80x24: a long read-back scrolls (Up, Down, PgUp, PgDn) and the keys below it stay on screen. */
    ReadBackScreen #readback-scroll { height: auto; max-height: 68vh; }
    """
    BINDINGS = [
        Binding("enter,ctrl+s", "confirm", N_("Confirm and save"), id="readback.confirm", priority=True,
                tooltip=N_("The caller agrees: save it")),
        Binding("escape", "back", N_("Go back"), id="readback.back", tooltip=N_("Back to the form to correct it")),
        # Priority, as Enter's: the read-back's keys whatever in it has the focus, from the instant it opens.
        Binding("a", "apologised", N_("Apologised"), id="readback.apologised", priority=True,
                tooltip=N_("Tick (or untick) that you apologised to the caller first")),
        Binding("t", "thanked", N_("Thanked"), id="readback.thanked", priority=True,
                tooltip=N_("Tick (or untick) that you thanked the caller at the end")),
    ]

    def __init__(self, lines: list[Text], title: str | None = None, courtesy: Courtesy | None = None,
                 apology: bool = False, warnings: list[Text] | None = None) -> None:
        super().__init__()
        self.lines = lines
        self.warnings = warnings or []  # above the apology: for the operator's eyes before anything is said
        self.heading = title or _("Read back to the caller")
        self.courtesy = courtesy
        self.apology = apology and courtesy is not None
        self.ticks = Ticks()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, id="readback-title")
            with VerticalScroll(id="readback-scroll"):
                yield Static(self.body(), id="readback-body")
            yield Static(Text(self.keys_hint(), "dim"), id="readback-keys")
        yield DeskFooter()

    def body(self) -> Text:
        """The warnings, the apology's tick (the first thing said), the points read back, the closing's tick last."""
        lines = list(self.lines)
        if self.courtesy is not None:
            if self.apology:
                lines = [tick_line(self.ticks.apologised, _("Apologised first"), self.courtesy.apology, "a"), Text(""), *lines]
            lines += [Text(""), tick_line(self.ticks.thanked, _("Thanked the caller"), self.courtesy.closing, "t")]
        return Text("\n").join([*self.warnings, *lines])

    def keys_hint(self) -> str:
        keys = _("Enter: confirm and save   Esc: go back and correct")
        if self.courtesy is None:
            return keys
        ticks = _("a: apologised   t: thanked") if self.apology else _("t: thanked")
        return _("{ticks}   {keys}").format(ticks=ticks, keys=keys)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The ticks are keys only where there is a tick: an inquiry has no apology to tick.
        if action == "apologised":
            return self.apology
        if action == "thanked":
            return self.courtesy is not None
        return True

    def action_apologised(self) -> None:
        self.ticks.apologised = not self.ticks.apologised
        self._show_ticks()

    def action_thanked(self) -> None:
        self.ticks.thanked = not self.ticks.thanked
        self._show_ticks()

    def _show_ticks(self) -> None:
        # Straight after opening the body may not be mounted yet: compose shows the ticks as they are then.
        for body in self.query("#readback-body").results(Static):
            body.update(self.body())

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question. `y` says yes, `n` and Esc say no, and Enter always gives the safe answer:
    the one that loses nothing and files nothing by mistake (keep typing, do not attach, keep the draft).

    Enter is the key that saves everywhere else, so it is pressed out of habit; in every dialog it
    means the same thing, and the dialog names its keys with what each one does.
    """

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 72; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes", priority=True, tooltip=N_("Yes, go ahead")),
        Binding("enter", "enter", N_("Safe answer"), id="confirm.enter", show=False, priority=True,
                tooltip=N_("The answer that loses nothing, as the dialog says")),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no", priority=True,
                tooltip=N_("No, leave things as they are")),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str | None = None, no: str | None = None,
                 safe_is_yes: bool = False) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_words = yes or _("yes")
        self.no_words = no or _("no")
        self.safe_is_yes = safe_is_yes  # only where the no throws something away (an old draft)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question, "bold"), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            yield Static(Text(self.keys_hint(), "dim"), id="confirm-keys")
        yield DeskFooter()

    def keys_hint(self) -> str:
        """'y: discard · Enter / n / Esc: keep typing': each key with what it does here."""
        template = _("y / Enter: {yes} · n / Esc: {no}") if self.safe_is_yes else _("y: {yes} · Enter / n / Esc: {no}")
        return template.format(yes=self.yes_words, no=self.no_words)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_enter(self) -> None:
        self.dismiss(self.safe_is_yes)
