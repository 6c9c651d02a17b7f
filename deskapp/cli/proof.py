"""`deskapp anchor`: pin the history as it stands, outside the database."""

from __future__ import annotations

import typer

from deskapp.cli.common import DbOption, described, desk_for, plain_errors
from deskapp.i18n import N_, _


@described(N_("Write the history's anchor to backups/ now and print it (the app writes one a day)."))
@plain_errors
def anchor(db: DbOption = None):
    from deskapp.upkeep.proof import write_anchor

    desk = desk_for(db)
    found, path = write_anchor(desk)
    typer.echo(_("anchor written to {path}; keep this line where the database cannot reach it (print it, mail it):")
               .format(path=path))
    typer.echo(found.line())
