"""History you can prove: a key outside the database seals every event, the rows are replayed against
their history, and an anchor kept in backups/ pins everything before it. Each way a person with
write access to the database could cover their tracks is tried here and must be reported."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from deskapp.desk import history, workflow
from deskapp.desk.staff import change_role
from deskapp.domain.enums import Role
from deskapp.models import HistoryEvent
from deskapp.reads.anchor import parse
from deskapp.store.history_key import ENV, history_key, key_file, make_key_file
from deskapp.upkeep.check import check
from deskapp.upkeep.proof import write_anchor
from tests.conftest import at
from tests.helpers import delete_every_row_of, record

ALL_BACKENDS = True


@pytest.fixture(autouse=True)
def own_backups(tmp_path, monkeypatch):
    """Anchors go to the test's own backups/ (PostgreSQL's would go beside the checkout's database)."""
    import deskapp.reads.anchor
    import deskapp.upkeep.proof

    for module in (deskapp.reads.anchor, deskapp.upkeep.proof):
        monkeypatch.setattr(module, "backup_dir", lambda _url: tmp_path / "backups")


@pytest.fixture
def keyed(desk, db_url, monkeypatch):
    """The desk with its history key: the file beside SQLite, the variable on PostgreSQL."""
    if db_url.startswith("sqlite"):
        make_key_file(db_url, 0)
    else:
        monkeypatch.setenv(ENV, "a secret only the desk's account knows")
    return desk


def _sql(desk, statement: str, **values) -> None:
    with desk.engine.begin() as c:
        c.execute(text(statement), values)


def _leak(desk) -> int:
    """Friday's leak, forwarded to Engineering and resolved."""
    case_id = record(desk, "2026-11-23 08:00", phone="13800138000")
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    workflow.resolve(desk, case_id, "pipe joint replaced", at=at("2026-11-23 08:40"))
    return case_id


def test_the_key_file_is_the_desks_own_and_seals_every_event(keyed, db_url):
    case_id = _leak(keyed)
    if db_url.startswith("sqlite"):
        assert key_file(db_url).stat().st_mode & 0o777 == 0o600
    key = history_key(db_url)
    with Session(keyed.engine) as s:
        events = s.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id)).all()
    assert all(e.hash == history.event_hash(e, key) != history.event_hash(e) for e in events)
    report = check(keyed)
    assert report.ok and report.keyed and report.notes == []


def test_a_desk_without_a_key_keeps_working_and_check_says_it_is_unkeyed(desk):
    _leak(desk)
    report = check(desk)
    assert report.ok and not report.keyed
    assert report.notes[0].startswith("the history chain is unkeyed")


def test_an_edited_event_and_a_deleted_event_are_reported(keyed):
    first, second = _leak(keyed), _leak(keyed)
    _sql(keyed, "UPDATE history SET note = 'pipe was fine' WHERE case_id = :c AND action = 'resolve'", c=first)
    _sql(keyed, "DELETE FROM history WHERE case_id = :c AND action = 'forward'", c=second)
    problems = check(keyed).history
    assert f"case {first}: history event 3 (resolve) was changed after it was written" in problems
    assert f"case {second}: the history before event 6 (resolve) was changed or removed" in problems


def test_a_chain_recomputed_without_the_key_is_reported(keyed):
    """Someone rewrites the outcome and seals the whole chain again the way a desk without a key would."""
    case_id = _leak(keyed)
    with Session(keyed.engine) as s:
        events = s.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id).order_by(HistoryEvent.seq)).all()
        prev = ""
        for e in events:
            if e.action == "resolve":
                e.note = "nothing was wrong"
            e.prev_hash = prev
            e.hash = prev = history.event_hash(e)  # no key: all they can do
            s.add(e)
        s.commit()
    problems = check(keyed).history
    assert problems == [f"case {case_id}: history event {n} ({a}) was sealed without the history key: the chain was "
                        "recomputed by someone who does not hold the key"
                        for n, a in ((1, "intake"), (2, "forward"), (3, "resolve"))]


