"""Refusals the desk explains to the operator in one plain sentence, in the desk's language.

The sentence is translated where it is raised (`_("...").format(...)`), so `message` is already in
the language the desk spoke at that moment.
"""

from deskapp.i18n import _


class DeskError(Exception):
    """Anything the operator did that the desk cannot accept. The message is shown as it is."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field  # the form field to show it beside, when there is one


class NotFound(DeskError):
    pass


class NotAllowed(DeskError):
    """The case is not in a state where this can be done."""


class Conflict(DeskError):
    """Someone else changed the case since it was read."""


class BadInput(DeskError):
    def __init__(self, problems):
        self.problems = list(problems)
        message = _("; ").join(str(p) for p in self.problems)
        super().__init__(message, getattr(self.problems[0], "field", None) if self.problems else None)
