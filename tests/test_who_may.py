"""Who may do what, once the desk has PINs: each step belongs to the people data/permissions.toml
names, a refusal says who may take the step instead, and nothing is written."""

from __future__ import annotations

import io
import sys

import pytest
from sqlmodel import select

from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.desk.callbacks import confirm_result, record_callback
from deskapp.domain.enums import AttemptResult, Confirmation, Satisfaction, Severity, Status, Validity
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.models import CallbackAttempt, Resolution
from tests.helpers import ADD, actions_of, cases, record

ALL_BACKENDS = True


@pytest.fixture
def accountable(desk):
    """Monday morning: Chen Jing, the supervisor, has set the desk's first PIN."""
    set_pin(desk, "Chen Jing", "990011")
    return desk


def _work_order(desk, severity=Severity.general) -> int:
    """Ms Li's leak, forwarded to Engineering."""
    number = record(desk, "2026-11-23 08:30", severity=severity)
    workflow.forward(desk, number, "Engineering")
    return number


def _resolved(desk, severity=Severity.general) -> int:
    number = _work_order(desk, severity)
    workflow.acknowledge(desk, number, by="Xu Ming")
    workflow.resolve(desk, number, "pipe joint replaced", by="Xu Ming")
    return number


def test_wu_gang_of_security_cannot_acknowledge_engineerings_work_order(accountable):
    number = _work_order(accountable)
    before = actions_of(accountable, number)
    with pytest.raises(NotAllowed) as refused:
        workflow.acknowledge(accountable, number, by="Wu Gang")
    assert str(refused.value) == (
        "Wu Gang (department manager, Security) cannot acknowledge a forwarded case: that is for the people of "
        "Engineering (Sun Qiang, Xu Ming) or a supervisor (Chen Jing)")
    assert actions_of(accountable, number) == before  # nothing written
    assert workflow.acknowledge(accountable, number, by="Xu Ming").case.status is Status.in_progress


def test_the_supervisor_may_acknowledge_for_the_department(accountable):
    number = _work_order(accountable)
    assert workflow.acknowledge(accountable, number, by="Chen Jing").case.status is Status.in_progress


def test_a_desk_without_pins_works_as_it_always_did(desk):
    number = _work_order(desk)
    assert workflow.acknowledge(desk, number, by="Wang Fang").case.status is Status.in_progress
    assert workflow.set_validity(desk, number, Validity.valid, "joint failed", by="Wang Fang").case.validity is Validity.valid


def test_validity_is_the_departments_or_a_supervisors_decision_on_a_ground_from_the_manuals(accountable):
    number = _work_order(accountable)
    with pytest.raises(NotAllowed, match=r"Wang Fang \(receptionist, Customer Service\) cannot decide a complaint's "
                                         r"validity: that is for the manager of Engineering \(Sun Qiang\), the staff "
                                         r"of Engineering \(Xu Ming\) or a supervisor \(Chen Jing\)"):
        workflow.set_validity(accountable, number, Validity.invalid, "tenant's own tap", by="Wang Fang",
                              ground="rules_misunderstood")
    with pytest.raises(DeskError, match="pick the ground of the decision: a misunderstanding of the rules, a matter "
                                        "for the government or another party, anonymous or impossible to verify"):
        workflow.set_validity(accountable, number, Validity.invalid, "tenant's own tap", by="Xu Ming")
    with pytest.raises(DeskError, match="'staff_conduct' is not a ground of the decision \"invalid complaint\""):
        workflow.set_validity(accountable, number, Validity.invalid, "tenant's own tap", by="Xu Ming",
                              ground="staff_conduct")
    assert "validity" not in actions_of(accountable, number)
    workflow.set_validity(accountable, number, Validity.invalid, "the tap in the unit is the tenant's", by="Sun Qiang",
                          ground="a matter for the government or another party")
    assert cases(accountable)[0].validity_ground == "other_party"


def test_sun_qiang_signs_the_result_before_the_callback_counts(accountable):
    number = _resolved(accountable)
    for who in ("Xu Ming", "Chen Jing"):
        with pytest.raises(NotAllowed, match=rf"{who} .* cannot confirm the result of a resolved complaint: that is for "
                                             r"the manager of Engineering \(Sun Qiang\)"):
            confirm_result(accountable, number, by=who)
    with pytest.raises(NotAllowed, match=rf"case {number}'s result is not yet confirmed by the manager of Engineering "
                                         rf"\(Sun Qiang\): `deskapp confirm {number}` first"):
        record_callback(accountable, number, AttemptResult.reached, Satisfaction.satisfied, by="Sun Qiang",
                        confirmation=Confirmation.phone)
    confirm_result(accountable, number, "checked the joint myself", by="Sun Qiang")
    with accountable.reading() as session:
        signed = session.exec(select(Resolution).where(Resolution.case_id == number)).one()
    assert signed.confirmed_at is not None and signed.confirmed_by_id is not None
    with pytest.raises(NotAllowed, match="already confirmed by Sun Qiang"):
        confirm_result(accountable, number, by="Sun Qiang")
    assert actions_of(accountable, number)[-1] == "confirm"


def test_a_receptionist_does_not_record_the_managers_callback(accountable):
    number = _resolved(accountable)
    confirm_result(accountable, number, by="Sun Qiang")
    with pytest.raises(NotAllowed, match=rf"case {number}'s callback is made by the manager of Engineering "
                                         r"\(Sun Qiang\); present: Wang Fang"):
        record_callback(accountable, number, AttemptResult.reached, Satisfaction.satisfied, by="Wang Fang",
                        confirmation=Confirmation.phone)
    with pytest.raises(NotAllowed, match="Wang Fang was not on case .*'s callback: it is recorded by those who made it "
                                         r"\(Sun Qiang\) or a supervisor"):
        record_callback(accountable, number, AttemptResult.reached, Satisfaction.satisfied, by="Wang Fang",
                        callers=["Sun Qiang"], confirmation=Confirmation.phone)


