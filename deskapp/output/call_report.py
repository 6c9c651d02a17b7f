"""The telephone's part of the day, week, month and year reports and of the statistics screen."""

from __future__ import annotations

from deskapp.i18n import _, pgettext
from deskapp.reads.call_figures import AnswerFigures, PhoneFigures
from deskapp.words.phone import seconds


def _share(value: float | None) -> str:
    return pgettext("rate", "n/a") if value is None else f"{value:.1%}"


def phone_parts(f: PhoneFigures) -> list[tuple[str, tuple[str, ...], list[tuple[str, ...]]]]:
    """(title, headers, rows) of the telephone's sections, in the report's order."""
    item, count = pgettext("report", "item"), pgettext("report", "count")
    ring_limit, talk_limit = seconds(f.ring_limit), seconds(f.talk_limit)
    o = f.overall
    calls = [
        (_("calls in"), str(f.calls)), (_("answered"), str(o.answered)), (_("missed"), str(f.missed)),
        (_("missed, called back"), str(f.called_back)), (_("missed, called back in time"), str(f.called_back_on_time)),
        (_("missed, still to call back"), str(f.still_to_call_back)),
        (_("ring before answer (median)"), seconds(o.ring_median) or "-"),
        (_("answered within {limit}").format(limit=ring_limit), _share(o.within_ring_limit)),
        (_("talk time (median)"), seconds(o.talk_median) or "-"),
        (_("calls over {limit}").format(limit=talk_limit), _share(o.over_talk_limit)),
    ]
    headers = (pgettext("report", "operator"), _("answered"), _("ring (median)"),
               _("within {limit}").format(limit=ring_limit), _("talk (median)"), _("over {limit}").format(limit=talk_limit))
    operators = [(name or _("not known"), *_answer_row(a)) for name, a in f.by_operator.items()]
    return [(_("Telephone"), (item, count), calls), (_("Telephone by operator"), headers, operators)]


def _answer_row(a: AnswerFigures) -> tuple[str, ...]:
    return (str(a.answered), seconds(a.ring_median) or "-", _share(a.within_ring_limit), seconds(a.talk_median) or "-",
            _share(a.over_talk_limit))


def phone_json(f: PhoneFigures) -> dict:
    def answers(a: AnswerFigures) -> dict:
        return {"answered": a.answered, "ring_median_seconds": a.ring_median, "within_ring_limit": a.within_ring_limit,
                "talk_median_seconds": a.talk_median, "over_talk_limit": a.over_talk_limit}

    return {"calls": f.calls, "missed": f.missed, "called_back": f.called_back,
            "called_back_on_time": f.called_back_on_time, "still_to_call_back": f.still_to_call_back,
            "ring_limit_seconds": f.ring_limit, "talk_limit_seconds": f.talk_limit, **answers(f.overall),
            "by_operator": {name: answers(a) for name, a in f.by_operator.items()}}
