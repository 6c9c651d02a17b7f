"""Writes constraints.txt: the exact versions of deskapp[test] and everything it pulls in, as installed.

Run with the interpreter of a virtualenv the suite has passed in, after changing a pin:
    .venv/bin/python .ci/constraints.py > constraints.txt
Only the dependency closure is kept (`pip freeze` alone would pin whatever else the venv holds).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HEADER = """\
# The versions the suite was last run with: .ci/run installs with `-c constraints.txt`.
# Made by .ci/constraints.py from a passing virtualenv; pyproject.toml holds the ranges (~=).
"""


def closure(requirements: list[str]) -> set[str]:
    """The names of every distribution these requirements install, extras included."""
    seen: dict[str, set[str]] = {}
    todo = [Requirement(r) for r in requirements]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        try:
            dist = distribution(req.name)
        except PackageNotFoundError:
            continue  # a marker excluded it on this Python
        if name in seen and set(req.extras) <= seen[name]:
            continue
        extras = seen[name] = seen.get(name, set()) | set(req.extras)
        for line in dist.requires or []:
            sub = Requirement(line)
            if sub.marker is None or any(sub.marker.evaluate({"extra": e}) for e in {"", *extras}):
                todo.append(sub)
    return set(seen)


def main() -> None:
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
    wanted = closure(project["dependencies"] + project["optional-dependencies"]["test"])
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    kept = [line for line in frozen if canonicalize_name(re.split(r"[=<>@ ]", line, maxsplit=1)[0]) in wanted]
    sys.stdout.write(HEADER + "\n".join(kept) + "\n")


if __name__ == "__main__":
    main()
