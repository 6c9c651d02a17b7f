"""The `deskapp` command: no arguments opens the app; subcommands do the scriptable jobs."""

from deskapp.cli.main import app, main

__all__ = ["app", "main"]
