"""A caller who rang and got nobody is on the callback list beside the cases, until the desk reaches them."""

from __future__ import annotations

import csv
import io
import json

from deskapp.desk.calls import record_call_event
from deskapp.domain.phone import PhonePolicy, read_event
from tests.callback_cases import four_callbacks
from tests.conftest import at

ALL_BACKENDS = True


def event(desk, when, **fields):
    users = fields.pop("users", [])
    record_call_event(desk, read_event(fields, users), PhonePolicy(), {"8001": "Wang Fang"}, at(when))


def missed_at_eleven(desk, number="13900002222", call="b"):
    event(desk, "2026-11-23 11:00:00", event="newCall", callId=call, **{"from": number})
    event(desk, "2026-11-23 11:00:30", event="hangup", callId=call, cause="noAnswer")


def test_a_missed_call_at_eleven_is_on_the_paper_list_after_the_cases(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T11:30+08:00")
    four_callbacks(desk)
    missed_at_eleven(desk)
    code, out, err = cli("callbacks")
    assert code == 0, err
    cases, calls = out.split("# Missed calls to call back (all)")
    assert "13900002222" not in cases and "| 13900002222 |" in calls
    # Due two working hours after it rang off (the policy's default): 13:00, so 1 working h 30 min left.
    assert "2026-11-23 13:00" in calls and "1 working h 30 min left" in calls


def test_missed_alone_in_every_format_and_json_and_csv_keep_their_case_rows(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T14:01+08:00")
    ids = four_callbacks(desk)
    missed_at_eleven(desk)
    rows = json.loads(cli("callbacks", "--format", "json")[1])
    assert sorted(int(r["case"]) for r in rows) == sorted(ids.values())  # scripts read a case number in every row
    code, out, _ = cli("callbacks", "--missed", "--format", "json")
    assert code == 0
    [row] = json.loads(out)
    assert (row["phone"], row["group"], row["missed again"], row["left"]) == ("13900002222", "overdue", "0", "1 working h late")
    [line] = csv.DictReader(io.StringIO(cli("callbacks", "--missed", "--format", "csv")[1]))
    assert line["phone"] == "13900002222"
    assert cli("callbacks", "--missed", "--due", "tomorrow")[1].endswith("No missed calls to call back.\n")


def test_a_missed_call_has_no_manager_kind_or_severity_so_those_filters_leave_it_out(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T11:30+08:00")
    four_callbacks(desk)
    missed_at_eleven(desk)
    for args in (("--caller", "Zhou Min"), ("--method", "on-site"), ("--kind", "repair"), ("--severity", "major")):
        assert "13900002222" not in cli("callbacks", *args)[1], args
    assert "13900002222" in cli("callbacks", "--method", "phone")[1]


def test_calling_back_and_reaching_them_takes_the_call_off_the_list(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T12:00+08:00")
    missed_at_eleven(desk)
    event(desk, "2026-11-23 11:40:00", event="newCall", callId="back", direction="out", to="13900002222",
          **{"from": "02155501000"})
    event(desk, "2026-11-23 11:40:05", event="answer", callId="back", direction="out", answeringNumber="8001")
    assert json.loads(cli("callbacks", "--missed", "--format", "json")[1]) == []


def _rows(app):
    from textual.widgets import DataTable

    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def _callback_screen(desk, size=(140, 30)):
    from deskapp.app import DeskApp
    from deskapp.screens.callbacks import CallbacksScreen
    from tests.conftest import settled

    app = DeskApp(desk, "Wang Fang")
    return app, CallbacksScreen(desk, "Wang Fang"), settled


async def test_f4_lists_the_missed_call_after_the_cases_and_home_counts_it(desk):
    from deskapp.reads.queries import desk_summary

    desk.clock.set(at("2026-11-23 11:30"))
    ids = four_callbacks(desk)
    missed_at_eleven(desk)
    assert desk_summary(desk).callbacks_due == 5  # four cases and the caller who got nobody
    app, screen, settled = await _callback_screen(desk)
    async with app.run_test(size=(140, 30)) as pilot:
        app.push_screen(screen)
        await settled(pilot)
        rows = _rows(app)
        assert [r[1] for r in rows] == [str(ids[k]) for k in ("overdue", "today", "tomorrow", "later")] + ["☎"]
        assert rows[-1][0] == "▲ due today" and rows[-1][2] == "13900002222" and rows[-1][3] == "1h 30m work"
        assert "☎ 1 missed call" in str(app.screen.query_one("#callbacks-counts").render())
        await pilot.press("down", "down", "down", "down", "enter")
        await settled(pilot)
        assert any("Ring 13900002222 back" in n.message for n in app._notifications)
        assert len(_rows(app)) == 5  # nothing recorded: the phone system closes it
        await pilot.press("k")  # a kind filter: the missed call has none
        await settled(pilot)
        assert "☎" not in [r[1] for r in _rows(app)]


async def test_f4_in_chinese_names_the_missed_call_in_chinese(desk, chinese):
    desk.clock.set(at("2026-11-23 11:30"))
    missed_at_eleven(desk)
    app, screen, settled = await _callback_screen(desk)
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(screen)
        await settled(pilot)
        [row] = _rows(app)
        assert row[1] == "☎" and row[2] == "13900002222"
        assert all(not any(c.isascii() and c.isalpha() for c in cell) for cell in (row[0], row[3], row[4], row[7])), row