def test_a_field_changed_without_an_event_is_reported_by_case_and_field(keyed):
    case_id = _leak(keyed)
    _sql(keyed, "UPDATE cases SET phone = '13999999999', outcome = 'nothing done' WHERE id = :c", c=case_id)
    assert check(keyed).records == [
        f"case {case_id}: phone is '13999999999' but its history says '13800138000' (changed without an event)",
        f"case {case_id}: outcome is 'nothing done' but its history says 'pipe joint replaced' (changed without an event)",
    ]


def test_a_forwarding_removed_without_its_event_is_reported(keyed):
    case_id = _leak(keyed)
    _sql(keyed, "DELETE FROM forwardings WHERE case_id = :c", c=case_id)
    assert check(keyed).records == [f"case {case_id}: forwardings holds 0 rows but the history records 1"]


def test_a_case_deleted_with_all_its_rows_is_reported(keyed, db_url):
    _leak(keyed)
    second = _leak(keyed)
    _leak(keyed)
    anchor, _path = write_anchor(_later(keyed))
    delete_every_row_of(keyed, second)
    report = check(keyed, anchor=anchor)
    assert report.anchor == [f"the anchor of {anchor.at.isoformat()} covers 9 events up to event 9, but fewer are "
                             "there now: history was removed"]
    if db_url.startswith("sqlite"):  # PostgreSQL spends numbers on refused intakes: there only the anchor tells
        assert f"case {second} is missing: deleted with its history?" in report.records


def test_a_role_raised_in_the_staff_table_is_reported(keyed):
    _sql(keyed, "UPDATE staff SET role = 'supervisor' WHERE name = 'Wang Fang'")
    assert check(keyed).records == ["staff Wang Fang: role is supervisor in the database but receptionist on the "
                                    "staff list, and no history records the change"]


def test_a_role_changed_by_a_supervisor_is_in_the_staff_history_and_not_reported(keyed):
    change_role(keyed, "Xu Ming", Role.department_manager, "Engineering", by="Chen Jing")
    assert check(keyed).records == []
    _sql(keyed, "UPDATE staff SET role = 'supervisor' WHERE name = 'Xu Ming'")  # and then raised by hand
    assert check(keyed).records == ["staff Xu Ming: role is supervisor in the database but department manager on "
                                    "the staff list, and no history records the change"]


def _later(desk):
    """The anchor covers what settled ten minutes before it: take it a quarter of an hour on."""
    desk.clock.set(at("2026-11-23 09:15"))
    return desk


def test_the_anchor_proves_nothing_before_it_changed(keyed, tmp_path):
    case_id = _leak(keyed)
    anchor, path = write_anchor(_later(keyed), tmp_path)
    assert parse(path.read_text()) == anchor and path.stat().st_mode & 0o777 == 0o600
    assert anchor.events == 3 and anchor.last == 3
    workflow.add_note(keyed, case_id, "tenant thanked the plumber")  # after the anchor: changes nothing it holds
    assert check(keyed, anchor=anchor).ok
    # A whole chain rewritten and resealed with the key (someone who did read the key): only the anchor tells.
    with Session(keyed.engine) as s:
        event = s.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id, HistoryEvent.seq == 3)).one()
        event.note = "nothing was wrong"
        changes = json.loads(event.changes)
        changes["outcome"][1] = "nothing was wrong"
        event.changes = json.dumps(changes, sort_keys=True)
        _reseal(s, case_id, event, history.key_of(s))
    report = check(keyed, anchor=anchor)
    assert report.history == [] and report.records == [f"case {case_id}: outcome is 'pipe joint replaced' but its "
                                                       "history says 'nothing was wrong' (changed without an event)"]
    assert report.anchor == [f"the history up to event 3 is not what the anchor of {anchor.at.isoformat()} recorded: "
                             "events before it were changed, removed or added since"]


