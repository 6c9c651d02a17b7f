"""A manager call ticked by mistake is retracted with a reason (`deskapp notify ID --manager NAME
--retract --reason TEXT`): it stays in the history, and the call list, the night view and the handover
no longer count that manager as called."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.manager_calls import retract_call
from deskapp.domain.errors import DeskError
from deskapp.models import HistoryEvent, Notification
from deskapp.reads.manager_calls import manager_calls
from deskapp.reads.night import tonight
from deskapp.reads.queries import case_detail
from deskapp.words.history import event_words
from tests.conftest import at, settled
from tests.helpers import actions_of
from tests.test_escalation_list import NIGHT_DUTY, _calls, _major_complaint, _open_the_list, _rows


def _called(desk, case_id: int) -> dict[str, object]:
    return {c.manager.name: c.called_at for c in manager_calls(desk, case_id)}


def test_zhao_lei_retracts_the_tick_he_gave_lin_tao_by_mistake(desk):
    case_id = _major_complaint(desk)
    workflow.notify(desk, case_id, "Lin Tao", by=NIGHT_DUTY)
    desk.clock.set(at("2026-11-23 22:34"))
    retract_call(desk, case_id, "Lin Tao", "ticked the wrong row: Lin Tao was not reached", by=NIGHT_DUTY)
    assert _called(desk, case_id)["Lin Tao"] is None
    [lin] = [c for c in manager_calls(desk, case_id) if c.manager.name == "Lin Tao"]
    assert lin.retracted_at == at("2026-11-23 22:30")
    assert len(_calls(desk, case_id)) == 1  # the call's row is kept: it was recorded
    assert actions_of(desk, case_id)[-2:] == ["notify", "retract_call"]
    last = case_detail(desk, case_id).history[-1]
    assert event_words(last, desk.calendar.tz) == ("the call to Lin Tao ticked at Mon 23 Nov 22:30 was retracted: "
                                                  "ticked the wrong row: Lin Tao was not reached")
    [(view, managers)] = tonight(desk).cases
    assert view.case.id == case_id and managers == 0


def test_a_manager_called_twice_stays_called_after_one_call_is_retracted(desk):
    case_id = _major_complaint(desk)
    workflow.notify(desk, case_id, "Lin Tao", by=NIGHT_DUTY)
    desk.clock.set(at("2026-11-23 22:40"))
    workflow.notify(desk, case_id, "Lin Tao", "on his way", by=NIGHT_DUTY)
    retract_call(desk, case_id, "Lin Tao", "the second tick was a double press", by=NIGHT_DUTY)
    assert _called(desk, case_id)["Lin Tao"] == at("2026-11-23 22:30")


def test_a_call_never_made_cannot_be_retracted_and_nothing_is_written(desk):
    case_id = _major_complaint(desk)
    workflow.notify(desk, case_id, "Lin Tao", by=NIGHT_DUTY)
    retract_call(desk, case_id, "Lin Tao", "wrong row", by=NIGHT_DUTY)
    for manager in ("Lin Tao", "Sun Qiang"):  # already taken back; never called
        with pytest.raises(DeskError, match=f"no call to {manager} about case {case_id} is recorded to retract"):
            retract_call(desk, case_id, manager, "wrong row", by=NIGHT_DUTY)
    with pytest.raises(DeskError, match="reason for retracting the call is needed"):
        workflow.notify(desk, case_id, "Sun Qiang", by=NIGHT_DUTY)
        retract_call(desk, case_id, "Sun Qiang", "  ", by=NIGHT_DUTY)
    assert actions_of(desk, case_id).count("retract_call") == 1


async def test_the_call_list_shows_the_retracted_call_as_one_to_make(desk):
    case_id = _major_complaint(desk)
    workflow.notify(desk, case_id, "Lin Tao", by=NIGHT_DUTY)
    retract_call(desk, case_id, "Lin Tao", "ticked the wrong row", by=NIGHT_DUTY)
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(140, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        lin = next(row for row in _rows(app) if "Lin Tao" in row)
        assert lin.startswith("☐ to call · Lin Tao") and lin.endswith("the call ticked at 22:30 was retracted")
        assert "✔" not in lin


def _events(db_url: str, action: str) -> int:
    from deskapp.store import db

    engine = db.make_engine(db_url)
    try:
        with engine.connect() as c:
            return len(c.execute(select(HistoryEvent.id).where(HistoryEvent.action == action)).all())
    finally:
        engine.dispose()


MAJOR = ("add", "--kind", "complaint", "--severity", "major", "--who", "Ms Sun", "--which", "Tower B 12F 1203",
         "--what", "burst pipe flooding the server room", "--received", "2026-11-24T11:50")


def test_the_command_line_retracts_a_call_and_shows_it(cli, db_url):
    assert cli(*MAJOR)[0] == 0
    assert cli("notify", "1", "--manager", "Lin Tao", "--note", "coming in")[0] == 0
    code, out, err = cli("notify", "1", "--manager", "Lin Tao", "--retract", "--reason", "ticked by mistake")
    assert code == 0, err
    code, out, err = cli("show", "1", "--json")
    history = json.loads(out)["history"]
    assert [h["action"] for h in history][-2:] == ["notify", "retract_call"]
    assert history[-1]["said"] == "the call to Lin Tao ticked at Tue 24 Nov 12:00 was retracted: ticked by mistake"
    assert history[-2]["said"] == "called Lin Tao (project manager, 13800138020): coming in"  # kept as it was
    code, out, err = cli("show", "1")
    assert code == 0 and "manager call retracted" in out


@pytest.mark.parametrize(("args", "said"), [
    (("--retract",), "say why the call is retracted"),
    (("--retract", "--reason", " "), "say why the call is retracted"),
    (("--retract", "--reason", "wrong row", "--note", "x"), "--note records a call"),
    (("--reason", "wrong row"), "--reason goes with --retract"),
])
def test_a_retraction_asked_wrongly_is_one_line_exit_2_and_writes_nothing(cli, db_url, args, said):
    assert cli(*MAJOR)[0] == 0
    assert cli("notify", "1", "--manager", "Lin Tao")[0] == 0
    code, out, err = cli("notify", "1", "--manager", "Lin Tao", *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and said in err
    assert _events(db_url, "retract_call") == 0 and _events(db_url, "notify") == 1


def test_retracting_a_call_never_made_is_one_line_exit_2(cli, db_url):
    assert cli(*MAJOR)[0] == 0
    code, out, err = cli("notify", "1", "--manager", "Sun Qiang", "--retract", "--reason", "wrong row")
    assert code == 2 and err.strip() == "error: no call to Sun Qiang about case 1 is recorded to retract"
    assert _events(db_url, "retract_call") == 0


def test_check_finds_nothing_wrong_after_a_retraction(desk):
    from deskapp.upkeep.check import check

    case_id = _major_complaint(desk)
    workflow.notify(desk, case_id, "Lin Tao", by=NIGHT_DUTY)
    retract_call(desk, case_id, "Lin Tao", "wrong row", by=NIGHT_DUTY)
    assert check(desk).ok
    with desk.reading() as session:
        assert len(session.exec(select(Notification)).all()) == 1


async def test_zhao_lei_retracts_a_wrong_tick_from_the_call_list_with_its_reason(desk):
    case_id = _major_complaint(desk)
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(140, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        await pilot.press("space")  # Lin Tao, first on the list, ticked: by mistake
        await settled(pilot)
        await pilot.press("up", "x")
        await settled(pilot)
        await pilot.press("enter")  # no reason: refused beside the field, the dialog stays
        await settled(pilot)
        assert "say why the call is retracted" in str(app.screen.query_one("#retract-error").render())
        await pilot.press(*"wrong row", "enter")
        await settled(pilot)
        assert "retracted: the call to Lin Tao is kept in the history" in str(app.screen.query_one("#esc-status").render())
        lin = next(row for row in _rows(app) if "Lin Tao" in row)
        assert lin.startswith("☐ to call · Lin Tao") and lin.endswith("the call ticked at 22:30 was retracted")
        await pilot.press("x")  # Lin Tao's row is no longer ticked
        await settled(pilot)
        assert "only a ticked call can be retracted" in str(app.screen.query_one("#esc-status").render())
    assert actions_of(desk, case_id)[-2:] == ["notify", "retract_call"]
    assert len(_calls(desk, case_id)) == 1


async def test_esc_keeps_the_tick(desk):
    case_id = _major_complaint(desk)
    workflow.notify(desk, case_id, "Lin Tao", by=NIGHT_DUTY)
    app = DeskApp(desk, NIGHT_DUTY)
    async with app.run_test(size=(140, 34)) as pilot:
        await settled(pilot)
        await _open_the_list(pilot)
        await pilot.press("up", "x")
        await settled(pilot)
        await pilot.press("escape")
        await settled(pilot)
        assert _rows(app)[0].startswith("✔ called 22:30 · Lin Tao")
    assert "retract_call" not in actions_of(desk, case_id)
