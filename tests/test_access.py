"""Signing in with a PIN: kept only as a salted hash, proved where it is set."""

from __future__ import annotations

import io
import sys

import pytest
from sqlalchemy import text

from deskapp.desk.access import hash_pin, needs_pin, pin_matches, set_pin, sign_in
from deskapp.domain.errors import DeskError, NotAllowed
from tests.helpers import ADD

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one


def test_a_pin_is_never_stored_in_clear(desk):
    set_pin(desk, "Wang Fang", "482913")
    with desk.engine.connect() as c:
        stored = c.execute(text("SELECT pin_hash FROM staff WHERE name = 'Wang Fang'")).scalar()
    assert "482913" not in stored and stored.startswith("scrypt$")
    assert pin_matches(stored, "482913") and not pin_matches(stored, "482914")
    assert hash_pin("482913") != hash_pin("482913")  # salted: the same PIN never hashes the same twice


def test_signing_in_needs_the_pin_once_set(desk):
    assert not needs_pin(desk, "Wang Fang")
    assert sign_in(desk, "Wang Fang", None).name == "Wang Fang"
    set_pin(desk, "Wang Fang", "1234")
    with pytest.raises(NotAllowed, match="Wang Fang signs in with a PIN"):
        sign_in(desk, "Wang Fang", None)
    with pytest.raises(NotAllowed, match="wrong PIN for Wang Fang"):
        sign_in(desk, "Wang Fang", "4321")
    assert sign_in(desk, "wang fang", "1234").name == "Wang Fang"


def test_who_may_set_a_pin(desk):
    set_pin(desk, "Chen Jing", "9999")
    with pytest.raises(NotAllowed, match="only Liu Yang or a supervisor"):
        set_pin(desk, "Liu Yang", "1111", by="Wang Fang")
    with pytest.raises(NotAllowed, match="wrong PIN for Chen Jing"):
        set_pin(desk, "Liu Yang", "1111", by="Chen Jing", by_pin="0000")
    set_pin(desk, "Liu Yang", "1111", by="Chen Jing", by_pin="9999")
    with pytest.raises(NotAllowed, match="Liu Yang signs in with a PIN"):
        set_pin(desk, "Liu Yang", "2222")  # changing one's own needs the current one
    for bad in ("12", "abcd", "123456789"):
        with pytest.raises(DeskError, match="4 to 8 digits"):
            set_pin(desk, "Wang Fang", bad)


def test_the_cli_asks_for_the_pin_of_whoever_has_one(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("2468\n2468\n"))
    code, out, err = cli("pin", "Wang Fang")
    assert code == 0 and "PIN set for Wang Fang" in out, err
    code, _, err = cli(*ADD)
    assert code == 2 and "Wang Fang signs in with a PIN" in err
    monkeypatch.setenv("DESKAPP_PIN", "1357")
    code, _, err = cli(*ADD)
    assert code == 2 and "wrong PIN for Wang Fang" in err
    monkeypatch.setenv("DESKAPP_PIN", "2468")
    code, out, err = cli(*ADD, "--json")
    assert code == 0, err
    code, _, err = cli("forward", "1", "--to", "Engineering", "--by", "Liu Yang")  # no PIN set: by name
    assert code == 0, err
    monkeypatch.setattr(sys, "stdin", io.StringIO("1111\n2222\n"))
    code, _, err = cli("pin", "Liu Yang")
    assert code == 2 and "the two PINs differ" in err
