"""The phone system posts each call's events to the desk's endpoint (Zammad's generic CTI): the real
server on a loopback port, real HTTP requests, and what the call log and callback list then say."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from deskapp.reads.calls import call_log, to_call_back
from tests.conftest import at
from tests.phone_helpers import phone_link

ALL_BACKENDS = True


def only_call(desk):
    calls = call_log(desk, at("2026-11-23 09:00").date())
    assert len(calls) == 1, calls
    return calls[0]


async def test_a_call_rings_is_answered_by_wang_fang_and_ends_after_two_minutes(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        desk.clock.set(at("2026-11-23 09:00:00"))
        assert (await pbx.ring("c1", "13900001234", users=["Wang Fang", "Liu Yang"])) == (200, "{}")
        desk.clock.set(at("2026-11-23 09:00:06"))
        assert (await pbx.answer("c1", extension="8001"))[0] == 200
        desk.clock.set(at("2026-11-23 09:02:06"))
        assert (await pbx.hang_up("c1"))[0] == 200
    call = only_call(desk)
    assert (call.number, call.answered_by, call.outcome.value) == ("13900001234", "Wang Fang", "answered")
    assert (call.ring_seconds, call.talk_seconds) == (6, 120)
    assert call.users == ("Wang Fang", "Liu Yang")
    assert to_call_back(desk) == []


async def test_the_answering_desk_is_known_by_its_name_in_user_when_no_extension_is_sent(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        await pbx.ring("c1", "13900001234")
        await pbx.answer("c1", user="Liu Yang")
    assert only_call(desk).answered_by == "Liu Yang"
    assert only_call(desk).outcome.value == "talking"


async def test_a_caller_who_gives_up_is_on_the_callback_list_due_two_working_hours_later(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        desk.clock.set(at("2026-11-23 09:00"))
        await pbx.ring("c1", "13900001234")
        desk.clock.set(at("2026-11-23 09:00:25"))
        await pbx.hang_up("c1", cause="cancel")
    waiting = to_call_back(desk)
    assert [(c.number, c.outcome.value) for c in waiting] == [("13900001234", "missed")]
    assert waiting[0].callback_due_at == at("2026-11-23 11:00:25")


async def test_busy_and_no_answer_are_missed_but_a_failed_connection_is_not_called_back(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        for n, cause in enumerate(["busy", "noAnswer", "congestion", "notFound"]):
            await pbx.ring(f"c{n}", f"1390000000{n}")
            await pbx.hang_up(f"c{n}", cause=cause)
    assert sorted(c.number for c in to_call_back(desk)) == ["13900000000", "13900000001"]
    assert {c.number: c.outcome.value for c in call_log(desk, at("2026-11-23 09:00").date())}["13900000002"] == "failed"


async def test_a_second_missed_call_from_the_same_number_is_one_entry_counting_both(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        for call_id in ("c1", "c2"):
            await pbx.ring(call_id, "13900001234")
            await pbx.hang_up(call_id, cause="noAnswer")
    waiting = to_call_back(desk)
    assert [(c.call_id, c.missed_again) for c in waiting] == [("c1", 1)]


async def test_calling_the_number_back_and_reaching_them_takes_it_off_the_list(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        desk.clock.set(at("2026-11-23 09:00"))
        await pbx.ring("c1", "13900001234")
        await pbx.hang_up("c1", cause="cancel")
        desk.clock.set(at("2026-11-23 09:30"))
        await pbx.ring("back-1", "13900001234", direction="out")
        await pbx.hang_up("back-1", cause="noAnswer", direction="out")  # not reached: still on the list
        assert len(to_call_back(desk)) == 1
        desk.clock.set(at("2026-11-23 09:40"))
        await pbx.ring("back-2", "13900001234", direction="out", users=["Wang Fang"])
        await pbx.answer("back-2", user="Wang Fang", direction="out")
        await pbx.hang_up("back-2", direction="out")
    assert to_call_back(desk) == []
    missed = call_log(desk, missed=True)
    assert missed[0].callback_done_at == at("2026-11-23 09:40")


async def test_a_missed_call_while_the_caller_is_talking_on_another_line_is_not_called_back(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        await pbx.ring("c1", "13900001234")
        await pbx.answer("c1", user="Wang Fang")
        await pbx.ring("c2", "13900001234")
        await pbx.hang_up("c2", cause="busy")
    assert to_call_back(desk) == []


async def test_a_json_event_and_a_withheld_number_are_taken_as_zammad_takes_them(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        body = {"event": "newCall", "callId": "j1", "from": "13900001234", "to": "02155501000", "direction": "in",
                "user": ["Wang Fang"]}
        async with pbx.http.post(pbx.url, json=body) as answer:
            assert answer.status == 200
        async with pbx.http.post(pbx.url, json={"event": "answer", "callId": "j1", "answeringNumber": "Wang Fang"}) as answer:
            assert answer.status == 200
        assert (await pbx.ring("w1", "anonymous"))[0] == 200
        await pbx.hang_up("w1", cause="cancel")
    calls = {c.call_id: c for c in call_log(desk, at("2026-11-23 09:00").date())}
    assert (calls["j1"].answered_by, calls["j1"].users) == ("Wang Fang", ("Wang Fang",))
    assert calls["w1"].number == "" and calls["w1"].outcome.value == "missed"
    assert to_call_back(desk) == []  # a withheld number cannot be called back


async def test_a_wrong_token_is_refused_and_records_nothing(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        status, reason = await pbx.post("newCall", "c1", token="not-the-token", from_="13900001234")
    assert status == 401 and "token" in reason
    assert call_log(desk) == []


@pytest.mark.parametrize("fields, said", [
    ({"event": "ring", "callId": "c1", "from": "139"}, "event must be one of newCall|answer|hangup"),
    ({"event": "newCall", "from": "139"}, "callId"),
    ({"event": "newCall", "callId": "c1"}, "caller's number"),
    ({"event": "newCall", "callId": "c1", "from": "<script>"}, "not a phone number"),
    ({"event": "hangup", "callId": "c1", "cause": "exploded"}, "cause must be one of"),
    ({"event": "newCall", "callId": "c1", "from": "139", "direction": "sideways"}, "direction must be one of"),
])
async def test_a_malformed_event_gets_400_with_the_reason_and_records_nothing(desk, fields, said):
    async with phone_link(desk) as (_endpoint, pbx):
        async with pbx.http.post(pbx.url, data=fields) as answer:
            assert answer.status == 400
            assert said in await answer.text()
    assert call_log(desk) == []


async def test_bodies_that_are_not_forms_too_big_or_not_utf8_are_refused(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        async with pbx.http.post(pbx.url, data="<event/>", headers={"Content-Type": "text/xml"}) as answer:
            assert answer.status == 415
        async with pbx.http.post(pbx.url, data="{not json", headers={"Content-Type": "application/json"}) as answer:
            assert answer.status == 400
        async with pbx.http.post(pbx.url, json=["newCall"]) as answer:
            assert answer.status == 400
        big = {"event": "newCall", "callId": "c1", "from": "139", "queue": "x" * 20_000}
        async with pbx.http.post(pbx.url, data=big) as answer:
            assert answer.status == 413 and "bytes" in await answer.text()
        raw = b"event=newCall&callId=c1&from=139&queue=\xff\xfe"
        async with pbx.http.post(pbx.url, data=raw, headers={"Content-Type": "application/x-www-form-urlencoded"}) as answer:
            assert answer.status == 400
        async with pbx.http.get(pbx.url) as answer:
            assert answer.status == 405
    assert call_log(desk) == []


async def test_repeated_and_out_of_order_events_end_the_call_the_same(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        desk.clock.set(at("2026-11-23 09:00:05"))
        await pbx.answer("c1", extension="8002")  # the answer overtook its newCall
        desk.clock.set(at("2026-11-23 09:00:06"))
        await pbx.ring("c1", "13900001234")
        await pbx.ring("c1", "13900001234")  # posted twice
        desk.clock.set(at("2026-11-23 09:01:05"))
        await pbx.hang_up("c1")
        desk.clock.set(at("2026-11-23 09:01:09"))
        await pbx.hang_up("c1", cause="cancel")  # a late retry of the hang-up changes nothing
    call = only_call(desk)
    assert (call.number, call.answered_by, call.outcome.value, call.cause.value) == (
        "13900001234", "Liu Yang", "answered", "normalClearing")
    assert call.talk_seconds == 60
    assert to_call_back(desk) == []


async def test_a_hang_up_before_its_answer_arrives_is_not_left_on_the_callback_list(desk):
    async with phone_link(desk) as (_endpoint, pbx):
        await pbx.ring("c1", "13900001234")
        await pbx.hang_up("c1", cause="noAnswer")
        assert len(to_call_back(desk)) == 1
        await pbx.answer("c1", user="Wang Fang")  # delivered late: the call was answered after all
    assert to_call_back(desk) == []
    assert only_call(desk).outcome.value == "answered"


async def test_200_calls_from_8_phone_lines_at_once_are_all_logged(desk):
    async def line(pbx, n: int) -> list[int]:
        statuses = []
        for k in range(25):
            call_id, number = f"line{n}-{k}", f"139{n:02d}{k:06d}"
            statuses.append((await pbx.ring(call_id, number))[0])
            if k % 5 == 0:
                statuses.append((await pbx.hang_up(call_id, cause="noAnswer"))[0])
            else:
                statuses.append((await pbx.answer(call_id, extension="8001"))[0])
                statuses.append((await pbx.hang_up(call_id))[0])
        return statuses

    async with phone_link(desk) as (endpoint, pbx):
        connector_limit = aiohttp.TCPConnector(limit=8)
        async with aiohttp.ClientSession(connector=connector_limit) as http:
            pbx.http = http
            results = await asyncio.gather(*(line(pbx, n) for n in range(8)))
        await asyncio.wait_for(endpoint.queue.join(), 30)
    assert {s for r in results for s in r} == {200}
    calls = call_log(desk, at("2026-11-23 09:00").date())
    assert len(calls) == 200
    assert sum(c.outcome.value == "answered" for c in calls) == 160
    assert len(to_call_back(desk)) == 40


async def test_an_event_while_the_database_is_away_is_queued_and_written_when_it_is_back(desk, db_url, monkeypatch):
    import deskapp.phone.server as server

    real = server.record_call_event
    away = {"left": 3}

    def flaky(*args, **kwargs):
        if away["left"]:
            away["left"] -= 1
            from deskapp.store.faults import UNAVAILABLE, DatabaseFault
            raise DatabaseFault(UNAVAILABLE, "the database server is not answering")
        return real(*args, **kwargs)

    monkeypatch.setattr(server, "record_call_event", flaky)
    async with phone_link(desk, recorded_within=0.1) as (endpoint, pbx):
        status, _said = await pbx.ring("c1", "13900001234")
        assert status == 202  # taken, not yet written
        assert call_log(desk) == []
        await asyncio.wait_for(endpoint.queue.join(), 30)
        endpoint.recorded_within = 60.0
        assert (await pbx.hang_up("c1", cause="cancel"))[0] == 200
    assert only_call(desk).outcome.value == "missed"


async def test_a_full_queue_says_503_so_the_phone_system_tries_again(desk, monkeypatch):
    import deskapp.phone.server as server

    def down(*args, **kwargs):
        from deskapp.store.faults import UNAVAILABLE, DatabaseFault
        raise DatabaseFault(UNAVAILABLE, "the database server is not answering")

    monkeypatch.setattr(server, "record_call_event", down)
    async with phone_link(desk, queue_size=2, recorded_within=0.05) as (_endpoint, pbx):
        statuses = [(await pbx.ring(f"c{n}", "13900001234"))[0] for n in range(4)]
    # The first is with the writer, two wait in the queue, the fourth finds it full.
    assert statuses == [202, 202, 202, 503]

