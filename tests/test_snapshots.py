"""Pictures of every screen and dialog of the desk, in English and in Chinese, on a wide terminal
(120×40) and on the smallest the desk supports (80×24), as the desk sees them on Monday 23 Nov 2026
at 09:30 after a week of demo calls.

Each picture is taken of the real app driven by its keys (`run_before`), once what the screen asked
its workers for is shown (tests.conftest.settled). The demo desk is built once per session and
language, every test gets its own copy of it, and the clock never moves, so the pictures only change
when the screens do. After an intended change of look:

    .venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.desk.handover import hand_over
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.domain.shifts import previous_span, span_at
from deskapp.generate.demo import fill_demo
from deskapp.i18n import CHINESE, ENGLISH, use_language
from deskapp.screens.actions import ActionModal
from deskapp.screens.callback_record import RecordCallback
from deskapp.screens.callbacks import CallbacksScreen
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.escalation import EscalationScreen
from deskapp.screens.handover import HandoverScreen
from deskapp.screens.handover_read import TakeOver
from deskapp.screens.history import HistoryScreen
from deskapp.screens.home import HomeScreen
from deskapp.screens.night import NightScreen
from deskapp.screens.readback import ReadBackScreen
from deskapp.screens.sign_in import SignInScreen
from deskapp.screens.statistics import StatisticsScreen
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from deskapp.widgets.intake_form import IntakeForm
from tests.conftest import at, settled, until
from tests.helpers import lookups, open_intake, open_queue, palette_found

NOW = at("2026-11-23 09:30")  # Monday morning, the day shift an hour and a half in
OPERATOR = "Chen Jing"  # a supervisor: every action on a case is hers to take
LANGUAGES = {"en": ENGLISH, "zh": CHINESE}
SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


@dataclass(frozen=True)
class Words:
    """What the tests record themselves, in the desk's language."""

    who: str
    which: str
    what: str
    phone: str = "13800138000"


CALLER = {"en": Words("Ms Li", "Tower B 12F 1203", "water dripping from the ceiling"),
          "zh": Words("李女士", "B座12楼1203室", "天花板漏水，水滴到地毯上")}
TONIGHT = {"en": Words("Mr Zhang", "Tower A B1", "smell of smoke in the car park", "13900139000"),
           "zh": Words("张先生", "A座B1停车场", "停车场有烟味", "13900139000")}


@dataclass(frozen=True)
class DemoDesk:
    path: Path
    case_id: int  # the general complaint every case screen shows


@pytest.fixture(scope="session")
def demo_desks(template_db, tmp_path_factory, policy, calendar):
    """A week of demo calls and one complaint of our own, per language: built once, copied per test."""
    built: dict[str, DemoDesk] = {}

    def demo_desk(language: str) -> DemoDesk:
        if language not in built:
            path = tmp_path_factory.mktemp(f"demo-{language}") / "desk.db"
            shutil.copy(template_db, path)
            with use_language(LANGUAGES[language]):
                desk = Desk(db.make_engine(f"sqlite:///{path}"), policy, calendar, DeskClock(NOW))
                fill_demo(desk, days=7, per_day=20, seed=7)
                case_id = _complaint(desk, CALLER[language], "2026-11-23 09:20")
                desk.engine.dispose()
            with sqlite3.connect(path) as c:
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            built[language] = DemoDesk(path, case_id)
        return built[language]

    return demo_desk


def _complaint(desk, words: Words, received: str, severity=Severity.general) -> int:
    return record_intake(desk, Intake(kind=Kind.complaint, severity=severity, who=words.who, which=words.which,
                                      what=words.what, phone=words.phone, received_at=at(received))).case.id


@pytest.fixture(params=[(language, size) for language in LANGUAGES for size in SIZES],
                ids=lambda setting: "-".join(setting))
def setting(request) -> tuple[str, str]:
    """Each picture in each language at each size: test_home[zh-80x24]."""
    return request.param


