"""The staff list kept in the database: a supervisor adds people, changes roles and records a leaving,
each change in the staff history; `init` still seeds the list from staff.toml."""

from __future__ import annotations

import io
import sys

import pytest
from sqlmodel import select

from deskapp.desk.access import staff_history
from deskapp.desk.staff import add_staff, change_role, leave
from deskapp.domain.enums import Role
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.models import Staff
from deskapp.reads.staff import who_signs_in
from deskapp.upkeep.setup import open_desk

ALL_BACKENDS = True


def _names(desk) -> list[str]:
    return [name for name, _role, _pin in who_signs_in(desk)]


def test_chen_jing_adds_a_new_receptionist_who_then_signs_in(desk):
    add_staff(desk, "Gao Yan", Role.receptionist, "Customer Service", "13800138040", by="Chen Jing")
    assert "Gao Yan" in _names(desk)
    [(_at, action, actor, details)] = staff_history(desk, "Gao Yan")
    assert (action, actor) == ("added", "Chen Jing")
    assert details["role"] == [None, "receptionist"] and details["department"] == [None, "Customer Service"]
    with pytest.raises(DeskError, match="Gao Yan is already on the staff list"):
        add_staff(desk, "gao yan", Role.receptionist, by="Chen Jing")


def test_a_receptionist_cannot_change_the_staff_list(desk):
    with pytest.raises(NotAllowed, match=r"Wang Fang \(receptionist\) cannot change the staff list: that is for a "
                                         r"supervisor \(Chen Jing\)"):
        add_staff(desk, "Gao Yan", Role.receptionist, by="Wang Fang")
    assert "Gao Yan" not in _names(desk)


def test_xu_ming_is_made_engineerings_manager_and_the_history_keeps_both_roles(desk):
    change_role(desk, "Xu Ming", Role.department_manager, by="Chen Jing")
    [(_at, action, actor, details)] = staff_history(desk, "Xu Ming")
    assert (action, actor, details) == ("role", "Chen Jing", {"role": ["staff", "department_manager"]})
    with pytest.raises(DeskError, match="Xu Ming is already department manager"):
        change_role(desk, "Xu Ming", Role.department_manager, by="Chen Jing")


def test_he_ping_leaves_and_comes_back_as_the_same_person(desk):
    leave(desk, "He Ping", "moved to another building", by="Chen Jing")
    assert "He Ping" not in _names(desk)
    add_staff(desk, "He Ping", Role.staff, "Housekeeping", by="Chen Jing")
    assert [action for _at, action, _by, _d in staff_history(desk, "He Ping")] == ["left", "rejoined"]


def test_the_desks_only_supervisor_cannot_leave_or_step_down(desk):
    with pytest.raises(NotAllowed, match="Chen Jing is the desk's only supervisor"):
        leave(desk, "Chen Jing", by="Chen Jing")
    with pytest.raises(NotAllowed, match="Chen Jing is the desk's only supervisor"):
        change_role(desk, "Chen Jing", Role.receptionist, by="Chen Jing")


def test_the_staff_commands_prove_the_supervisor_once_the_desk_has_pins(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n990011\n"))
    assert cli("pin", "Chen Jing")[0] == 0
    code, _, err = cli("staff", "add", "Gao Yan", "receptionist", "--department", "Customer Service",
                       "--by", "Chen Jing")
    assert code == 2 and err.count("\n") == 1 and "Chen Jing signs in with a PIN" in err
    monkeypatch.setenv("DESKAPP_PIN", "990011")
    code, out, err = cli("staff", "add", "Gao Yan", "receptionist", "--department", "Customer Service",
                         "--by", "Chen Jing")
    assert code == 0 and "Gao Yan added as receptionist" in out, err
    code, out, err = cli("staff", "role", "Gao Yan", "night_duty", "--by", "Chen Jing")
    assert code == 0 and "Gao Yan is now night duty" in out, err
    code, out, err = cli("staff", "leave", "Gao Yan", "--reason", "contract ended", "--by", "Chen Jing")
    assert code == 0, err
    code, out, err = cli("staff", "history", "Gao Yan")
    assert code == 0, err
    lines = out.splitlines()
    assert [line.split()[2] for line in lines] == ["added", "role", "left"]
    assert "role: receptionist → night_duty" in lines[1] and "reason: contract ended" in lines[2]


def test_init_again_keeps_the_roles_and_leavings_made_with_deskapp_staff(cli, db_url):
    """Xu Ming was made Engineering's manager and He Ping left, both with `deskapp staff`; the
    supervisor runs `deskapp init` again after an upgrade: staff.toml seeds nobody over them."""
    assert cli("init")[0] == 0
    assert cli("staff", "role", "Xu Ming", "department_manager", "--by", "Chen Jing")[0] == 0
    assert cli("staff", "leave", "He Ping", "--reason", "moved to another building", "--by", "Chen Jing")[0] == 0
    assert cli("staff", "add", "Gao Yan", "receptionist", "--department", "Customer Service", "--by", "Chen Jing")[0] == 0
    code, out, err = cli("init")
    assert code == 0 and "staff list: 0 added, 0 updated" in out, err
    desk, _notice = open_desk(db_url, create=False)
    try:
        with desk.reading() as session:
            people = {p.name: p for p in session.exec(select(Staff)).all()}
    finally:
        desk.engine.dispose()
    assert people["Xu Ming"].role is Role.department_manager
    assert not people["He Ping"].active
    assert people["Gao Yan"].role is Role.receptionist
