"""Who is who: PINs kept only as salted hashes, issued by a supervisor, proved by every writing
command once the desk has any, and locked after five wrong ones."""

from __future__ import annotations

import io
import sys
from datetime import timedelta

import pytest
from sqlalchemy import text

from deskapp.desk.access import (
    FirstPinNeeded,
    desk_is_accountable,
    hash_pin,
    needs_pin,
    pin_matches,
    set_pin,
    sign_in,
    staff_history,
)
from deskapp.domain.errors import DeskError, NotAllowed
from tests.helpers import ADD

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one


def test_a_pin_is_never_stored_in_clear(desk):
    set_pin(desk, "Chen Jing", "482913")
    with desk.engine.connect() as c:
        stored = c.execute(text("SELECT pin_hash FROM staff WHERE name = 'Chen Jing'")).scalar()
    assert "482913" not in stored and stored.startswith("scrypt$")
    assert pin_matches(stored, "482913") and not pin_matches(stored, "482914")
    assert hash_pin("482913") != hash_pin("482913")  # salted: the same PIN never hashes the same twice


def test_a_desk_without_pins_signs_in_by_name_as_it_always_did(desk):
    assert not desk_is_accountable(desk)
    assert sign_in(desk, "Wang Fang", None).name == "Wang Fang"


def test_the_first_pin_of_a_desk_is_a_supervisors_and_needs_none(desk):
    with pytest.raises(NotAllowed, match="Wang Fang has no PIN yet: a supervisor issues the first one"):
        set_pin(desk, "Wang Fang", "246810")
    set_pin(desk, "Chen Jing", "990011")
    assert desk_is_accountable(desk)
    with pytest.raises(NotAllowed, match="Chen Jing signs in with a PIN"):
        sign_in(desk, "Chen Jing", None)
    with pytest.raises(NotAllowed, match="wrong PIN for Chen Jing"):
        sign_in(desk, "Chen Jing", "990012")
    assert sign_in(desk, "chen jing", "990011").name == "Chen Jing"


def test_chen_jing_issues_wang_fangs_first_pin_with_her_own(desk):
    set_pin(desk, "Chen Jing", "990011")
    with pytest.raises(FirstPinNeeded, match="Wang Fang has no PIN yet"):
        sign_in(desk, "Wang Fang", None)  # once the desk has PINs, a name alone proves nothing
    with pytest.raises(NotAllowed, match="only Wang Fang or a supervisor can set Wang Fang's PIN"):
        set_pin(desk, "Wang Fang", "246810", by="Liu Yang")
    with pytest.raises(NotAllowed, match="wrong PIN for Chen Jing"):
        set_pin(desk, "Wang Fang", "246810", by="Chen Jing", by_pin="000000")
    set_pin(desk, "Wang Fang", "246810", by="Chen Jing", by_pin="990011")
    assert needs_pin(desk, "Wang Fang")
    with pytest.raises(NotAllowed, match="Wang Fang signs in with a PIN"):
        set_pin(desk, "Wang Fang", "135790")  # changing one's own needs the current one
    set_pin(desk, "Wang Fang", "135790", by_pin="246810")
    assert [(action, actor) for _at, action, actor, _d in staff_history(desk, "Wang Fang")] == [
        ("pin_set", "Chen Jing"), ("pin_changed", "Wang Fang")]


def test_liu_yang_chooses_her_own_pin_at_her_first_sign_in(desk):
    set_pin(desk, "Chen Jing", "990011")
    set_pin(desk, "Liu Yang", "314159", first_sign_in=True)
    assert sign_in(desk, "Liu Yang", "314159").name == "Liu Yang"


def test_a_pin_is_six_digits_as_the_policy_says(desk):
    for bad in ("1234", "abcdef", "1234567", "１２３４５６"):
        with pytest.raises(DeskError, match="a PIN is 6 digits"):
            set_pin(desk, "Chen Jing", bad)