def test_the_customer_is_asked_to_confirm_every_complaint_callback(accountable):
    number = _resolved(accountable)
    confirm_result(accountable, number, by="Sun Qiang")
    with pytest.raises(DeskError, match="say how the customer confirmed"):
        record_callback(accountable, number, AttemptResult.reached, Satisfaction.satisfied, by="Sun Qiang")
    view = record_callback(accountable, number, AttemptResult.reached, Satisfaction.satisfied, by="Sun Qiang",
                           confirmation=Confirmation.phone)
    assert view.case.status is Status.closed
    with accountable.reading() as session:
        attempt = session.exec(select(CallbackAttempt)).one()
    assert (attempt.present, attempt.confirmed_how) == ("Sun Qiang", "phone")


def test_a_major_complaints_visit_needs_the_department_manager_and_the_project_manager(accountable):
    number = _resolved(accountable, Severity.major)
    confirm_result(accountable, number, by="Sun Qiang")
    with pytest.raises(NotAllowed, match=r"callback is made by the manager of Engineering \(Sun Qiang\) and a "
                                         r"project manager \(Lin Tao\); present: Sun Qiang"):
        record_callback(accountable, number, AttemptResult.reached, Satisfaction.satisfied, by="Sun Qiang",
                        confirmation=Confirmation.signed)
    view = record_callback(accountable, number, AttemptResult.reached, Satisfaction.satisfied, by="Lin Tao",
                           callers=["Sun Qiang", "Lin Tao"], confirmation=Confirmation.signed)
    assert view.case.status is Status.closed
    with accountable.reading() as session:
        attempt = session.exec(select(CallbackAttempt)).one()
    assert (attempt.present, attempt.confirmed_how, attempt.signed) == ("Sun Qiang,Lin Tao", "signed", True)


def test_void_and_a_forwarded_cases_severity_are_the_supervisors(accountable):
    number = _work_order(accountable)
    with pytest.raises(NotAllowed, match=r"Sun Qiang \(department manager, Engineering\) cannot void a case: that is "
                                         r"for a supervisor \(Chen Jing\)"):
        workflow.void(accountable, number, "entered twice", by="Sun Qiang")
    with pytest.raises(NotAllowed, match="Wang Fang .* cannot change the severity once the case is forwarded"):
        workflow.set_severity(accountable, number, Severity.major, "ceiling collapsing", by="Wang Fang")
    workflow.set_severity(accountable, number, Severity.major, "ceiling collapsing", by="Chen Jing")
    assert workflow.void(accountable, number, "entered twice", by="Chen Jing").case.status is Status.void


def test_on_the_command_line_a_refusal_is_one_line_and_exit_2(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n990011\n"))
    cli("pin", "Chen Jing")
    monkeypatch.setenv("DESKAPP_OPERATOR", "Chen Jing")
    monkeypatch.setenv("DESKAPP_PIN", "990011")
    assert cli(*ADD)[0] == 0
    assert cli("forward", "1", "--to", "Engineering")[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n424242\n424242\n"))
    assert cli("pin", "Wu Gang", "--by", "Chen Jing")[0] == 0
    monkeypatch.setenv("DESKAPP_PIN", "424242")
    code, out, err = cli("acknowledge", "1", "--by", "Wu Gang")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("error: Wu Gang (department manager, Security) cannot acknowledge a forwarded case")


def test_the_callback_command_names_the_callers_and_the_customers_confirmation(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n990011\n"))
    cli("pin", "Chen Jing")
    monkeypatch.setenv("DESKAPP_PIN", "990011")
    monkeypatch.setenv("DESKAPP_OPERATOR", "Chen Jing")
    cli(*ADD[:4], "major", *ADD[5:])
    for step in (("forward", "1", "--to", "Engineering"), ("acknowledge", "1"), ("resolve", "1", "--outcome", "fixed")):
        assert cli(*step)[0] == 0
    for who, pin in (("Sun Qiang", "111222"), ("Lin Tao", "333444")):
        monkeypatch.setenv("DESKAPP_PIN", "990011")
        monkeypatch.setattr(sys, "stdin", io.StringIO(f"990011\n{pin}\n{pin}\n"))
        assert cli("pin", who, "--by", "Chen Jing")[0] == 0
    monkeypatch.setenv("DESKAPP_OPERATOR", "Sun Qiang")
    monkeypatch.setenv("DESKAPP_PIN", "111222")
    assert cli("confirm", "1")[0] == 0
    code, _, err = cli("callback", "1", "--reached", "--satisfied", "--callers", "Sun Qiang,Lin Tao", "--confirmed", "signed")
    assert code == 0, err
    code, out, _ = cli("show", "1", "--json")
    assert '"closed"' in out


def test_the_months_figures_count_validity_decisions_by_their_ground(accountable):
    from deskapp.reads.statistics import month, statistics

    grounds = ("rules_misunderstood", "rules_misunderstood", "unverifiable")
    for n, ground in enumerate(grounds):
        number = record(accountable, f"2026-11-23 08:0{n}", who=f"caller {n}")
        workflow.forward(accountable, number, "Engineering")
        workflow.set_validity(accountable, number, Validity.invalid, "explained to the caller", by="Xu Ming",
                              ground=ground)
    figures = statistics(accountable, month(2026, 11, accountable.calendar.tz))
    assert figures.counts["ground"] == {"rules_misunderstood": 2, "unverifiable": 1}
