"""The satisfaction survey in words and as data: `deskapp survey show`, and the "survey" part of the
reports' JSON (the rounds closed in the period, each company's line, the totals against the targets).

JSON keys are the stored English identifiers, whatever the desk's language, as in every report."""

from __future__ import annotations

from datetime import tzinfo

from deskapp.domain.surveys import Counts, SurveyTargets
from deskapp.i18n import _, pgettext
from deskapp.reads.survey_figures import RoundFigures, SurveyFigures


def counts_json(c: Counts) -> dict:
    return {"staff": c.staff, "sent": c.sent, "returned": c.returned, "satisfied": c.satisfied, "partly": c.partly,
            "unsatisfied": c.unsatisfied, "coverage": c.coverage, "return_rate": c.return_rate,
            "satisfaction": c.satisfaction}


def round_json(r: RoundFigures, tz: tzinfo) -> dict:
    return {"id": r.id, "name": r.name, "started_at": r.started_at.astimezone(tz).isoformat(),
            "closed_at": r.closed_at.astimezone(tz).isoformat() if r.closed_at else None,
            "started_by": r.started_by, "closed_by": r.closed_by,
            "companies": [{"company": company} | counts_json(c) for company, c in r.lines],
            "total": counts_json(r.total)}


def targets_json(t: SurveyTargets) -> dict:
    return {"rounds_per_year": t.rounds_per_year, "coverage": t.coverage, "return_rate": t.returned,
            "satisfaction": t.satisfaction}


def survey_json(f: SurveyFigures, tz: tzinfo) -> dict:
    """The rounds closed in the period and their sum, each share with its target and whether it is below."""
    total = f.total
    return {"rounds": [round_json(r, tz) for r in f.rounds], "total": counts_json(total),
            "targets": targets_json(f.targets),
            "below_target": [name for name, value, target in f.rates() if value is not None and value < target]}


def share(value: float | None) -> str:
    return pgettext("rate", "n/a") if value is None else f"{value:.1%}"


def line_cells(company: str, c: Counts) -> tuple[str, ...]:
    """A company's line as `survey show` and the returns screen print it, in HEADERS' order."""
    return (company, str(c.staff), str(c.sent), str(c.returned), str(c.satisfied), str(c.partly), str(c.unsatisfied),
            share(c.satisfaction))


def headers() -> tuple[str, ...]:
    """Eight columns fit 80: the coverage and the return are said under the table, for the round;
    'not' is the unsatisfied, 'share' the satisfied's share of those who answered."""
    return (pgettext("survey", "company"), pgettext("survey", "staff"), pgettext("survey", "sent"),
            pgettext("survey", "returned"), pgettext("survey", "satisfied"), pgettext("survey", "partly"),
            pgettext("survey", "not"), pgettext("survey", "share"))


def verdicts(total: Counts, t: SurveyTargets) -> list[str]:
    """One line a figure: 'coverage 72.5% (target 70.0%): on target' / '... BELOW TARGET'."""
    out = []
    for name, value, target in ((pgettext("survey", "coverage"), total.coverage, t.coverage),
                                (pgettext("survey", "return"), total.return_rate, t.returned),
                                (pgettext("survey", "satisfaction"), total.satisfaction, t.satisfaction)):
        if value is None:
            mark = pgettext("rate", "nothing due")
        else:
            mark = _("BELOW TARGET") if value < target else pgettext("rate", "on target")
        out.append(_("{figure} {value} (target {target}): {mark}").format(
            figure=name, value=share(value), target=share(target), mark=mark))
    return out