def _reseal(session, case_id, changed, key) -> None:
    prev = ""
    events = session.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id).order_by(HistoryEvent.seq)).all()
    for e in events:
        if e.id == changed.id:
            e = changed
        e.prev_hash = prev
        e.hash = prev = history.event_hash(e, key)
        session.add(e)
    session.commit()


def test_a_key_made_for_an_old_desk_leaves_its_earlier_events_unkeyed(desk, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the key file is SQLite's")
    before = _leak(desk)
    make_key_file(db_url, 3)
    after = _leak(desk)
    assert check(desk).ok
    with Session(desk.engine) as s:
        old = s.exec(select(HistoryEvent).where(HistoryEvent.case_id == before)).all()
        new = s.exec(select(HistoryEvent).where(HistoryEvent.case_id == after)).all()
    assert all(e.hash == history.event_hash(e) for e in old)
    assert all(e.hash == history.event_hash(e, history_key(db_url)) for e in new)


def test_check_with_an_anchor_on_the_command_line(cli, keyed, tmp_path, monkeypatch):
    from tests.helpers import ADD

    cli(*ADD)
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-24T12:15+08:00")  # settled, on PostgreSQL too
    code, out, err = cli("anchor")
    assert code == 0, err
    line = out.strip().splitlines()[-1]
    path = tmp_path / "anchor.txt"
    path.write_text(line)
    code, out, _ = cli("check", "--anchor", str(path))
    assert code == 0 and "the history up to event 1 is as the anchor of" in out
    _sql(keyed, "DELETE FROM history")
    code, out, _ = cli("check", "--anchor", str(path))
    assert code == 1 and "anchor: the anchor of" in out and "history was removed" in out
    code, _, err = cli("check", "--anchor", str(tmp_path / "missing.txt"))
    assert code == 2 and err.startswith("error: --anchor:")


def test_init_makes_the_key_beside_a_new_database_and_check_is_keyed(cli, tmp_path, monkeypatch):
    target = tmp_path / "new-desk.db"
    monkeypatch.setenv("DESKAPP_DB", str(target))
    code, out, err = cli("init")
    assert code == 0, err
    key = tmp_path / "new-desk.db.history-key"
    assert f"history key written to {key}" in out and key.stat().st_mode & 0o777 == 0o600
    code, out, err = cli("init")  # a second init keeps the key it made
    assert code == 0 and "history key written" not in out, err
    code, out, _ = cli("check")
    assert code == 0 and "unkeyed" not in out


def test_the_handover_summary_and_the_day_report_print_the_newest_anchor(cli, keyed, monkeypatch):
    from deskapp.reads.shift_summary import shift_summary, summary_sections

    case_id = _leak(keyed)
    summary = summary_sections(shift_summary(keyed, at("2026-11-23 08:00"), at("2026-11-23 16:00")), keyed.calendar.tz)
    assert summary[-1] == ("History anchor", ["no history anchor yet: the app writes one each day beside its backup"])
    anchor, _path = write_anchor(_later(keyed))
    workflow.add_note(keyed, case_id, "after the anchor")
    summary = summary_sections(shift_summary(keyed, at("2026-11-23 08:00"), at("2026-11-23 16:00")), keyed.calendar.tz)
    assert summary[-1] == ("History anchor", [f"history anchor of Mon 09:15: {anchor.head[:16]} (3 / #3)"])
    code, out, err = cli("report", "day", "--date", "2026-11-23")
    assert code == 0, err
    assert out.rstrip().splitlines()[-1] == f"history anchor of Mon 09:15: {anchor.head[:16]} (3 / #3)"


def test_a_keyed_history_checked_without_its_key_says_the_key_may_be_missing(keyed, db_url, monkeypatch):
    case_id = _leak(keyed)
    if db_url.startswith("sqlite"):
        key_file(db_url).unlink()
    else:
        monkeypatch.delenv(ENV)
    report = check(keyed)
    assert f"case {case_id}: history event 1 (intake) was changed after it was written" in report.history
    assert report.notes[-1].startswith("if this desk has a history key, give it (DESKAPP_HISTORY_KEY or the key file")
