"""The month report's batch incidents in words: each incident once with its callers, and the period's
cases counted with each incident as one. Shown only when the period has an incident, so a report of
a month without one reads as it always did."""

from __future__ import annotations

from deskapp.config.categories import category_words
from deskapp.i18n import _, pgettext
from deskapp.reads.statistics import Statistics


def incident_parts(stats: Statistics) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    """(title, headers, rows) of the incidents' section; none when the period has no incident."""
    f, cases = stats.incidents, stats.cases
    if not f.incidents:
        return []
    headers = (pgettext("report", "incident"), pgettext("report", "where"), pgettext("report", "category"),
               pgettext("report", "callers"), pgettext("report", "cases"), pgettext("report", "resolved"))
    rows = [(str(i.number), i.place, category_words(i.category) if i.category else "–", str(i.callers),
             str(len(i.cases)), _("yes") if i.resolved else _("no")) for i in f.incidents]
    once = cases - f.linked_cases + f.their_incidents
    rows.append((_("cases, each incident counted once"), "", "", "", str(once), ""))
    return [(_("Batch incidents"), headers, rows)]
