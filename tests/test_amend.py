"""Correcting without voiding, as the desk's day: a phone typed wrong is corrected with its reason, an
inquiry the customer is still unhappy with becomes a complaint, a leaver's cases get a new owner,
and a paper log is typed up in the order the pages come."""

from __future__ import annotations

import json

import pytest

from deskapp.desk import workflow
from deskapp.desk.amend import amend, convert, reassign
from deskapp.domain.enums import ClockName, Kind, Severity, Status
from deskapp.domain.errors import BadInput, DeskError, NotAllowed
from deskapp.reads.queries import case_detail
from deskapp.upkeep.check import check
from tests.conftest import at
from tests.helpers import ADD, cases, history, record

ALL_BACKENDS = True


def _changes(desk, case_id: int, action: str) -> dict:
    [event] = [e for e in history(desk, case_id) if e.action == action]
    return json.loads(event.changes)


def test_a_phone_typed_wrong_is_corrected_with_before_and_after_in_the_history(desk):
    case_id = record(desk, "2026-11-23 08:00", phone="13800138000")
    view = amend(desk, case_id, {"phone": "139 0013 9000", "who": " Ms Li Hua "}, "caller spelled it out again")
    assert (view.case.phone, view.case.who) == ("13900139000", "Ms Li Hua")
    assert _changes(desk, case_id, "amend") == {"phone": ["13800138000", "13900139000"], "who": ["Ms Li", "Ms Li Hua"]}
    assert history(desk, case_id)[-1].note == "caller spelled it out again"
    assert check(desk).ok


def test_a_corrected_which_is_split_into_building_floor_and_unit_again(desk):
    case_id = record(desk, "2026-11-23 08:00", which="Tower B 12F 1203")
    view = amend(desk, case_id, {"which": "Tower A 3F 301"}, "wrong tower")
    assert (view.case.building, view.case.floor, view.case.unit) == ("Tower A", "3", "301")


def test_a_correction_refused_writes_nothing(desk):
    case_id = record(desk, "2026-11-23 08:00")
    with pytest.raises(BadInput, match="say what happened"):
        amend(desk, case_id, {"what": "  "}, "cleared by mistake")
    with pytest.raises(DeskError, match="reason for the correction is needed"):
        amend(desk, case_id, {"phone": "13900139000"}, "")
    with pytest.raises(DeskError, match=f"case {case_id} already says that"):
        amend(desk, case_id, {"who": "Ms Li"}, "no change")
    with pytest.raises(DeskError, match="kind cannot be corrected this way"):
        amend(desk, case_id, {"kind": Kind.repair}, "wrong kind")
    assert [e.action for e in history(desk, case_id)] == ["intake"]


def test_after_forwarding_only_the_owner_or_a_supervisor_corrects(desk):
    case_id = record(desk, "2026-11-23 08:00")  # taken by Wang Fang
    amend(desk, case_id, {"why": "since the storm"}, "caller added it", by="Liu Yang")  # not forwarded yet: anyone
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    with pytest.raises(NotAllowed, match=rf"case {case_id} is forwarded: only its owner \(Wang Fang\) or a supervisor "
                                         r"can correct it; Liu Yang is receptionist"):
        amend(desk, case_id, {"phone": "13900139000"}, "typed wrong", by="Liu Yang")
    amend(desk, case_id, {"phone": "13900139000"}, "typed wrong", by="Wang Fang")
    amend(desk, case_id, {"phone": "13700137000"}, "caller's new number", by="Chen Jing")
    assert [e.action for e in history(desk, case_id)] == ["intake", "amend", "forward", "amend", "amend"]


def test_the_time_received_cannot_move_after_the_first_step(desk):
    case_id = record(desk, "2026-11-23 08:00")
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    with pytest.raises(DeskError, match=r"cannot be after the case's first step \(2026-11-23 08:05\)"):
        amend(desk, case_id, {"received_at": at("2026-11-23 08:10")}, "paper said 08:10", by="Wang Fang")
    view = amend(desk, case_id, {"received_at": at("2026-11-23 07:50")}, "paper said 07:50", by="Wang Fang")
    assert view.case.received_at == at("2026-11-23 07:50")


