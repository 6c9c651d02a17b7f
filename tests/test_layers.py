"""The domain, the tables and the services stay free of the user interface."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "deskapp"
FORBIDDEN = {
    "domain": ("textual", "rich", "sqlmodel", "sqlalchemy", "typer", "deskapp.models", "deskapp.desk", "deskapp.store.db"),
    "models": ("textual", "rich", "typer", "deskapp.desk"),
    "desk": ("textual", "rich", "typer", "deskapp.screens", "deskapp.cli"),
}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_domain_never_reads_the_wall_clock():
    for path in (PACKAGE / "domain").rglob("*.py"):
        text = path.read_text()
        assert "datetime.now(" not in text and ".today(" not in text and "time.time(" not in text, path
