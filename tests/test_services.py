"""Desk operations on a temporary SQLite file: each one's rows, its history event, its refusals."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from deskapp.desk import workflow
from deskapp.desk.callbacks import record_callback
from deskapp.desk.history import event_hash
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import (
    AttemptResult,
    Channel,
    ClockState,
    Kind,
    NoteKind,
    Satisfaction,
    Severity,
    Status,
    Validity,
)
from deskapp.domain.errors import BadInput, Conflict, DeskError, NotAllowed, NotFound
from deskapp.domain.intake import Intake
from deskapp.models import (
    Callback,
    CallbackAttempt,
    Case,
    Forwarding,
    HistoryEvent,
    Note,
    Notification,
    Pause,
    Resolution,
)
from deskapp.reads.queries import case_detail, desk_summary, list_cases
from deskapp.words.history import event_words
from tests.conftest import at

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one


def intake(**fields) -> Intake:
    values = dict(kind=Kind.complaint, severity=Severity.general, who="Ms Li", which="Tower B 12F unit 1203",
                  what="water dripping from the ceiling", phone="138 0013 8000", received_at=at("2026-11-20 19:30"))
    values.update(fields)
    return Intake(**values)


def history(desk, case_id) -> list[HistoryEvent]:
    with Session(desk.engine) as s:
        return list(s.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id).order_by(col(HistoryEvent.id))))


def shown(desk, case_id) -> list[str]:
    """The case's history as the case detail words it, in the reader's language."""
    return [event_words(line, desk.calendar.tz) for line in case_detail(desk, case_id).history]


def rows(desk, model, case_id=None):
    with Session(desk.engine) as s:
        query = select(model)
        if case_id is not None:
            query = query.where(model.case_id == case_id)
        return list(s.exec(query))


def last_event(desk, case_id) -> HistoryEvent:
    return history(desk, case_id)[-1]


def test_intake_records_the_5w1h_the_owner_and_an_intake_event(desk):
    view = record_intake(desk, intake(why="third time this month", how="fix today", special_requests="call after 5pm"),
                         by="Liu Yang")
    case = view.case
    assert (case.building, case.floor, case.unit) == ("Tower B", "12", "1203")
    assert case.phone == "13800138000"
    assert case.after_hours is True  # Friday 19:30 is after closing
    assert case.status is Status.received
    assert view.owner == "Liu Yang"
    [event] = history(desk, case.id)
    assert event.action == "intake"
    assert event.at == at("2026-11-20 19:30")
    changes = json.loads(event.changes)
    assert changes["what"] == [None, "water dripping from the ceiling"]
    assert changes["how"] == [None, "fix today"]
    assert {c.name.value for c in view.clocks} == {"forward", "resolve"}


def test_intake_refuses_a_complaint_without_where_or_who_and_writes_nothing(desk):
    with pytest.raises(BadInput) as refused:
        record_intake(desk, intake(who="", phone="", which=""))
    fields = {p.field for p in refused.value.problems}
    assert fields == {"who", "which"}
    assert rows(desk, Case) == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"what": "  "}, "what"),
        ({"severity": None}, "severity"),
        ({"phone": "12ab"}, "phone"),
        ({"requested_by": at("2026-11-20 10:00")}, "requested_by"),
        ({"kind": Kind.inquiry}, "severity"),  # severity is for complaints only
    ],
)
def test_intake_bad_input_is_refused_field_by_field(desk, fields, field):
    with pytest.raises(BadInput) as refused:
        record_intake(desk, intake(**fields))
    assert refused.value.field == field
    assert rows(desk, Case) == []


def test_intake_in_the_future_and_unknown_operator_are_refused(desk):
    with pytest.raises(DeskError, match="future"):
        record_intake(desk, intake(received_at=at("2026-11-23 12:00")))
    with pytest.raises(NotFound, match="not on the staff list"):
        record_intake(desk, intake(), by="Nobody")
    assert rows(desk, Case) == []


def test_forward_records_the_work_order_and_meets_the_forward_clock(desk):
    case_id = record_intake(desk, intake()).case.id
    view = workflow.forward(desk, case_id, "engineering", person="Xu Ming", note="ceiling tile wet",
                            at=at("2026-11-23 08:05"))
    assert view.case.status is Status.forwarded
    assert view.department == "Engineering" and view.assignee == "Xu Ming"
    forward_clock = {c.name.value: c for c in view.clocks}["forward"]
    assert forward_clock.state is ClockState.met
    [order] = rows(desk, Forwarding, case_id)
    assert order.at == at("2026-11-23 08:05")
    event = last_event(desk, case_id)
    assert event.action == "forward"
    # Kept as data (the department by its kept name), worded when shown.
    assert json.loads(event.changes)["department"] == [None, "Engineering"]
    assert json.loads(event.changes)["assignee"] == [None, "Xu Ming"]
    assert json.loads(event.details) == {"department": "Engineering", "person": "Xu Ming"}
    assert event.note == "ceiling tile wet"
    assert case_detail(desk, case_id).history[-1].details == {"department": "Engineering", "person": "Xu Ming"}
    assert shown(desk, case_id)[-1].startswith("forwarded to Engineering / Xu Ming: ceiling tile wet\n")


def test_forward_to_an_unknown_department_is_refused(desk):
    case_id = record_intake(desk, intake()).case.id
    with pytest.raises(NotFound, match="not a department"):
        workflow.forward(desk, case_id, "Plumbing")
    assert rows(desk, Forwarding) == [] and len(history(desk, case_id)) == 1


def test_acknowledge_puts_the_case_in_progress(desk):
    case_id = record_intake(desk, intake()).case.id
    with pytest.raises(NotAllowed, match="has not been forwarded"):
        workflow.acknowledge(desk, case_id)
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    view = workflow.acknowledge(desk, case_id, by="Sun Qiang", at=at("2026-11-23 08:10"))
    assert view.case.status is Status.in_progress
    [order] = rows(desk, Forwarding, case_id)
    assert order.acknowledged_at == at("2026-11-23 08:10")
    assert last_event(desk, case_id).action == "acknowledge"


def test_escalate_and_notify_for_a_major_complaint(desk):
    case_id = record_intake(desk, intake(severity=Severity.major, received_at=at("2026-11-22 23:00")),
                            by="Zhao Lei").case.id
    view = workflow.escalate(desk, case_id, "ceiling collapsed onto a desk", by="Zhao Lei", at=at("2026-11-22 23:20"))
    assert {c.name.value: c.state for c in view.clocks}["escalate"] is ClockState.met
    workflow.notify(desk, case_id, "Lin Tao", "on his way", by="Zhao Lei", at=at("2026-11-22 23:25"))
    [call] = rows(desk, Notification, case_id)
    assert call.at == at("2026-11-22 23:25")
    event = last_event(desk, case_id)
    assert event.note == "on his way"  # as typed; who was called is data
    assert json.loads(event.details) == {"manager": "Lin Tao", "phone": "13800138020", "role": "project_manager"}
    assert shown(desk, case_id)[-1] == "called Lin Tao (project manager, 13800138020): on his way"
    with pytest.raises(NotAllowed, match="already escalated"):
        workflow.escalate(desk, case_id)


def test_severity_change_needs_a_reason_and_changes_the_clocks(desk):
    case_id = record_intake(desk, intake(received_at=at("2026-11-23 08:30"))).case.id
    with pytest.raises(DeskError, match="reason"):
        workflow.set_severity(desk, case_id, Severity.major, "")
    view = workflow.set_severity(desk, case_id, Severity.major, "water reached the server room")
    assert {c.name.value for c in view.clocks} == {"forward", "escalate", "resolve"}
    event = last_event(desk, case_id)
    # The new severity moves the running clocks, each before → after in the same event.
    assert json.loads(event.changes) == {
        "severity": ["general", "major"],
        "due_forward": ["2026-11-23T00:50:00+00:00", "2026-11-23T00:40:00+00:00"],
        "due_resolve": ["2026-11-25T02:30:00+00:00", "2026-11-25T00:30:00+00:00"],
    }
    assert event.note == "water reached the server room"


def test_validity_then_explanation_meets_the_explain_clock(desk):
    case_id = record_intake(desk, intake()).case.id
    workflow.set_validity(desk, case_id, Validity.invalid, "the tenant's own pipe", at=at("2026-11-23 08:30"))
    view = workflow.add_note(desk, case_id, "explained by phone; offered a plumber's number",
                             NoteKind.explanation, at=at("2026-11-23 08:45"))
    explain = {c.name.value: c for c in view.clocks}["explain"]
    assert explain.state is ClockState.met
    assert view.case.status is Status.in_progress
    assert [e.action for e in history(desk, case_id)] == ["intake", "validity", "note"]
    [note] = rows(desk, Note, case_id)
    assert note.kind is NoteKind.explanation


def test_validity_is_for_complaints_only(desk):
    case_id = record_intake(desk, intake(kind=Kind.repair, severity=None)).case.id
    with pytest.raises(DeskError, match="only complaints"):
        workflow.set_validity(desk, case_id, Validity.valid, "x")


def test_pause_and_resume_keep_the_waiting_time(desk):
    case_id = record_intake(desk, intake(received_at=at("2026-11-23 08:00"))).case.id
    desk.clock.set(at("2026-11-23 14:00"))
    workflow.pause(desk, case_id, "customer travelling until noon", at=at("2026-11-23 09:00"))
    view = workflow.resume(desk, case_id, "customer back", at=at("2026-11-23 12:00"))
    assert view.case.status is Status.received
    resolve = {c.name.value: c for c in view.clocks}["resolve"]
    assert resolve.waited == timedelta(hours=3)
    [pause] = rows(desk, Pause, case_id)
    assert (pause.started_at, pause.ended_at) == (at("2026-11-23 09:00"), at("2026-11-23 12:00"))
    assert [e.action for e in history(desk, case_id)][-2:] == ["pause", "resume"]
    with pytest.raises(NotAllowed, match="cannot be resumed"):
        workflow.resume(desk, case_id)


def test_repair_arrival_meets_the_arrive_clock(desk):
    case_id = record_intake(desk, intake(kind=Kind.repair, severity=None, received_at=at("2026-11-23 08:00"))).case.id
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:02"))
    view = workflow.record_arrival(desk, case_id, by="Xu Ming", at=at("2026-11-23 08:12"))
    assert {c.name.value: c.state for c in view.clocks}["arrive"] is ClockState.met
    with pytest.raises(NotAllowed, match="already recorded"):
        workflow.record_arrival(desk, case_id)


def test_resolve_schedules_the_callback_and_an_inquiry_closes_at_once(desk):
    case_id = record_intake(desk, intake(received_at=at("2026-11-23 08:00"))).case.id
    view = workflow.resolve(desk, case_id, "pipe joint replaced", at=at("2026-11-23 08:50"))
    assert view.case.status is Status.resolved
    [callback] = rows(desk, Callback, case_id)
    assert callback.due_at == at("2026-11-24 08:50")
    assert callback.callers == "department_manager"
    [resolution] = rows(desk, Resolution, case_id)
    assert resolution.outcome == "pipe joint replaced"
    inquiry = record_intake(desk, intake(kind=Kind.inquiry, severity=None, what="where to park a van",
                                         received_at=at("2026-11-23 08:30"))).case.id
    assert workflow.resolve(desk, inquiry, "visitor bays B2").case.status is Status.closed


def test_resolve_needs_an_outcome_and_a_voided_case_cannot_be_resolved(desk):
    case_id = record_intake(desk, intake()).case.id
    with pytest.raises(DeskError, match="outcome is needed"):
        workflow.resolve(desk, case_id, " ")
    workflow.void(desk, case_id, "entered twice", by="Chen Jing")
    with pytest.raises(NotAllowed, match="voided"):
        workflow.resolve(desk, case_id, "done")
    assert last_event(desk, case_id).action == "void"
    assert rows(desk, Case)[0].void_reason == "entered twice"


def test_events_cannot_precede_the_call_or_lie_in_the_future(desk):
    case_id = record_intake(desk, intake()).case.id
    with pytest.raises(DeskError, match="before case"):
        workflow.forward(desk, case_id, "Engineering", at=at("2026-11-20 19:00"))
    with pytest.raises(DeskError, match="in the future"):
        workflow.forward(desk, case_id, "Engineering", at=at("2026-11-24 09:00"))


def test_nonexistent_case_is_refused(desk):
    with pytest.raises(NotFound, match="no case 999"):
        workflow.forward(desk, 999, "Engineering")


def _resolved_case(desk, severity=Severity.general):
    case_id = record_intake(desk, intake(severity=severity, received_at=at("2026-11-23 08:00"))).case.id
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    workflow.resolve(desk, case_id, "pipe joint replaced", at=at("2026-11-23 08:40"))
    return case_id


def test_satisfied_callback_closes_the_case(desk):
    case_id = _resolved_case(desk)
    view = record_callback(desk, case_id, AttemptResult.reached, Satisfaction.satisfied, by="Sun Qiang",
                           at=at("2026-11-23 08:55"))
    assert view.case.status is Status.closed
    assert {c.name.value: c.state for c in view.clocks}["callback"] is ClockState.met
    [callback] = rows(desk, Callback, case_id)
    assert callback.satisfaction is Satisfaction.satisfied and callback.done_at == at("2026-11-23 08:55")


def test_unsatisfied_callback_reopens_with_a_fresh_resolve_clock_not_already_overdue(desk):
    case_id = _resolved_case(desk)
    with pytest.raises(DeskError, match="corrective action"):
        record_callback(desk, case_id, AttemptResult.reached, Satisfaction.unsatisfied, at=at("2026-11-23 08:55"))
    view = record_callback(desk, case_id, AttemptResult.reached, Satisfaction.unsatisfied,
                           note="still dripping: replace the whole pipe section", at=at("2026-11-23 08:55"))
    assert view.case.status is Status.in_progress and view.case.reopen_count == 1
    resolve = {c.name.value: c for c in view.clocks}["resolve"]
    assert resolve.start == at("2026-11-23 08:55") and resolve.state is ClockState.on_time
    assert [e.action for e in history(desk, case_id)][-2:] == ["callback", "reopen"]
    assert rows(desk, Note, case_id)[0].kind is NoteKind.corrective
    # Resolved again: a second callback for the second round.
    workflow.resolve(desk, case_id, "pipe section replaced", at=at("2026-11-23 08:58"))
    assert [c.round for c in rows(desk, Callback, case_id)] == [1, 2]


def test_three_failed_callback_attempts_flag_the_case_for_the_supervisor(desk):
    case_id = _resolved_case(desk)
    for minute in ("08:45", "08:50", "08:55"):
        view = record_callback(desk, case_id, AttemptResult.no_answer, at=at(f"2026-11-23 {minute}"))
    assert view.case.flagged == "callback failed 3 times"
    [callback] = rows(desk, Callback, case_id)
    assert callback.failed_attempts == 3
    assert callback.next_try_at == at("2026-11-23 10:55")  # two working hours later
    assert len(rows(desk, CallbackAttempt)) == 3
    assert view.case.status is Status.resolved


def test_call_later_needs_a_time_and_on_site_callbacks_need_the_signature_answer(desk):
    case_id = _resolved_case(desk, Severity.major)
    with pytest.raises(DeskError, match="when the customer asked"):
        record_callback(desk, case_id, AttemptResult.call_later, at=at("2026-11-23 08:45"))
    with pytest.raises(DeskError, match="signed"):
        record_callback(desk, case_id, AttemptResult.reached, Satisfaction.satisfied, at=at("2026-11-23 08:50"))
    view = record_callback(desk, case_id, AttemptResult.reached, Satisfaction.satisfied, signed=True,
                           by="Lin Tao", at=at("2026-11-23 08:50"))
    assert view.case.status is Status.closed
    assert rows(desk, CallbackAttempt)[0].signed is True


def test_callback_only_after_resolution(desk):
    case_id = record_intake(desk, intake()).case.id
    with pytest.raises(NotAllowed, match="cannot be called back"):
        record_callback(desk, case_id, AttemptResult.reached, Satisfaction.satisfied)


def test_a_stale_version_is_refused_with_who_changed_it(desk):
    view = record_intake(desk, intake())
    workflow.add_note(desk, view.case.id, "tenant called again", by="Liu Yang")
    with pytest.raises(Conflict, match="changed by Liu Yang at"):
        workflow.add_note(desk, view.case.id, "my note", expected_version=view.case.version)


def test_history_is_a_hash_chain(desk):
    case_id = _resolved_case(desk)
    events = history(desk, case_id)
    assert events[0].prev_hash == ""
    for before, after in zip(events, events[1:]):
        assert after.prev_hash == before.hash
    assert all(event_hash(e) == e.hash for e in events)
    events[1].note = "quietly rewritten"
    assert event_hash(events[1]) != events[1].hash


def test_batch_is_all_or_nothing(desk):
    with pytest.raises(NotFound):
        with desk.batch():
            record_intake(desk, intake())
            workflow.forward(desk, 1, "Nowhere")
    assert rows(desk, Case) == []


def test_lists_detail_and_summary(desk):
    first = record_intake(desk, intake(channel=Channel.visit)).case.id
    second = record_intake(desk, intake(kind=Kind.repair, severity=None, received_at=at("2026-11-23 08:00"))).case.id
    workflow.forward(desk, second, "Engineering", at=at("2026-11-23 08:01"))
    assert [v.case.id for v in list_cases(desk)] == [second, first]
    assert [v.case.id for v in list_cases(desk, overdue=True)] == [second, first]  # arrival due 08:16, forward 08:20
    assert [v.case.id for v in list_cases(desk, kind=Kind.repair)] == [second]
    assert [v.case.id for v in list_cases(desk, day=at("2026-11-20 00:00").date())] == [first]
    detail = case_detail(desk, first)
    assert [h.action for h in detail.history] == ["intake"] and detail.history[0].actor == "Wang Fang"
    summary = desk_summary(desk)
    assert (summary.open, summary.overdue, summary.received_today) == (2, 2, 1)


def test_a_change_of_state_cannot_be_dated_before_the_last_one_but_a_note_can(desk):
    case_id = record_intake(desk, intake()).case.id
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:30"))
    with pytest.raises(DeskError, match=r"before the case's last step \(forward at 2026-11-23 08:30\)"):
        workflow.resolve(desk, case_id, "fixed", at=at("2026-11-23 08:10"))
    workflow.add_note(desk, case_id, "tenant rang at 08:00 to chase", NoteKind.call, at=at("2026-11-23 08:00"))
    assert [e.action for e in history(desk, case_id)] == ["intake", "forward", "note"]


def test_only_a_supervisor_voids_or_changes_severity_once_forwarded(desk):
    case_id = record_intake(desk, intake(received_at=at("2026-11-23 08:00"))).case.id
    workflow.set_severity(desk, case_id, Severity.minor, "caller calmer than first thought", by="Wang Fang",
                          at=at("2026-11-23 08:02"))
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    with pytest.raises(NotAllowed, match=r"only a supervisor can change the severity once the case is forwarded "
                                         r"\(supervisor: Chen Jing\); Wang Fang is receptionist"):
        workflow.set_severity(desk, case_id, Severity.major, "water in the server room", by="Wang Fang")
    with pytest.raises(NotAllowed, match=r"only a supervisor can void a case \(supervisor: Chen Jing\)"):
        workflow.void(desk, case_id, "mistake", by="Zhao Lei")
    workflow.set_severity(desk, case_id, Severity.major, "water in the server room", by="Chen Jing")
    assert workflow.void(desk, case_id, "entered twice", by="Chen Jing").case.status is Status.void
