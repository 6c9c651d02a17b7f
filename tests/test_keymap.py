"""The operator's own keys: every key has a name (its id), a keymap file moves a key, a bad file
changes nothing and says why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deskapp.app import DeskApp, desk_bindings
from deskapp.config.keymap import (
    KeymapError,
    check_clashes,
    check_ids,
    keymap_file,
    read_keymap,
)
from deskapp.domain.enums import Kind
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.queue import QueueScreen
from tests.conftest import at, settled
from tests.helpers import open_queue, record, rows

OPERATOR = "Liu Yang"

ID = re.compile(r"^[a-z_]+\.[a-z_]+$")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    return path


# ---- every key has an id, words and a tooltip --------------------------------------------------

def test_every_key_has_an_id_in_the_screen_action_scheme_its_words_and_a_tooltip():
    found = desk_bindings()
    assert len(found) > 80
    unnamed = [(owner.__name__, b.key) for owner, b in found if not (b.id and ID.match(b.id))]
    wordless = [b.id for _owner, b in found if not b.description or not b.tooltip]
    assert unnamed == [] and wordless == []


def test_one_id_is_one_key_the_case_actions_shared_by_the_queue_and_the_case():
    keys: dict[str, set[str]] = {}
    for _owner, b in desk_bindings():
        keys.setdefault(b.id, set()).add(b.key)
    assert {i: k for i, k in keys.items() if len(k) > 1} == {}
    assert keys["app.open_queue"] == {"f3"} and keys["queue.filter_kind"] == {"k"} and keys["intake.save"] == {"ctrl+s"}
    assert keys["case.forward"] == {"f"}  # on the queue and the case detail alike


def test_every_tooltip_reads_in_chinese():
    with use_language(CHINESE):
        from deskapp.i18n import _

        english = [b.tooltip for _owner, b in desk_bindings() if _(b.tooltip) == b.tooltip]
    assert english == []


# ---- the loader: a file in, a dict out -----------------------------------------------------------

def test_the_keymap_file_is_in_the_user_s_config_folder_unless_named():
    assert keymap_file({"XDG_CONFIG_HOME": "/home/liu/.config"}) == Path("/home/liu/.config/deskapp/keymap.toml")
    assert keymap_file({"DESKAPP_KEYMAP": "/srv/desk/keys.toml", "XDG_CONFIG_HOME": "/x"}) == Path("/srv/desk/keys.toml")
    assert keymap_file({}) == Path.home() / ".config" / "deskapp" / "keymap.toml"


def test_a_table_per_screen_and_dotted_ids_read_the_same(tmp_path):
    path = write(tmp_path, """
        "intake.save" = "ctrl+w"
        app.open_queue = ["f3", "f9"]
        [queue]
        filter_kind = " ctrl+k "
    """)
    assert read_keymap(path) == {"intake.save": "ctrl+w", "app.open_queue": "f3,f9", "queue.filter_kind": "ctrl+k"}


def test_no_file_is_no_change(tmp_path):
    assert read_keymap(tmp_path / "keymap.toml") == {}


@pytest.mark.parametrize(("text", "said"), [
    ("[queue\nfilter_kind = 'x'", "cannot be read as TOML"),
    ("[queue]\nfilter_kind = 3", "queue.filter_kind must be a key"),
    ("[queue]\nfilter_kind = 'ctrl k'", "queue.filter_kind must be a key"),
    ("[queue]\nfilter_kind = []", "queue.filter_kind must be a key"),
])
def test_a_file_the_desk_cannot_use_says_which_and_why(tmp_path, text, said):
    path = write(tmp_path, text)
    with pytest.raises(KeymapError, match=said) as refused:
        read_keymap(path)
    assert str(path) in str(refused.value)


def test_a_key_given_to_two_things_on_one_screen_is_named_and_a_swap_is_not(tmp_path):
    path = tmp_path / "keymap.toml"
    queue = {"QueueScreen": [("queue.filter_kind", "k"), ("queue.filter_severity", "s"), ("queue.back", "escape")],
             "HistoryScreen": [("history.filter_kind", "k")]}
    with pytest.raises(KeymapError, match=r"s \(queue.filter_kind, queue.filter_severity\)"):
        check_clashes({"queue.filter_kind": "s"}, queue, path)
    with pytest.raises(KeymapError, match="escape"):
        check_clashes({"queue.filter_kind": "k,escape"}, queue, path)
    check_clashes({"queue.filter_kind": "s", "queue.filter_severity": "k"}, queue, path)
    check_clashes({"history.filter_kind": "s"}, queue, path)  # another screen's s


def test_an_id_the_desk_does_not_have_is_named(tmp_path):
    path = tmp_path / "keymap.toml"
    with pytest.raises(KeymapError, match="queue.filter_knd"):
        check_ids({"queue.filter_kind": "K", "queue.filter_knd": "K"}, ["queue.filter_kind"], path)
    check_ids({"queue.filter_kind": "K"}, ["queue.filter_kind"], path)


# ---- the app: the keys moved, or the usual ones and one warning --------------------------------

async def test_a_remapped_key_does_what_the_old_one_did(desk, tmp_path):
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-23 09:30", who="Ms Water", what="leak in the pantry")
    lift = record(desk, "2026-11-23 09:55", kind=Kind.repair, who="Ms Lift", what="lift stuck on 3F")
    keymap = write(tmp_path, '[app]\nopen_queue = "f9"\n[queue]\nfilter_kind = "ctrl+k"\n')
    app = DeskApp(desk, OPERATOR, keymap=keymap)
    async with app.run_test(size=(140, 30)) as pilot:
        await settled(pilot)
        await pilot.press("f3")  # the key given away does nothing any more
        await settled(pilot)
        assert not isinstance(app.screen, QueueScreen)
        await pilot.press("f9")
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await pilot.press("k")  # k is no longer the kind filter
        assert len(rows(screen)) == 2
        await pilot.press("ctrl+k", "ctrl+k")  # inquiry, then repair
        assert [int(r[0]) for r in rows(screen)] == [lift]
        assert not app._notifications  # nothing to warn about


@pytest.mark.parametrize("text", [
    "[queue]\nfilter_knd = 'ctrl+k'\n",  # no such key
    "[queue\n",  # not TOML
    "[queue]\nfilter_kind = 's'\n",  # s is the severity filter's
])
async def test_a_bad_keymap_warns_once_and_keeps_the_usual_keys(desk, tmp_path, text):
    app = DeskApp(desk, OPERATOR, keymap=write(tmp_path, text))
    async with app.run_test(size=(140, 30)) as pilot:
        await settled(pilot)
        warnings = list(app._notifications)
        assert len(warnings) == 1 and warnings[0].severity == "warning"
        assert "keymap.toml" in warnings[0].message and "The usual keys are in use." in warnings[0].message
        screen = await open_queue(pilot)  # F3 still opens the queue
        assert isinstance(screen, QueueScreen)
