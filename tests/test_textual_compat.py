"""Textual's private parts the desk uses are all in deskapp/textual_compat.py, and are still where it
expects them: after a Textual upgrade this fails naming the one that moved."""

from __future__ import annotations

import re
from importlib import import_module
from importlib.metadata import version
from pathlib import Path

import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Select

from deskapp import textual_compat
from deskapp.textual_compat import PRIVATES

UI = [Path(textual_compat.__file__).parent / part for part in ("screens", "widgets", "app.py", "palette.py")]
# A Textual module whose name starts with an underscore, or a private Textual name the desk overrides.
PRIVATE_USE = re.compile(r"textual\.\w+\._\w+|\._(options|allow_blank|list_visible|no_matches_timer|NO_MATCHES\w*|"
                         r"start_no_matches_countdown|stop_no_matches_countdown|closing|closed|pruning)\b(?!\s*\()")


class _Palettes(App):
    """An app to make a Select and a command palette in, as Textual builds them."""

    def compose(self):
        yield Select([("one", 1)], allow_blank=True)


def _missing(owner: object, attribute: str) -> bool:
    return not hasattr(owner, attribute)


@pytest.mark.parametrize("module, name, attribute, use", PRIVATES, ids=lambda v: v if isinstance(v, str) else "")
def test_each_private_the_desk_uses_is_still_in_textual(module, name, attribute, use):
    where = f"{module}.{name}" + (f".{attribute}" if attribute else "")
    try:
        owner = getattr(import_module(module), name)
    except (ImportError, AttributeError):
        pytest.fail(f"textual {version('textual')} has no {module}.{name}: {use} (mend deskapp/textual_compat.py)")
    if attribute and _missing(owner, attribute) and attribute not in _INSTANCE_ATTRIBUTES:
        pytest.fail(f"textual {version('textual')} has no {where}: {use} (mend deskapp/textual_compat.py)")


# Attributes Textual sets on the instance in __init__: checked on instances below.
_INSTANCE_ATTRIBUTES = {"_options", "_allow_blank", "_no_matches_timer", "action", "key_display",
                        "_layout_required", "_dirty_widgets", "_compositor"}


async def test_the_attributes_textual_sets_in_init_are_there_on_its_instances():
    async with _Palettes().run_test() as pilot:
        select = pilot.app.query_one(Select)
        assert textual_compat.select_options(select) == [("", Select.NULL), ("one", 1)], "Select._options changed shape"
        assert textual_compat.select_allows_blank(select) is True, "Select._allow_blank changed"
        palette = CommandPalette()
        for attribute in ("_no_matches_timer", "_list_visible"):
            assert not _missing(palette, attribute), f"textual has no CommandPalette.{attribute}"
        key = textual_compat.FooterKey("q", "q", "Quit", "app.quit")
        for attribute in ("action", "key_display", "description"):
            assert not _missing(key, attribute), f"textual has no FooterKey.{attribute}"
        for attribute in ("_layout_required", "_dirty_widgets", "_compositor"):
            assert not _missing(pilot.app.screen, attribute), f"textual has no Screen.{attribute}"


def test_every_private_the_desk_overrides_has_the_signature_it_expects():
    """Overriding a renamed private would silently do nothing: the names the desk defines must be Textual's."""
    for cls, method in ((CommandPalette, "_start_no_matches_countdown"),
                        (textual_compat.BindingsTable, "render_bindings_table")):
        assert callable(getattr(cls, method, None)), f"textual has no {cls.__name__}.{method}, which the desk overrides"


def test_no_other_module_reaches_into_textual_privately():
    found = []
    for part in UI:
        for path in sorted(part.rglob("*.py")) if part.is_dir() else [part]:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PRIVATE_USE.search(line):
                    found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == [], "Textual's privates belong in deskapp/textual_compat.py"
