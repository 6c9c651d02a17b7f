"""`deskapp phone serve`: the endpoint a phone system posts each call's events to.

aiohttp's server: one asyncio process that parses forms and limits bodies itself, and whose client
plays calls (simulate.py) and drives the tests. The database is written by the desk's own writer
(desk/calls.py), one event at a time in arrival order, in a worker thread; when the database is
briefly away the events wait in a bounded queue and are written, in order, once it is back.

A form (user[] repeated) or a JSON object, as Zammad takes either. Answers: 200 "{}" once the event is recorded; 202 when it is queued and will be written; 4xx with the
reason in plain words, nothing recorded; 503 when the queue is full (the phone system should retry).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web

from deskapp.desk.calls import record_call_event, token_hash
from deskapp.domain.phone import BadEvent, CallEvent, PhonePolicy, read_event
from deskapp.reads.calls import token_hashes
from deskapp.store.context import Desk
from deskapp.store.faults import fault_of

log = logging.getLogger("deskapp.phone")

# Transport limits, not desk policy: a CTI event is a few hundred bytes.
MAX_BODY = 8 * 1024
QUEUE_SIZE = 10_000  # events held while the database is away (an hour of a busy switchboard)
RECORDED_WITHIN = 2.0  # seconds a request waits for its event to be written before it is told 202
RETRY_FIRST, RETRY_MOST = 0.2, 5.0  # seconds between tries while the database is away
TOKEN_RELOAD = 1.0  # an unknown token reloads the tokens at most this often
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")  # and application/json


@dataclass
class Pending:
    event: CallEvent
    at: datetime
    done: asyncio.Future = field(repr=False)


class CtiEndpoint:
    def __init__(self, desk: Desk, policy: PhonePolicy, extensions: dict[str, str], queue_size: int = QUEUE_SIZE,
                 recorded_within: float = RECORDED_WITHIN):
        self.desk, self.policy, self.extensions = desk, policy, extensions
        self.recorded_within = recorded_within
        self.queue: asyncio.Queue[Pending] = asyncio.Queue(queue_size)
        self.tokens: frozenset[str] = frozenset()
        self._tokens_read_at = -1e9
        self.recorded = 0  # events written, for the log and the tests
        self._writer: asyncio.Task | None = None

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[plain_errors])
        app.router.add_post("/api/v1/cti/{token}", self.post)
        app.on_startup.append(self._start)
        app.on_cleanup.append(self._stop)
        return app

    async def _start(self, _app) -> None:
        self._writer = asyncio.create_task(self._write_in_order())
        try:
            await self._reload_tokens()
        except Exception as e:  # the database may be down at start: tokens are read again when one comes
            log.warning("tokens not read yet: %s", e)

    async def _stop(self, _app) -> None:
        if self._writer is not None:
            self._writer.cancel()

    async def post(self, request: web.Request) -> web.Response:
        if not await self._known(request.match_info["token"]):
            return _plain(401, "unknown token: make one with `deskapp phone token`")
        try:
            fields, users = await _fields(request)
        except _Unreadable as e:
            return _plain(e.status, str(e))
        try:
            event = read_event(fields, users)
        except BadEvent as e:
            return _plain(400, str(e))
        pending = Pending(event, self.desk.now(), asyncio.get_running_loop().create_future())
        try:
            self.queue.put_nowait(pending)
        except asyncio.QueueFull:
            return _plain(503, "the desk's database is away and its queue is full: try again later")
        try:
            await asyncio.wait_for(asyncio.shield(pending.done), self.recorded_within)
        except TimeoutError:
            return web.json_response({}, status=202)  # queued: written once the database is back
        if pending.done.exception() is not None:
            return _plain(500, "the event could not be recorded; the desk's log says why")
        return web.json_response({})

    async def _known(self, token: str) -> bool:
        hashed = token_hash(token)
        if hashed in self.tokens:
            return True
        if asyncio.get_running_loop().time() - self._tokens_read_at < TOKEN_RELOAD:
            return False
        try:
            await self._reload_tokens()
        except Exception:  # the database is away: the tokens already read still count
            return False
        return hashed in self.tokens

    async def _reload_tokens(self) -> None:
        self._tokens_read_at = asyncio.get_running_loop().time()
        self.tokens = await asyncio.to_thread(token_hashes, self.desk)

    async def _write_in_order(self) -> None:
        """The one writer: each event in arrival order, retried while the database is away."""
        while True:
            pending = await self.queue.get()
            wait = RETRY_FIRST
            while True:
                try:
                    await asyncio.to_thread(record_call_event, self.desk, pending.event, self.policy,
                                            self.extensions, pending.at)
                except Exception as e:
                    fault = fault_of(e)
                    if fault is not None and fault.retryable:
                        log.warning("database away (%s); trying again in %.1f s", fault, wait)
                        await asyncio.sleep(wait)
                        wait = min(wait * 2, RETRY_MOST)
                        continue
                    log.exception("event %s of call %s not recorded", pending.event.name, pending.event.call_id)
                    if not pending.done.done():
                        pending.done.set_exception(e)
                        pending.done.exception()  # read, so asyncio does not warn about it
                    break
                self.recorded += 1
                if not pending.done.done():
                    pending.done.set_result(None)
                break
            self.queue.task_done()


class _Unreadable(ValueError):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


async def _fields(request: web.Request) -> tuple[dict[str, str], list[str]]:
    """The event's fields and its users, from a form (user[] repeated) or a JSON object (Zammad takes both)."""
    try:
        if request.content_type == "application/json":
            return _json_fields(await request.json())
        if request.content_type in _FORMS:
            form = await request.post()
            return ({k: v for k, v in form.items() if isinstance(v, str)},
                    [v for v in form.getall("user[]", []) if isinstance(v, str)])
    except (ValueError, UnicodeDecodeError):
        raise _Unreadable(400, "the body cannot be read: send a form (url-encoded, UTF-8) or a JSON object") from None
    raise _Unreadable(415, "send the event as a form (application/x-www-form-urlencoded) or as JSON")


def _json_fields(body) -> tuple[dict[str, str], list[str]]:
    if not isinstance(body, dict):
        raise ValueError("not an object")
    users = body.get("user[]", body.get("user", []))
    users = [users] if isinstance(users, str) else users
    if not isinstance(users, list) or not all(isinstance(u, str) for u in users):
        raise ValueError("user is not a name or a list of names")
    return {k: str(v) for k, v in body.items() if isinstance(v, str | int) and not isinstance(v, bool)}, users


@web.middleware
async def plain_errors(request: web.Request, handler):
    """aiohttp's own refusals (404, 405, 413 ...) as one plain line, like the endpoint's."""
    try:
        return await handler(request)
    except web.HTTPException as e:
        if e.status < 400:
            raise
        reasons = {404: "not found: post to /api/v1/cti/TOKEN", 405: "only POST is taken here",
                   413: f"the body is over {MAX_BODY} bytes: a call event is a few hundred"}
        return _plain(e.status, reasons.get(e.status, e.reason))


def _plain(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=reason + "\n")


async def start(endpoint: CtiEndpoint, host: str, port: int) -> web.AppRunner:
    """The server, started on the running loop; `await runner.cleanup()` stops it."""
    runner = web.AppRunner(endpoint.application(), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def bound_port(runner: web.AppRunner) -> int:
    """The port taken (when asked for port 0, as the tests do)."""
    return runner.addresses[0][1]


def serve(endpoint: CtiEndpoint, host: str, port: int) -> None:
    web.run_app(endpoint.application(), host=host, port=port, access_log=None, print=None)
