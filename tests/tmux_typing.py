"""A receptionist at the keyboard, for real (a try-out run by hand; pytest does not collect it): the
app in tmux, a call typed one key at a time through `tmux send-keys` at typing speed, and what was
saved read back from the database.

Run: .venv/bin/python -m tests.tmux_typing [--runs 5] [--size 120x40] [--lang en|zh_CN]
     [--letters 0.12] [--after-tab 0.03-0.08]

Each run opens the intake with F2 and types the call straight away (no wait for the screen), a
letter every `--letters` seconds and the key after each Tab a random 30-80 ms after it (key
rollover), then ctrl+s and Enter; it prints what each run saved and whether it is the call typed.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SESSION = "deskapp-intake-keys"
CALLS = {
    # (keys in the form's order, what must be saved): a general complaint, kind and severity by letter.
    "en": (["c", "Tab", "g", "Tab", "Mr Li", "Tab", "Initech", "Tab", "13800138000", "Tab", "Tower A 1F 101", "Tab",
            "Door broken", "Tab", "kicked by a visitor", "Tab", "fix it today"],
           {"kind": "complaint", "severity": "general", "who": "Mr Li", "company": "Initech", "phone": "13800138000",
            "which": "Tower A 1F 101", "what": "Door broken", "why": "kicked by a visitor", "how": "fix it today"}),
    "zh_CN": (["t", "Tab", "y", "Tab", "李先生", "Tab", "英泰", "Tab", "13800138000", "Tab", "A座1层101室", "Tab",
               "门坏了", "Tab", "被访客踢坏", "Tab", "今天修好"],
              {"kind": "complaint", "severity": "general", "who": "李先生", "company": "英泰", "phone": "13800138000",
               "which": "A座1层101室", "what": "门坏了", "why": "被访客踢坏", "how": "今天修好"}),
}
FIELDS = ("kind", "severity", "who", "company", "phone", "which", "what", "why", "how")


def tmux(*args: str) -> None:
    subprocess.run(["tmux", *args], check=True)


def type_call(keys: list[str], letters: float, after_tab: tuple[float, float], rng: random.Random) -> None:
    pause = letters
    for part in ["F2", *keys, "C-s", "Enter"]:
        if part in ("F2", "Tab", "C-s", "Enter"):
            tmux("send-keys", "-t", SESSION, part)
            pause = rng.uniform(*after_tab) if part == "Tab" else letters
            time.sleep(pause)
            continue
        for character in part:
            tmux("send-keys", "-t", SESSION, "-l", character)
            time.sleep(pause)
            pause = letters


def last_case(db: Path) -> dict[str, str] | None:
    with sqlite3.connect(db) as c:
        row = c.execute(f"SELECT id, {', '.join(FIELDS)} FROM cases ORDER BY id DESC LIMIT 1").fetchone()
    return dict(zip(("id", *FIELDS), ("" if v is None else str(v) for v in row))) if row else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--lang", default="en", choices=sorted(CALLS))
    parser.add_argument("--letters", type=float, default=0.12)
    parser.add_argument("--after-tab", default="0.03-0.08")
    args = parser.parse_args()
    width, height = args.size.split("x")
    after_tab = tuple(float(x) for x in args.after_tab.split("-"))
    keys, expected = CALLS[args.lang]
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        env = {**os.environ, "DESKAPP_DB": str(db), "DESKAPP_LANG": args.lang, "DESKAPP_NOW": "2026-11-23T09:00+08:00",
               "DESKAPP_STATE_DIR": folder}
        subprocess.run([sys.executable, "-m", "deskapp", "demo"], env=env, check=True, capture_output=True)
        command = os.environ.get("DESKAPP_TMUX_COMMAND") or f"{sys.executable} -m deskapp --as 'Wang Fang'"
        # Started in the temporary folder: `python -m` puts its folder first on the path, so PYTHONPATH
        # alone says which deskapp runs (this checkout's, or another's to compare).
        tmux("new-session", "-d", "-s", SESSION, "-x", width, "-y", height, "-c", folder,
             *[f"-e{k}={env[k]}" for k in ("DESKAPP_DB", "DESKAPP_LANG", "DESKAPP_NOW", "DESKAPP_STATE_DIR", "PYTHONPATH")
               if k in env], command)
        good = 0
        try:
            time.sleep(4)  # the app starts and shows the home screen
            for run in range(1, args.runs + 1):
                before = last_case(db)
                type_call(keys, args.letters, after_tab, rng)
                saved, waited = last_case(db), time.monotonic()
                while saved == before and time.monotonic() - waited < 10:  # the save, in its worker
                    time.sleep(0.2)
                    saved = last_case(db)
                if saved == before:
                    print(f"run {run}: nothing saved; the screen shows:")
                    print(subprocess.run(["tmux", "capture-pane", "-p", "-t", SESSION], capture_output=True,
                                         text=True).stdout)
                    tmux("send-keys", "-t", SESSION, "Escape")
                    time.sleep(1)
                    continue
                wrong = {k: (saved[k], v) for k, v in expected.items() if saved[k] != v}
                good += not wrong
                print(f"run {run}: case #{saved['id']} {'as typed' if not wrong else 'WRONG ' + repr(wrong)}")
                tmux("send-keys", "-t", SESSION, "Escape")  # the form is fresh: back home for the next call
                time.sleep(1)
        finally:
            tmux("kill-session", "-t", SESSION)
        print(f"{good} of {args.runs} calls saved as typed ({args.size}, {args.lang}, a letter every "
              f"{args.letters * 1000:.0f} ms, {args.after_tab} s after each Tab)")


if __name__ == "__main__":
    main()
