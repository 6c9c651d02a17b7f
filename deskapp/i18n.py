"""The desk's languages: English (the messages as written in the code) and Chinese (zh_CN).

Standard gettext: every word shown to people is written `_("...")` (or `N_` where it is defined
before the language is known and translated where it is shown), extracted with Babel into
`deskapp/locale/deskapp.pot`, translated in `deskapp/locale/zh_CN/LC_MESSAGES/deskapp.po` and
compiled to the `.mo` beside it (see the README's "Languages" section).

The language is one per process (a desk runs in one language), chosen by `--lang`, then
`DESKAPP_LANG`, then the locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`), else English. Tests
switch it with `use_language`.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "deskapp"
LOCALE_DIR = Path(__file__).parent / "locale"
ENGLISH, CHINESE = "en", "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)

_current = ENGLISH


class LanguageError(ValueError):
    """A language the desk does not speak."""


def normalise(tag: str | None) -> str | None:
    """'zh_CN.UTF-8', 'zh-CN', 'zh', 'zh_Hans' → 'zh_CN'; 'en_GB.UTF-8', 'C', 'POSIX' → 'en'."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("-", "_").lower()
    if base.startswith("zh"):
        return CHINESE
    if base.startswith("en") or base in ("c", "posix"):
        return ENGLISH
    return None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: DESKAPP_LANG, else the locale's, else English."""
    env = os.environ if environ is None else environ
    asked = env.get("DESKAPP_LANG", "").strip()
    if asked:
        chosen = normalise(asked)
        if chosen is None:
            raise LanguageError(f"DESKAPP_LANG={asked!r}: the desk speaks en and zh_CN")
        return chosen
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for tag in env.get(name, "").split(":"):  # LANGUAGE may list several, best first
            chosen = normalise(tag)
            if chosen is not None:
                return chosen
    return ENGLISH


def choose(requested: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Set the process's language from `--lang` (if given) or the environment, and return it."""
    if requested:
        chosen = normalise(requested)
        if chosen is None:
            raise LanguageError(f"--lang {requested}: the desk speaks en and zh_CN")
    else:
        chosen = from_environment(environ)
    set_language(chosen)
    return chosen


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise LanguageError(f"{language!r}: the desk speaks en and zh_CN")
    _current = language


def language() -> str:
    return _current


def chinese() -> bool:
    return _current == CHINESE


@contextmanager
def use_language(language_: str) -> Iterator[None]:
    """For tests and one-off renders: speak `language_` inside the block, then go back."""
    before = _current
    set_language(language_)
    try:
        yield
    finally:
        set_language(before)


@cache
def _catalogue(language_: str) -> _gettext.NullTranslations:
    if language_ == ENGLISH:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language_], fallback=True)


def _(message: str) -> str:
    """The message in the desk's language."""
    return _catalogue(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """'1 late clock' / '3 late clocks'; Chinese has one form."""
    return _catalogue(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it is shown (a menu key vs. a sentence)."""
    return _catalogue(_current).pgettext(context, message)


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802
    """Mark a message with its context for the catalogue; `pgettext(*marked)` translates it later."""
    return context, message


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, translate later"
    """Mark a message for the catalogue where it is defined; `_()` translates it where it is shown."""
    return message