def test_an_inquiry_still_unhappy_becomes_a_complaint_whose_clocks_start_at_the_conversion(desk):
    case_id = record(desk, "2026-11-20 10:00", kind=Kind.inquiry)
    workflow.resolve(desk, case_id, "told the opening hours", at=at("2026-11-20 10:05"))
    desk.clock.set(at("2026-11-23 09:00"))
    view = convert(desk, case_id, Severity.general, "caller rang back, still unhappy", by="Wang Fang")
    c = view.case
    assert (c.kind, c.severity, c.status, c.converted_at, c.resolved_at) == (
        Kind.complaint, Severity.general, Status.received, at("2026-11-23 09:00"), None)
    forward = next(clock for clock in view.clocks if clock.name is ClockName.forward)
    assert forward.start == at("2026-11-23 09:00")  # not Friday's call
    assert [e.action for e in history(desk, case_id)] == ["intake", "resolve", "convert"]
    assert check(desk).ok


def test_only_an_inquiry_repair_or_assistance_is_converted(desk):
    case_id = record(desk, "2026-11-23 08:00")
    with pytest.raises(DeskError, match=f"case {case_id} is a complaint; only an inquiry"):
        convert(desk, case_id, Severity.general, "already one")


def test_a_supervisor_gives_a_leavers_case_a_new_owner_and_both_names_stay(desk):
    case_id = record(desk, "2026-11-23 08:00")
    with pytest.raises(NotAllowed, match=r"only a supervisor can give a case another owner \(supervisor: Chen Jing\); "
                                         r"Liu Yang is receptionist"):
        reassign(desk, case_id, "Liu Yang", "Wang Fang left", by="Liu Yang")
    view = reassign(desk, case_id, "Liu Yang", "Wang Fang left", by="Chen Jing")
    assert view.owner == "Liu Yang"
    assert _changes(desk, case_id, "reassign") == {"owner": ["Wang Fang", "Liu Yang"]}
    assert check(desk).ok
    detail = case_detail(desk, case_id)
    assert detail.history[-1].actor == "Chen Jing"


def test_a_paper_log_is_typed_up_in_any_order_that_fits_the_case(desk):
    """The night's pages come out of order: the escalation is typed before the acknowledgement."""
    case_id = record(desk, "2026-11-23 02:00", severity=Severity.major)
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 02:05"))
    workflow.escalate(desk, case_id, "told the duty director", at=at("2026-11-23 02:40"))
    workflow.acknowledge(desk, case_id, by="Sun Qiang", at=at("2026-11-23 02:10"))  # earlier than the escalation
    with pytest.raises(DeskError, match=r"the resolve time 2026-11-23 02:08 is before the case's last step "
                                        r"\(acknowledge at 2026-11-23 02:10\)"):
        workflow.resolve(desk, case_id, "valve closed", at=at("2026-11-23 02:08"))
    with pytest.raises(DeskError, match="before case .* was received"):
        workflow.escalate(desk, record(desk, "2026-11-23 03:00"), at=at("2026-11-23 02:59"))
    workflow.resolve(desk, case_id, "valve closed", at=at("2026-11-23 02:30"))  # before the escalation: fine
    assert cases(desk)[0].status is Status.resolved


# ---- the command line: a refusal is one line, exit 2, nothing written ------------------------------------

def test_amend_convert_and_reassign_on_the_command_line(cli, desk):
    cli(*ADD)
    code, out, err = cli("amend", "1", "--phone", "139 0013 9000", "--reason", "typed wrong")
    assert code == 0 and out.startswith("Case 1 · complaint (general)"), err
    assert cases(desk)[0].phone == "13900139000"
    code, out, err = cli("reassign", "1", "--owner", "Liu Yang", "--reason", "Wang Fang left", "--by", "Chen Jing",
                         "--json")
    assert code == 0 and json.loads(out)["received_by"] == "Liu Yang", err
    assert [e.action for e in history(desk, 1)] == ["intake", "amend", "reassign"]


@pytest.mark.parametrize("args, said", [
    (["amend", "1", "--phone", "13900139000"], 'error: --reason is needed, for example --reason "phone number typed wrong"'),
    (["amend", "1", "--reason", "x"], "error: say what to correct, for example --phone 13800138000"),
    (["amend", "1", "--what", "", "--reason", "x"], "error: say what happened"),
    (["reassign", "1", "--owner", "Liu Yang", "--reason", "left"], "error: only a supervisor can give a case another owner"),
    (["convert", "1", "--to", "complaint", "--severity", "minor", "--reason", "x"],
     "error: case 1 is a complaint; only an inquiry"),
    (["convert", "1", "--to", "repair", "--severity", "minor", "--reason", "x"], "error: --to: a case can be made a complaint only"),
])
def test_a_refused_correction_is_one_line_exit_2_and_writes_nothing(cli, desk, args, said):
    cli(*ADD)
    code, _out, err = cli(*args)
    assert code == 2 and err.startswith(said) and err.count("\n") == 1, err
    assert [e.action for e in history(desk, 1)] == ["intake"]
