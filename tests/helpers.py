"""What several test modules do at the desk: record a case, open a screen, type as the terminal
sends keys, read what a screen shows and what the history kept. Waiting is tests.conftest.settled."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import col, select
from textual import events
from textual.command import CommandList
from textual.keys import _character_to_key
from textual.widgets import Static

from deskapp import models
from deskapp.desk import drafts
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.models import Case, HistoryEvent
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.queue import QueueScreen
from deskapp.screens.statistics import StatisticsScreen, shown_text
from deskapp.widgets.case_table import CaseTable
from tests.conftest import at, settled

# `deskapp add` with every field a general complaint needs (Friday evening's leak).
ADD = ["add", "--kind", "complaint", "--severity", "general", "--who", "Ms Li", "--which", "Tower B 12F unit 1203",
       "--what", "water dripping from the ceiling", "--phone", "13800138000", "--received", "2026-11-20T19:30+08:00"]


# ---- what the desk recorded ----------------------------------------------------------------------------

def record(desk, received: str, kind=Kind.complaint, severity=Severity.general, who="Ms Li",
           what="water dripping from the ceiling", phone="", which="Tower B 12F 1203") -> int:
    """A case taken at `received` (Shanghai time); its number."""
    return record_intake(desk, Intake(kind=kind, severity=severity if kind is Kind.complaint else None, who=who,
                                      which=which, what=what, phone=phone, received_at=at(received))).case.id


def delete_every_row_of(desk, case_id: int) -> None:
    """What a thorough attacker does: every row that names the case goes, children first, then the case.
    Taken from the models so a table added later (case_clocks came with stored due times) goes too."""
    with desk.engine.begin() as c:
        c.execute(text("DELETE FROM callback_attempts WHERE callback_id IN "
                       "(SELECT id FROM callbacks WHERE case_id = :c)"), {"c": case_id})
        for table in reversed(models.metadata.sorted_tables):
            if "case_id" in table.c and any(fk.column.table.name == "cases" for fk in table.c.case_id.foreign_keys):
                c.execute(text(f"DELETE FROM {table.name} WHERE case_id = :c"), {"c": case_id})
        c.execute(text("DELETE FROM cases WHERE id = :c"), {"c": case_id})


def cases(desk) -> list[Case]:
    with desk.reading() as session:
        return list(session.exec(select(Case).order_by(Case.id)).all())


def history(desk, case_id: int) -> list[HistoryEvent]:
    with desk.reading() as session:
        return list(session.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id)
                                 .order_by(HistoryEvent.id)).all())


def kept_field(desk, operator: str, field: str) -> str | None:
    """A field of the intake draft kept for the operator, None while none is kept."""
    kept = drafts.load_draft(desk, operator)
    return kept.fields.get(field) if kept else None


def actions_of(desk, case_id: int) -> list[str]:
    """The case's history as its actions, oldest first."""
    with desk.reading() as session:
        return list(session.exec(select(HistoryEvent.action).where(HistoryEvent.case_id == case_id)
                                 .order_by(col(HistoryEvent.id))).all())


# ---- keys ------------------------------------------------------------------------------------------------

async def type_text(pilot, text: str) -> None:
    """Key events for each character, sent the way the terminal driver sends them.

    Pilot.press waits for the app to go idle after every key (tens of milliseconds each); a caller's
    sentence is sent at once and waited for once, which is also how a fast typist arrives.
    """
    await send_keys(pilot, list(text))


async def send_keys(pilot, keys: list[str]) -> None:
    app = pilot.app
    for key in keys:
        if len(key) == 1:
            event = events.Key(key if key.isalnum() else _character_to_key(key), key)
        else:
            event = events.Key(key, None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


async def tab(pilot, times: int) -> None:
    await send_keys(pilot, ["tab"] * times)


async def choose_person(pilot, name: str) -> None:
    """Down the sign-in list to `name`."""
    index = [n for n, _, _ in pilot.app.screen.people].index(name)
    for _ in range(index):
        await pilot.press("down")


# ---- screens -------------------------------------------------------------------------------------------

async def open_intake(pilot) -> IntakeScreen:
    await pilot.press("f2")
    await settled(pilot)
    [screen] = [s for s in pilot.app.screen_stack if isinstance(s, IntakeScreen)]
    return screen


async def open_queue(pilot) -> QueueScreen:
    await pilot.press("f3")
    await settled(pilot)
    assert isinstance(pilot.app.screen, QueueScreen)
    return pilot.app.screen


def rows(screen) -> list[list[str]]:
    """The queue's rows as the operator reads them."""
    table = screen.query_one("#queue", CaseTable)
    return [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_statistics(pilot, desk, **kw) -> StatisticsScreen:
    screen = StatisticsScreen(desk, "Chen Jing", **kw)
    pilot.app.push_screen(screen)
    await settled(pilot)
    return screen


def lookups(screen: IntakeScreen) -> list[str]:
    """The phone (or name) of every caller lookup the intake screen starts from now on: the lookup
    waits for typing to pause, so a test waits for it to have started rather than for a time."""
    started: list[str] = []
    look_up = screen.look_up

    def recorded(phone, building, floor, unit, category, caller, *received_and_call):
        started.append(caller)
        return look_up(phone, building, floor, unit, category, caller, *received_and_call)

    screen.look_up = recorded
    return started


def palette_offers(app) -> list[str]:
    """What the open command palette lists, as text: [] while it is still searching."""
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def palette_found(app, typed: str) -> bool:
    """The palette lists what it found for `typed` (every offer holds the typed letters in order, as
    its fuzzy search matches), not the commands it offers before any typing."""
    offers = palette_offers(app)
    return bool(offers) and all(_holds(offer, typed) for offer in offers)


def _holds(offer: str, typed: str) -> bool:
    rest = iter(offer.lower())
    return all(letter in rest for letter in typed.lower())


def text_of(app, selector: str) -> str:
    """What a Static on the current screen says."""
    return str(app.screen.query_one(selector, Static).render())


def note(app, field: str) -> str:
    """The intake form's note under a field."""
    return text_of(app, f"#note-{field}")


def statistics_text(screen, selector: str) -> str:
    return shown_text(screen.query_one(selector).content)