@pytest.fixture
def language(setting):
    with use_language(LANGUAGES[setting[0]]):
        yield setting[0]


@pytest.fixture
def size(setting) -> tuple[int, int]:
    return SIZES[setting[1]]


@pytest.fixture
def demo(demo_desks, language) -> DemoDesk:
    return demo_desks(language)


@pytest.fixture
def desk(demo, tmp_path, policy, calendar):
    """This test's own copy of the demo desk, its clock at NOW."""
    path = tmp_path / "desk.db"
    shutil.copy(demo.path, path)
    engine = db.make_engine(f"sqlite:///{path}")
    yield Desk(engine, policy, calendar, DeskClock(NOW))
    engine.dispose()


@pytest.fixture
def picture(desk, size, snap_compare):
    """Drive the desk's app with `steps` (as `OPERATOR`, or nobody) and compare what it shows."""

    def take(steps, operator: str | None = OPERATOR) -> bool:
        async def run_before(pilot) -> None:
            await settled(pilot)
            await steps(pilot)
            await settled(pilot)

        return snap_compare(DeskApp(desk, operator), terminal_size=size, run_before=run_before)

    return take


async def on(pilot, screen_type, what: str) -> None:
    """Until the app shows a screen of that type (a modal arrives from a worker, after its check)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type), what)
    await settled(pilot)


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settled(pilot)


# ---- the shift's screens ----------------------------------------------------------------------------

def test_sign_in(picture):
    async def shown(pilot) -> None:
        await on(pilot, SignInScreen, "the sign-in screen")
        await until(pilot, lambda: pilot.app.screen.people, "the staff list")

    assert picture(shown, operator=None)


def test_home(picture):
    async def home(pilot) -> None:
        await on(pilot, HomeScreen, "the home screen")
        await until(pilot, lambda: pilot.app.screen.query_one("#next-due", DataTable).row_count,
                    "the cases next due")
        await settled(pilot)

    assert picture(home)


def test_night(picture, desk, language):
    desk.clock.set(at("2026-11-23 21:00"))
    _complaint(desk, TONIGHT[language], "2026-11-23 20:40", severity=Severity.major)

    async def shown(pilot) -> None:
        await on(pilot, NightScreen, "the night screen")

    assert picture(shown)


def test_escalation_panel(picture, desk, language):
    desk.clock.set(at("2026-11-23 21:00"))
    _complaint(desk, TONIGHT[language], "2026-11-23 20:40", severity=Severity.major)

    async def managers(pilot) -> None:
        await on(pilot, NightScreen, "the night screen")
        await press(pilot, "enter")  # the major complaint: call the managers
        await on(pilot, EscalationScreen, "the managers to call")

    assert picture(managers)


# What the palette is asked for. Not the list it offers before any typing: its providers answer in
# whichever order they finish, and the list comes in that order (so no picture could be kept of it).
ASKED = {"en": "callbacks", "zh": "回访"}


def test_palette(picture, language):
    async def palette(pilot) -> None:
        await pilot.press("ctrl+p")
        await on(pilot, CommandPalette, "the command palette")
        await pilot.press(*ASKED[language])
        await until(pilot, lambda: palette_found(pilot.app, ASKED[language]), "what the palette finds")

    assert picture(palette)


# ---- taking a call ------------------------------------------------------------------------------------

def test_intake_empty(picture):
    async def intake(pilot) -> None:
        await open_intake(pilot)

    assert picture(intake)


async def _fill_intake(pilot, words: Words) -> None:
    screen = await open_intake(pilot)
    looked_up = lookups(screen)
    form = screen.query_one(IntakeForm)
    for name, value in (("kind", "complaint"), ("severity", "general"), ("who", words.who),
                        ("phone", words.phone), ("which", words.which), ("what", words.what)):
        form.set_field(name, value)
    await until(pilot, lambda: words.phone in looked_up, "the caller to be looked up")
    await settled(pilot)


def test_intake_filled(picture, language):
    async def filled(pilot) -> None:
        await _fill_intake(pilot, CALLER[language])

    assert picture(filled)


def test_intake_read_back(picture, language):
    async def read_back(pilot) -> None:
        await _fill_intake(pilot, CALLER[language])
        await pilot.press("ctrl+s")
        await on(pilot, ReadBackScreen, "the read-back dialog")

    assert picture(read_back)


# ---- the cases ----------------------------------------------------------------------------------------

def test_queue(picture):
    async def queue(pilot) -> None:
        await open_queue(pilot)

    assert picture(queue)


async def _open_case(pilot, case_id: int) -> None:
    pilot.app.open_case(case_id)
    await on(pilot, CaseDetailScreen, f"case {case_id}")


def test_case_detail(picture, demo):
    async def detail(pilot) -> None:
        await _open_case(pilot, demo.case_id)

    assert picture(detail)


@pytest.mark.parametrize("key", ["f", "e", "n", "v", "p", "r", "x"],
                         ids=["forward", "escalate", "note", "validity", "wait", "resolve", "void"])
def test_action_modal(picture, demo, key):
    async def modal(pilot) -> None:
        await _open_case(pilot, demo.case_id)
        await pilot.press(key)
        await on(pilot, ActionModal, f"the dialog of key {key}")

    assert picture(modal)


def test_history(picture):
    async def history(pilot) -> None:
        await press(pilot, "f7")
        await on(pilot, HistoryScreen, "the history")

    assert picture(history)


# ---- callbacks, handover, statistics ------------------------------------------------------------------

def test_callbacks(picture):
    async def callbacks(pilot) -> None:
        await press(pilot, "f4")
        await on(pilot, CallbacksScreen, "the callbacks list")

    assert picture(callbacks)


def test_callback_record(picture):
    async def record(pilot) -> None:
        await press(pilot, "f4")
        await on(pilot, CallbacksScreen, "the callbacks list")
        await pilot.press("enter")
        await on(pilot, RecordCallback, "the callback's record")

    assert picture(record)


def test_handover(picture):
    async def handover(pilot) -> None:
        await press(pilot, "f5")
        await on(pilot, HandoverScreen, "the handover")

    assert picture(handover)


def test_take_over(picture, desk, language):
    """The night's handover waiting for the morning: read to its end before ctrl+g counts."""
    night = previous_span(desk.calendar, span_at(desk.calendar, NOW))
    notes = "3号电梯08:00前停运检修，请留意来电" if language == "zh" else "Lift 3 is out for repair until 08:00; expect calls"
    hand_over(desk, night.start, night.end, notes, by="Zhao Lei")

    async def take_over(pilot) -> None:
        await press(pilot, "f5")
        await on(pilot, HandoverScreen, "the handover")
        await pilot.press("ctrl+g")
        await on(pilot, TakeOver, "the handover to take over")

    assert picture(take_over)


def test_statistics(picture):
    async def statistics(pilot) -> None:
        await press(pilot, "f6")
        await on(pilot, StatisticsScreen, "the statistics")

    assert picture(statistics)


def test_statistics_year(picture):
    async def year(pilot) -> None:
        await press(pilot, "f6")
        await on(pilot, StatisticsScreen, "the statistics")
        await press(pilot, "y")  # the year month by month: at 80 columns two half-years

    assert picture(year)


def test_the_demo_desk_has_the_cases_the_pictures_show(demo_desks):
    """The pictures are only worth comparing if the desk behind them is full: cases open, overdue,
    callbacks due, our own complaint last."""
    for language in LANGUAGES:
        made = demo_desks(language)
        with sqlite3.connect(made.path) as c:
            open_cases = c.execute("SELECT count(*) FROM cases WHERE status IN "
                                   "('received', 'forwarded', 'in_progress', 'waiting')").fetchone()[0]
            last = c.execute("SELECT max(id) FROM cases").fetchone()[0]
        assert open_cases > 10 and last == made.case_id
