"""Small pieces of the services' sentences: lists of names and a case's kind in words.

`kind_words` is the one way a case's kind and severity are written, on every screen, in the
command line, the sheets and the reports, so the same case reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from deskapp.domain.enums import Kind, Severity
from deskapp.i18n import NP_, pgettext
from deskapp.words.labels import label

# The severity in a narrow column (the queue's and the archive's kind column): 'complaint gen'.
SEVERITY_SHORT = {
    Severity.major: NP_("severity, short", "maj"),
    Severity.general: NP_("severity, short", "gen"),
    Severity.minor: NP_("severity, short", "min"),
}


def listed(items: Iterable[str]) -> str:
    """'Chen Jing, Wang Fang' / 'Chen Jing、Wang Fang'."""
    return pgettext("list", ", ").join(items)


def kind_words(kind: Kind, severity: Severity | None, short: bool = False) -> str:
    """A case's kind with its severity: 'complaint (general)' / '一般投诉'; no severity: 'repair' / '报修'.

    `short`, for a narrow column, abbreviates the severity in English ('complaint gen'); Chinese
    already gives the manuals' full name, 一般投诉, in as few cells.
    """
    if severity is None:
        return label(kind)
    if short:
        return pgettext("kind column", "{kind} {severity}").format(kind=label(kind),
                                                                   severity=pgettext(*SEVERITY_SHORT[severity]))
    return pgettext("kind and severity", "{kind} ({severity})").format(kind=label(kind), severity=label(severity))
