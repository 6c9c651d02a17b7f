"""Keeping the catalogues in step with the code (needs Babel, which the test extras install).

    python -m deskapp.locale.catalogue update    # extract msgids, merge them into zh_CN's .po
    python -m deskapp.locale.catalogue compile   # write the .mo the app reads
    python -m deskapp.locale.catalogue check     # what is untranslated, obsolete or stale
    python -m deskapp.locale.catalogue fill F.json ...  # translations from {"msgid": "译文"} files
    python -m deskapp.locale.catalogue build F.json ... # update, fill and compile in one go

Typer's own words ("Usage:", "Options", ...) are translated in deskapp/cli/helptext.py, so they
are extracted from there like any other message.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE = Path(__file__).resolve().parent
POT = LOCALE / "deskapp.pot"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "deskapp.po"
MO = PO.with_suffix(".mo")

def extract() -> Catalog:
    """Every message the code marks with _, N_, NP_, ngettext or pgettext."""
    catalog = Catalog(project="deskapp", charset="utf-8")
    method_map = [("**.py", "python")]
    keywords = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2)}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map, keywords=keywords, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        if "locale" in Path(filename).parts:
            continue
        catalog.add(message, locations=[(f"deskapp/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def read(path: Path = PO) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="zh_CN")


def write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, omit_header=False)
    _replace(path, buffer.getvalue())


def _replace(path: Path, content: bytes) -> None:
    """Write beside, then rename: a reader never sees half a catalogue."""
    fresh = path.with_name(f".{path.name}.{os.getpid()}")
    fresh.write_bytes(content)
    fresh.replace(path)


def fill(files: list[str]) -> int:
    """Translations from JSON files into the .po.

    Keys are msgids; a plural's key is its singular; a message with a context is "context|msgid".
    """
    given: dict[str, str] = {}
    for name in files:
        given.update(json.loads(Path(name).read_text(encoding="utf-8")))
    po, filled = read(), 0
    for message in po:
        if not message.id:
            continue
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        key = singular if message.context is None else f"{message.context}|{singular}"
        if given.get(key):
            message.string = (given[key],) if isinstance(message.id, tuple) else given[key]
            filled += 1
    write(po, PO)
    return filled


def update() -> Catalog:
    """Merge the code's messages into the .po: new ones come in untranslated, gone ones go obsolete."""
    template = extract()
    write(template, POT)
    po = read() if PO.exists() else Catalog(locale="zh_CN", project="deskapp")
    po.update(template, no_fuzzy_matching=True)
    po.obsolete.clear()
    po.fuzzy = False  # a fuzzy header would be left out of the .mo, and with it zh's one plural form
    po.project, po.version = "deskapp", "1"
    po.last_translator = po.language_team = "deskapp <desk@localhost>"
    write(po, PO)
    return po


def compile_mo() -> None:
    po = read()
    buffer = io.BytesIO()
    write_mo(buffer, po, use_fuzzy=False)
    _replace(MO, buffer.getvalue())


def translations(catalog: Catalog) -> dict:
    """msgid (or (context, msgid)) → translation, for every translated message."""
    found = {}
    for message in catalog:
        done = all(message.string) if isinstance(message.string, list | tuple) else bool(message.string)
        if not message.id or not done or message.fuzzy:
            continue
        ident = tuple(message.id) if isinstance(message.id, list | tuple) else message.id
        key = ident if message.context is None else (message.context, ident)
        found[key] = tuple(message.string) if isinstance(message.string, list | tuple) else message.string
    return found


def _key(message):
    ident = tuple(message.id) if isinstance(message.id, list | tuple) else message.id
    return ident if message.context is None else (message.context, ident)


def compiled() -> dict:
    if not MO.exists():
        return {}
    with MO.open("rb") as f:
        found = translations(read_mo(f))
    # Babel's read_mo leaves a message's context as bytes.
    return {(k[0].decode(), k[1]) if isinstance(k, tuple) and isinstance(k[0], bytes) else k: v
            for k, v in found.items()}


def problems() -> list[str]:
    """Plain-words list of what keeps the catalogues from being complete and current."""
    template, po = extract(), read()
    found = translations(po)
    out = []
    for message in template:
        if not message.id:
            continue
        ident = tuple(message.id) if isinstance(message.id, list | tuple) else message.id
        key = ident if message.context is None else (message.context, ident)
        if key not in found:
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            out.append(f"untranslated: {message.id!r} ({where})")
    wanted = {_key(m) for m in template if m.id}
    out += [f"not in the code any more: {key!r}" for key in found if key not in wanted]
    if compiled() != found:
        out.append("the .mo is older than the .po: run python -m deskapp.locale.catalogue compile")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_mo()
    elif command == "build":
        update()
        print(f"{fill(argv[1:])} messages translated from {len(argv) - 1} files")
        compile_mo()
    elif command == "fill":
        print(f"{fill(argv[1:])} messages translated from {len(argv) - 1} files")
    elif command != "check":
        print(__doc__)
        return 2
    if command != "check":
        return 0
    found = problems()
    print("\n".join(found) or "catalogues complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
