"""The house's arrows point down, and a command other than the app never loads Textual.

The import-linter contracts in `pyproject.toml` read the static graph of imports: the layers from
cli down to i18n, reads and output free of the writers, Textual only in the UI, no database in the
screens, no cycles inside a folder. The graph cannot tell an import at the top of a module from one
deferred into the function that needs it, so the second half runs the real CLI in a fresh
interpreter and looks at `sys.modules`: the only way to prove that a deferral defers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLI_NOW

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "deskapp"
# Installed beside the interpreter running the tests (the shared .venv, or .ci/run's own).
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
THE_UI = ("textual", "textual_plotext")


def _env(**extra: str) -> dict[str, str]:
    """This checkout first on the path, whichever copy of deskapp the virtualenv has installed."""
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def test_the_import_contracts_are_kept():
    result = subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_never_reads_the_wall_clock():
    """The current time is always passed in: a rule that read the clock could not be tested at 19:30 on Friday."""
    for path in (PACKAGE / "domain").rglob("*.py"):
        text = path.read_text()
        assert "datetime.now(" not in text and ".today(" not in text and "time.time(" not in text, path


def _probe(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh interpreter, which then says on its last line of stderr which of the UI's
    packages it holds."""
    probe = f"{script}\nimport sys\nprint('loaded:' + ','.join(m for m in {THE_UI!r} if m in sys.modules), file=sys.stderr)\n"
    return subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=_env(**env),
                          capture_output=True, text=True, timeout=120)


def _loaded(result: subprocess.CompletedProcess[str]) -> list[str]:
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("loaded:"), result.stderr
    return [m for m in last.removeprefix("loaded:").split(",") if m]


def _loaded_after(script: str, **env: str) -> list[str]:
    return _loaded(_probe(script, **env))


def test_importing_the_cli_does_not_load_textual():
    assert _loaded_after("import deskapp.cli") == []


def _run_deskapp(*args: str) -> str:
    """`deskapp ARGS` in the probe's interpreter, its exit swallowed so the probe can report."""
    return ("import sys\nfrom deskapp.cli import main\n"
            f"sys.argv = ['deskapp', *{list(args)!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    print(f'exit:{e.code}', file=sys.stderr)\n")


@pytest.mark.parametrize("args", [
    ("add", "--kind", "inquiry", "--what", "Where do I collect a parcel?", "--json"),
    ("list", "--json"),
    ("callbacks",),
    ("check",),
    ("--help",),
    ("list", "--help"),
])
def test_a_command_other_than_the_app_does_not_load_textual(args, db_path, shanghai_env):
    """Every scripted job (the phone system's `deskapp add`, a cron's `deskapp check`) starts without the UI."""
    result = _probe(_run_deskapp(*args), DESKAPP_DB=f"sqlite:///{db_path}", DESKAPP_NOW=CLI_NOW)
    assert "exit:0" in result.stderr, result.stdout + result.stderr  # the command really ran
    assert _loaded(result) == []


def test_the_probe_sees_textual_when_it_is_loaded():
    """The probe itself works: the app's module does load Textual (else the tests above prove nothing)."""
    assert "textual" in _loaded_after("import deskapp.app")


def test_deskapp_with_no_arguments_opens_the_app(cli, monkeypatch):
    """The desk starts its day by typing `deskapp`: the sign-in screen, nobody named yet."""
    from deskapp.app import DeskApp

    opened: list[DeskApp] = []
    monkeypatch.setattr(DeskApp, "run", lambda app, *a, **k: opened.append(app))
    code, _, err = cli()
    assert code == 0, err
    assert [app.operator for app in opened] == [None]


# What a scripted `deskapp add --json` (the phone system's call) must not pay for: Typer's help and
# Rich's markdown (only a help needs them), Rich's console (only output for people), the reports,
# the backup, and the other commands' modules.
NOT_FOR_A_SCRIPTED_ADD = ("textual", "typer.rich_utils", "rich.markdown", "markdown_it", "rich.console",
                          "deskapp.output.reports", "deskapp.upkeep.backup", "deskapp.cli.reports",
                          "deskapp.cli.actions", "deskapp.cli.upkeep", "deskapp.reads.statistics")


def test_deskapp_add_json_loads_only_what_it_uses(db_path, shanghai_env):
    script = _run_deskapp("add", "--kind", "inquiry", "--what", "Where do I collect a parcel?", "--json")
    script += f"print('held:' + ','.join(m for m in {NOT_FOR_A_SCRIPTED_ADD!r} if m in sys.modules), file=sys.stderr)\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env=_env(DESKAPP_DB=f"sqlite:///{db_path}", DESKAPP_NOW=CLI_NOW))
    assert "exit:0" in result.stderr and '"kind": "inquiry"' in result.stdout, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "held:"


def test_the_help_still_loads_typers_help(db_path, shanghai_env):
    """The other side: the help is where Rich's panels are wanted (else the test above proves nothing)."""
    script = _run_deskapp("--help") + "print('held:' + str('typer.rich_utils' in sys.modules), file=sys.stderr)\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env=_env(DESKAPP_DB=f"sqlite:///{db_path}"))
    assert "add" in result.stdout and result.stderr.strip().splitlines()[-1] == "held:True", result.stderr


def test_every_command_is_found_where_the_list_says():
    """The root knows each command by name and module without importing it: the list must stay true."""
    from deskapp.cli import actions
    from deskapp.cli.main import COMMANDS, command_function

    assert [c.__name__ for c in actions.COMMANDS] == [name for name, where in COMMANDS if where.startswith("actions:")]
    assert len({name for name, _where in COMMANDS}) == len(COMMANDS)
    for name, _where in COMMANDS:
        assert callable(command_function(name)), name


def test_the_app_starts_on_what_the_home_screen_needs():
    """The other screens, the writers behind the case actions, Textual's Markdown (the keys panel)
    and the backup are loaded when first used, not before the first screen can paint."""
    later = ("markdown_it", "deskapp.desk.workflow", "deskapp.screens.actions", "deskapp.screens.intake",
             "deskapp.screens.queue", "deskapp.screens.history", "deskapp.upkeep.backup", "deskapp.output.reports")
    script = f"import sys\nimport deskapp.app\nprint([m for m in {later!r} if m in sys.modules])\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_env(), capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_a_mistyped_command_is_still_answered_with_the_nearest_names(cli):
    """The root builds no command before it is asked for one, yet still knows them all by name."""
    code, _out, err = cli("ad")
    assert code == 2 and "Did you mean 'add'" in err, err