def test_five_wrong_pins_lock_zhao_lei_for_half_an_hour_and_the_lock_is_in_his_history(desk):
    set_pin(desk, "Chen Jing", "990011")
    set_pin(desk, "Zhao Lei", "271828", by="Chen Jing", by_pin="990011")
    for _ in range(4):
        with pytest.raises(NotAllowed, match="wrong PIN for Zhao Lei"):
            sign_in(desk, "Zhao Lei", "000000")
    with pytest.raises(NotAllowed, match="Zhao Lei is locked after 5 wrong PINs until 09:30"):
        sign_in(desk, "Zhao Lei", "000000")
    with pytest.raises(NotAllowed, match="locked"):
        sign_in(desk, "Zhao Lei", "271828")  # even the right PIN waits out the lock: no unlimited guessing
    locked = [(action, actor, details) for _at, action, actor, details in staff_history(desk, "Zhao Lei")][-1]
    assert locked[0] == "locked" and locked[1] is None and locked[2]["wrong_pins"] == 5
    desk.clock.set(desk.now() + timedelta(minutes=31))
    assert sign_in(desk, "Zhao Lei", "271828").name == "Zhao Lei"


def test_a_right_pin_forgives_earlier_mistakes(desk):
    set_pin(desk, "Chen Jing", "990011")
    for _ in range(4):
        with pytest.raises(NotAllowed):
            sign_in(desk, "Chen Jing", "111111")
    sign_in(desk, "Chen Jing", "990011")
    for _ in range(4):
        with pytest.raises(NotAllowed, match="wrong PIN"):
            sign_in(desk, "Chen Jing", "111111")  # four more: still not locked


def test_a_supervisor_issuing_a_new_pin_lifts_the_lock(desk):
    set_pin(desk, "Chen Jing", "990011")
    set_pin(desk, "Zhao Lei", "271828", by="Chen Jing", by_pin="990011")
    for _ in range(5):
        with pytest.raises(NotAllowed):
            sign_in(desk, "Zhao Lei", "000000")
    set_pin(desk, "Zhao Lei", "161803", by="Chen Jing", by_pin="990011")
    assert sign_in(desk, "Zhao Lei", "161803").name == "Zhao Lei"


def test_the_cli_issues_pins_and_then_every_writing_command_proves_its_operator(cli, monkeypatch):
    code, out, err = cli(*ADD)  # no PINs yet: by name, as before
    assert code == 0, err
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n990011\n"))
    code, out, err = cli("pin", "Chen Jing")
    assert code == 0 and "PIN set for Chen Jing" in out, err
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n246810\n246810\n"))
    code, out, err = cli("pin", "Wang Fang", "--by", "Chen Jing")
    assert code == 0 and "PIN set for Wang Fang" in out, err
    code, _, err = cli(*ADD)
    assert code == 2 and err.count("\n") == 1 and "Wang Fang signs in with a PIN" in err
    monkeypatch.setenv("DESKAPP_PIN", "135790")
    code, _, err = cli(*ADD)
    assert code == 2 and "wrong PIN for Wang Fang" in err
    monkeypatch.setenv("DESKAPP_PIN", "246810")
    code, _, err = cli(*ADD, "--json")
    assert code == 0, err
    code, _, err = cli("forward", "1", "--to", "Engineering", "--by", "Liu Yang")
    assert code == 2 and "Liu Yang has no PIN yet" in err  # a name alone no longer acts
    monkeypatch.setenv("DESKAPP_OPERATOR", "Chen Jing")
    monkeypatch.setenv("DESKAPP_PIN", "990011")
    code, _, err = cli("notice-add", "Water off", "--topic", "water", "--starts", "2026-11-25 09:00",
                       "--ends", "2026-11-25 12:00")
    assert code == 0, err
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n111111\n222222\n"))
    code, _, err = cli("pin", "Liu Yang", "--by", "Chen Jing")
    assert code == 2 and "the two PINs differ" in err


def test_a_receptionist_cannot_post_a_notice_once_the_desk_has_pins(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n990011\n"))
    cli("pin", "Chen Jing")
    monkeypatch.setattr(sys, "stdin", io.StringIO("990011\n246810\n246810\n"))
    cli("pin", "Wang Fang", "--by", "Chen Jing")
    monkeypatch.setenv("DESKAPP_PIN", "246810")
    code, out, err = cli("notice-add", "Water off", "--topic", "water", "--starts", "2026-11-25 09:00",
                         "--ends", "2026-11-25 12:00", "--by", "Wang Fang")
    assert code == 2 and err.count("\n") == 1
    assert "Wang Fang (receptionist, Customer Service) cannot post or change notices: that is for a supervisor (Chen Jing)" in err
    monkeypatch.delenv("DESKAPP_PIN")
    code, out, _ = cli("notices")
    assert "Water off" not in out  # nothing written
