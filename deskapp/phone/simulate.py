"""`deskapp phone simulate`: one call's events played to the endpoint, as a phone system would post
them, for demos and training (and to check that a desk's link works before the PBX is pointed at it)."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Script:
    number: str  # the caller (inbound) or the number called (outbound)
    desk_number: str = "02155501000"  # the desk's own number
    user: str = ""  # who answers (a name in staff.toml), or nobody
    extension: str = ""  # or the extension that answers
    ring: float = 4.0  # seconds of ringing
    talk: float = 30.0  # seconds of talking
    answered: bool = True
    outbound: bool = False
    cause: str = ""  # the hang-up's cause; by default normalClearing, or noAnswer for a missed call


def events(script: Script, call_id: str | None = None) -> Iterator[tuple[float, dict[str, str | list[str]]]]:
    """(seconds to wait first, form fields) for each event of the call."""
    call_id = call_id or uuid.uuid4().hex
    common: dict[str, str | list[str]] = {
        "callId": call_id, "direction": "out" if script.outbound else "in",
        "from": script.desk_number if script.outbound else script.number,
        "to": script.number if script.outbound else script.desk_number,
    }
    if script.user:
        common["user[]"] = [script.user]
    yield 0.0, {**common, "event": "newCall"}
    if script.answered:
        yield script.ring, {**common, "event": "answer", "answeringNumber": script.extension}
        yield script.talk, {**common, "event": "hangup", "cause": script.cause or "normalClearing",
                            "answeringNumber": script.extension}
    else:
        yield script.ring, {**common, "event": "hangup", "cause": script.cause or "noAnswer"}


def post(url: str, fields: dict[str, str | list[str]], timeout: float = 5.0) -> tuple[int, str]:
    body = urllib.parse.urlencode(fields, doseq=True).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode("utf-8", "replace")


def play(url: str, script: Script, said: Callable[[str, int, str], None], sleep=time.sleep) -> bool:
    """Posts each event after its wait; `said(event, status, answer)` after each. False at the first refusal."""
    for wait, fields in events(script):
        sleep(wait)
        status, answer = post(url, fields)
        said(str(fields["event"]), status, answer.strip())
        if status >= 400:
            return False
    return True
