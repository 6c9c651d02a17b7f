"""The 5W1H form: every field of a call, with what was understood or what is wrong shown beside it.

The form only gathers text and explains it; it never saves. It tells its screen about each edit
(`Edited`) so the screen can keep the draft and look the caller up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from deskapp.config.categories import category_list
from deskapp.config.departments import department_label
from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.i18n import N_, _, chinese
from deskapp.widgets.intake_reading import ALL_FIELDS, TIME_FIELDS, Reading, read_form
from deskapp.widgets.quick_select import QuickSelect
from deskapp.widgets.suggest import suggester_for
from deskapp.words import display
from deskapp.words.labels import label

KINDS = [Kind.inquiry, Kind.repair, Kind.complaint, Kind.assistance, Kind.suggestion]
SEVERITIES = [Severity.major, Severity.general, Severity.minor]
CHANNELS = [Channel.phone, Channel.visit, Channel.email, Channel.letter, Channel.staff, Channel.other]
# A Chinese choice is taken by the first letter of its pinyin, as the English one by its own first letter.
PINYIN = {
    Kind.inquiry: "zixun", Kind.repair: "baoxiu", Kind.complaint: "tousu", Kind.assistance: "qiuzhu",
    Kind.suggestion: ("jianyi", "biaoyang"),
    Severity.major: "zhongda", Severity.general: "yiban", Severity.minor: "qingwei",
    Channel.phone: "dianhua", Channel.visit: "laifang", Channel.email: "youjian", Channel.letter: "xinhan",
    Channel.staff: "yuangong", Channel.other: "qita",
}
# The receptionist's first judgement, worded as the complaint procedure defines it.
SEVERITY_HELP = N_(
    "major: our fault caused loss or injury, media, legal threat, repeated failed fixes\n"
    "general: our service fell short (attitude, slow or wrong work)\n"
    "minor: inconvenience, nobody's fault"
)
# (field, label, placeholder) in Tab order: the order the caller usually gives them.
TEXT_ROWS = [
    ("who", N_("Who"), N_("caller's name")),
    ("company", N_("Company"), N_("their company or tenant")),
    ("phone", N_("Phone"), N_("contact number")),
    ("which", N_("Which"), N_("where: Tower B 12F 1203")),
    ("what", N_("What"), N_("what happened / what they need")),
    ("why", N_("Why"), N_("purpose or cause, as they say it")),
    ("how", N_("How"), N_("how they want it handled")),
    ("requested_by", N_("Wanted by"), N_("deadline they asked for: tomorrow 12")),
    ("appointment_at", N_("Appointment"), N_("time they asked for: 14:30")),
    ("promised_by", N_("Answer by"), N_("when we promised an answer")),
    ("special_requests", N_("Special"), N_("special requests")),
    ("category", N_("Category"), N_("water leak, lift, noise ... (scripts fill it)")),
    ("received_at", N_("Received"), N_("now, 09:05, 2026-11-23 09:05")),
]
# A complaint that involves another unit or outside party: a row after Channel, complaints only.
OUTSIDE_PARTY_ROW = ("outside_party", N_("Outside party"), N_("another unit involved: water utility, neighbour ..."))
DEFAULT_KIND = "inquiry"
# The urgent line above the form, while the case is urgent (the intake's ctrl+t turns it on and off).
URGENT_LINE = N_("URGENT: people trapped, flooding, fire alarm or injury. Forwarded and on site in wall-clock "
                 "minutes, day or night; call the people on the night list now · ctrl+t: not urgent")


def _choices(values: list) -> list[tuple[str, str]]:
    """(shown, stored) for a choice: the label in the desk's language, the English value kept."""
    return [(label(v), v.value) for v in values]


def _keys(values: list) -> dict | None:
    return {v.value: PINYIN[v] for v in values if v in PINYIN} if chinese() else None


