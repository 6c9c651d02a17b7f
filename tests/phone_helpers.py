"""The telephone link in tests: the real endpoint on a loopback port, and a phone system posting to it."""

from __future__ import annotations

from contextlib import asynccontextmanager

import aiohttp

from deskapp.config.phone import staff_extensions
from deskapp.desk.calls import new_phone_token
from deskapp.domain.phone import PhonePolicy
from deskapp.phone.server import CtiEndpoint, bound_port, start


class PhoneSystem:
    """Posts a call's events as a PBX would: form fields, user[] repeated."""

    def __init__(self, http: aiohttp.ClientSession, base: str, token: str):
        self.http, self.base, self.token = http, base, token

    @property
    def url(self) -> str:
        return f"{self.base}/api/v1/cti/{self.token}"

    async def post(self, event: str, call_id: str, token: str | None = None, users=(), **fields) -> tuple[int, str]:
        form = [("event", event), ("callId", call_id)] + [("user[]", u) for u in users]
        form += [(k.replace("from_", "from"), v) for k, v in fields.items()]
        url = f"{self.base}/api/v1/cti/{token or self.token}"
        async with self.http.post(url, data=form) as answer:
            return answer.status, await answer.text()

    async def ring(self, call_id: str, number: str, direction: str = "in", users=(), **fields):
        ends = {"from_": number, "to": "02155501000"} if direction == "in" else {"from_": "02155501000", "to": number}
        return await self.post("newCall", call_id, direction=direction, users=users, **ends, **fields)

    async def answer(self, call_id: str, user: str = "", extension: str = "", direction: str = "in"):
        return await self.post("answer", call_id, direction=direction, users=[user] if user else [],
                               answeringNumber=extension)

    async def hang_up(self, call_id: str, cause: str = "normalClearing", direction: str = "in"):
        return await self.post("hangup", call_id, direction=direction, cause=cause)


@asynccontextmanager
async def phone_link(desk, policy: PhonePolicy | None = None, queue_size: int = 10_000, recorded_within: float = 60.0):
    """The endpoint serving `desk` on 127.0.0.1 (a free port), and a phone system with a good token.
    Each request waits up to `recorded_within` for its event to be written (not the 2 s of a desk: a
    test machine running the suite on every core may take longer, and a 202 there is not what is tested)."""
    endpoint = CtiEndpoint(desk, policy or PhonePolicy(), staff_extensions(), queue_size, recorded_within)
    token = new_phone_token(desk)
    runner = await start(endpoint, "127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as http:
            yield endpoint, PhoneSystem(http, f"http://127.0.0.1:{bound_port(runner)}", token)
    finally:
        await runner.cleanup()
