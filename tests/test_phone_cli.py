"""`deskapp phone token` and `deskapp calls`: the token a script reads off the last line, and the day's calls."""

from __future__ import annotations

import json
import re

from deskapp.desk.calls import record_call_event, token_hash
from deskapp.domain.phone import PhonePolicy, read_event
from deskapp.reads.calls import token_hashes
from tests.conftest import at

ALL_BACKENDS = True


def event(desk, when, **fields):
    users = fields.pop("users", [])
    record_call_event(desk, read_event(fields, users), PhonePolicy(), {"8001": "Wang Fang"}, at(when))


def test_phone_token_prints_the_token_alone_on_the_last_line_and_keeps_only_its_hash(cli, desk):
    code, out, _err = cli("phone", "token")
    assert code == 0
    token = out.strip().splitlines()[-1]
    assert len(token) >= 30 and " " not in token
    assert token_hash(token) in token_hashes(desk)
    assert token not in token_hashes(desk)


def test_calls_lists_the_day_with_the_missed_call_to_call_back(cli, desk):
    event(desk, "2026-11-24 10:00:00", event="newCall", callId="a", **{"from": "13900001111"})
    event(desk, "2026-11-24 10:00:04", event="answer", callId="a", answeringNumber="8001")
    event(desk, "2026-11-24 10:03:34", event="hangup", callId="a", cause="normalClearing")
    event(desk, "2026-11-24 11:00:00", event="newCall", callId="b", **{"from": "13900002222"})
    event(desk, "2026-11-24 11:00:30", event="hangup", callId="b", cause="noAnswer")
    code, out, _err = cli("calls", "--date", "2026-11-24")
    assert code == 0
    lines = out.splitlines()
    assert "13900002222" in lines[1] and "missed call, call back by" in lines[1]
    assert "13900001111" in lines[2] and "Wang Fang" in lines[2] and "4 s" in lines[2] and "3:30" in lines[2]
    code, out, _err = cli("calls", "--missed", "--json")
    found = json.loads(out)
    assert [(c["number"], c["outcome"], c["callback_due_at"] is not None) for c in found] == [("13900002222", "missed", True)]


def test_calls_on_a_quiet_day_say_there_were_none(cli, desk):
    code, out, _err = cli("calls", "--date", "2026-11-24")
    assert code == 0 and out == "no calls on 2026-11-24\n"
    code, out, _err = cli("calls")  # today, whatever day the command's clock says
    assert code == 0 and re.fullmatch(r"no calls on \d{4}-\d\d-\d\d\n", out)
    assert cli("calls", "--missed")[1] == "no missed calls\n"
    assert cli("calls", "--missed", "--date", "2026-11-24")[1] == "no missed calls on 2026-11-24\n"
    assert json.loads(cli("calls", "--json")[1]) == []


def test_calls_with_a_date_that_is_not_one_says_how_to_write_it(cli):
    code, _out, err = cli("calls", "--date", "24/11")
    assert code != 0 and "2026-11-23" in err


def test_phone_serve_takes_a_call_played_by_phone_simulate(db_url, shanghai_env, tmp_path):
    """The commands as a desk runs them: a token, the server in its own process, a call played to it."""
    import os
    import socket
    import subprocess
    import sys
    import time

    env = {**os.environ, "DESKAPP_DB": db_url, "DESKAPP_NOW": "2026-11-24T12:00+08:00", "DESKAPP_LANG": "en"}

    def deskapp(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "deskapp", *args], capture_output=True, text=True, env=env, timeout=60)

    token = deskapp("phone", "token").stdout.strip().splitlines()[-1]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "deskapp", "phone", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:  # until the port answers
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, server.stderr.read() if server.poll() else ""
                time.sleep(0.1)
        played = deskapp("phone", "simulate", "--token", token, "--from", "13900005555", "--extension", "8001",
                         "--ring", "0", "--talk", "0", "--url", f"http://127.0.0.1:{port}")
        assert played.returncode == 0, played.stderr
        assert played.stdout.splitlines() == ["newCall: 200 {}", "answer: 200 {}", "hangup: 200 {}"]
        refused = deskapp("phone", "simulate", "--token", "wrong", "--url", f"http://127.0.0.1:{port}", "--ring", "0")
        assert refused.returncode == 1 and "401 unknown token" in refused.stdout
    finally:
        server.terminate()
        server.wait(timeout=30)
    logged = json.loads(deskapp("calls", "--date", "2026-11-24", "--json").stdout)
    assert [(c["number"], c["answered_by"], c["outcome"]) for c in logged] == [("13900005555", "Wang Fang", "answered")]