class IntakeForm(Vertical):
    DEFAULT_CSS = """
    IntakeForm { height: auto; }
    IntakeForm .field-row { height: auto; min-height: 1; margin-bottom: 0; }
    IntakeForm .field-label { width: 12; padding-right: 1; text-align: right; color: $text-muted; }
    IntakeForm Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    IntakeForm Input:focus { border: none; background: $primary 30%; }
    IntakeForm Select { width: 1fr; height: 1; }
    IntakeForm SelectCurrent { border: none; height: 1; padding: 0 1; background: $boost; }
    IntakeForm Select:focus > SelectCurrent { border: none; background: $primary 30%; }
    IntakeForm SelectOverlay { width: 1fr; }
    IntakeForm .field-note { width: 38; height: auto; padding-left: 1; color: $text-muted; }
    IntakeForm .field-note.problem { color: $error; }
    IntakeForm .field-note.warning { color: $warning; }
    IntakeForm #row-severity .field-note { color: $text-muted; }
    IntakeForm #urgent-line { display: none; height: auto; padding: 0 1; background: $error; color: $text; text-style: bold; }
    IntakeForm.-urgent #urgent-line { display: block; }
    IntakeForm #last-rows { height: auto; }
    """

    class Edited(Message):
        """Something on the form changed (typed or chosen)."""

        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    def __init__(self, tz: tzinfo, now: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tz = tz
        self._now = now
        self.touched: set[str] = set()  # fields typed in: their problems are shown as they arise
        self.show_every_problem = False  # after a save attempt, every problem is shown
        self.reading: Reading | None = None
        self._baseline: dict[str, str] = {}
        self.script_answers = ""  # the answer script's questions and answers, labelled: kept with the case
        self.urgent = False  # people trapped, flooding, fire, injury: the clocks run in wall minutes (set_urgent)

    def compose(self) -> ComposeResult:
        yield Static(Text(_(URGENT_LINE)), id="urgent-line")
        yield self._row("kind", _("Kind"), QuickSelect(_choices(KINDS), allow_blank=False, value=DEFAULT_KIND, id="f-kind",
                                                       keys=_keys(KINDS),
                                                       on_choice=lambda kind: self._show_for_kind(str(kind))))
        yield self._row("severity", _("Severity"), QuickSelect(_choices(SEVERITIES), prompt=_("choose"), id="f-severity",
                                                               keys=_keys(SEVERITIES)))
        yield self._row("department", _("Trade / dept"), QuickSelect([], prompt=_("who goes (work order)"), id="f-department"))
        for name, text, placeholder in TEXT_ROWS:
            yield self._row(name, _(text), Input(placeholder=_(placeholder), id=f"f-{name}", suggester=suggester_for(name)))
        # Channel and the outside party together: Textual orders the Tab keys by where the widgets were
        # last laid out, and a row just shown (a complaint chosen) has not been yet; beside Channel
        # alone, it still comes after it, not first among the form's rows.
        name, text, placeholder = OUTSIDE_PARTY_ROW
        yield Vertical(
            self._row("channel", _("Channel"), QuickSelect(_choices(CHANNELS), allow_blank=False, value="phone",
                                                           id="f-channel", keys=_keys(CHANNELS))),
            self._row(name, _(text), Input(placeholder=_(placeholder), id=f"f-{name}")),
            id="last-rows")

    def _row(self, name: str, text: str, field: Widget) -> Horizontal:
        return Horizontal(Label(text, classes="field-label"), field, Static("", id=f"note-{name}", classes="field-note"),
                          id=f"row-{name}", classes="field-row")

    def on_mount(self) -> None:
        self.reset()

    # ---- what the screen asks of the form ----

    def values(self) -> dict[str, str]:
        found = {}
        for name in ALL_FIELDS:
            widget = self.query_one(f"#f-{name}")
            if isinstance(widget, Select):
                found[name] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                found[name] = widget.value
        return found

    def typed(self) -> dict[str, str]:
        """What the operator put in beyond the defaults: empty for a fresh form."""
        # The received time counts as typed only if the operator changed it, not because time passed.
        defaults = {"kind": DEFAULT_KIND, "channel": "phone", "received_at": self._baseline.get("received_at")}
        typed = {k: v for k, v in self.values().items() if v and defaults.get(k) != v}
        return typed | {"urgent": "yes"} if self.urgent else typed

    def load(self, values: dict[str, str]) -> None:
        """Fill the form (a restored draft); what is loaded counts as typed."""
        self.set_urgent(values.get("urgent") == "yes", tell=False)
        for name, value in values.items():
            if name not in ALL_FIELDS:
                continue
            widget = self.query_one(f"#f-{name}")
            if isinstance(widget, Select):
                self._choose(widget, value)
            else:
                widget.value = value
        self.touched |= set(values)
        self.check()

    def set_field(self, name: str, value: str) -> None:
        widget = self.query_one(f"#f-{name}")
        if isinstance(widget, Select):
            self._choose(widget, value)
        else:
            widget.value = value
        self.touched.add(name)

    def set_urgent(self, urgent: bool, tell: bool = True) -> None:
        """The case is urgent (or no longer): the red line above the form says so; `tell` the screen,
        which keeps it in the draft as it keeps a field."""
        if urgent == self.urgent:
            return
        self.urgent = urgent
        self.set_class(urgent, "-urgent")
        self.check()
        if tell:
            self.post_message(self.Edited("urgent"))

    def set_departments(self, names: list[str]) -> None:
        select = self.query_one("#f-department", Select)
        select.set_options([(department_label(n), n) for n in names])
        # A department shown in Chinese (工程部) is also taken by the letters of its kept name (e: Engineering).
        select.keys = {n: [n.lower()] for n in names} if chinese() else {}

    def reset(self) -> None:
        """A fresh form for the next call: received now, on the phone."""
        for name, _text, _placeholder in [*TEXT_ROWS, OUTSIDE_PARTY_ROW]:
            self.query_one(f"#f-{name}", Input).value = ""
        self.query_one("#f-received_at", Input).value = self._now_text()
        self.query_one("#f-kind", Select).value = DEFAULT_KIND
        self.query_one("#f-channel", Select).value = "phone"
        self.query_one("#f-severity", Select).clear()
        self.query_one("#f-department", Select).clear()
        self.touched.clear()
        self.script_answers = ""
        self.set_urgent(False, tell=False)
        self.show_every_problem = False
        self._show_for_kind(DEFAULT_KIND)
        # The Changed events of the reset arrive later; they must not count as typing.
        self._baseline = self.values()
        self.check()

    def show_problem(self, field: str | None, message: str) -> None:
        """A refusal from the desk itself (on saving), shown beside its field."""
        note = self.query_one(f"#note-{field if field in ALL_FIELDS else 'what'}", Static)
        note.update(Text(message))
        note.add_class("problem")

    def check(self) -> Reading:
        """Read the form again and update every note beside the fields."""
        self.reading = reading = read_form(self.values(), self._tz, self._now())
        if reading.intake is not None:
            reading.intake.script_answers = self.script_answers
            reading.intake.urgent = self.urgent
        for name in ALL_FIELDS:
            problem = reading.problems.get(name)
            shown = problem if problem and (self.show_every_problem or name in self.touched) else None
            self._note(name, shown, self._understood(name, reading))
        return reading

    # ---- events ----

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._edited(event.input.id)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        if event.select.id == "f-kind" and event.value is not Select.NULL:
            self._show_for_kind(str(event.value))
        self._edited(event.select.id)

    def _edited(self, widget_id: str | None) -> None:
        name = (widget_id or "").removeprefix("f-")
        if self.values().get(name) != self._baseline.get(name):
            if not self.touched and "received_at" not in self.touched:
                self._restamp_received()
            self.touched.add(name)
        self.check()
        self.post_message(self.Edited(name))

    # ---- helpers ----

    def _show_for_kind(self, kind: str) -> None:
        # Hidden rows leave the Tab order, so a repair never tabs through a complaint's severity.
        self.query_one("#row-severity").display = kind == "complaint"
        self.query_one("#row-department").display = kind == "repair"
        self.query_one("#row-promised_by").display = kind == "inquiry"
        self.query_one("#row-outside_party").display = kind == "complaint"

    def _understood(self, name: str, reading: Reading) -> str:
        if name in TIME_FIELDS and name in reading.times:
            return display.when(reading.times[name], self._tz, self._now())
        if name in reading.warnings:
            return "⚠ " + reading.warnings[name]
        if name == "which" and reading.understood_place is not None and reading.understood_place.known:
            building, floor, unit = reading.understood_place.building.name(chinese()), *reading.place[1:]
            return " · ".join(x for x in (building, _("floor {floor}").format(floor=floor) if floor else "",
                                          _("unit {unit}").format(unit=unit) if unit else "") if x)
        if name == "category" and reading.intake is not None and reading.intake.category.strip():
            shown = category_list().canonical(reading.intake.category, chinese())
            return _("kept as {category}").format(category=shown) if shown != reading.intake.category.strip() else ""
        if name == "which" and any(reading.place):
            building, floor, unit = reading.place
            return " · ".join(x for x in (building, _("floor {floor}").format(floor=floor) if floor else "",
                                          _("unit {unit}").format(unit=unit) if unit else "") if x)
        if name == "severity":
            return _(SEVERITY_HELP)
        return ""

    def _note(self, name: str, problem: str | None, understood: str) -> None:
        note = self.query_one(f"#note-{name}", Static)
        text = problem or understood
        if getattr(note, "_shown", None) == (text, bool(problem)):
            return  # unchanged: a keystroke repaints only the notes it changed
        note._shown = (text, bool(problem))
        note.update(Text(problem + ("\n" + understood if name == "severity" else "")) if problem else Text(understood))
        note.set_class(bool(problem), "problem")
        note.set_class(not problem and understood.startswith("⚠"), "warning")

    def _choose(self, select: Select, value: str) -> None:
        if value:
            select.value = value
        else:
            select.clear()

    def _restamp_received(self) -> None:
        # The form may have waited between calls: a call is received when the operator starts on it.
        received = self.query_one("#f-received_at", Input)
        if received.value == self._baseline.get("received_at"):
            received.value = self._baseline["received_at"] = self._now_text()

    def _now_text(self) -> str:
        return f"{self._now().astimezone(self._tz):%Y-%m-%d %H:%M}"
