"""The figures as JSON, shared by the month's and the year's reports: the rates against their
targets, the keys the targets added (all clocks, valid complaints, callbacks by kind, satisfaction),
and the month report's layout with its late clocks one a line."""

from __future__ import annotations

import json

from deskapp.domain.enums import ClockName, Kind, Satisfaction, Severity
from deskapp.reads.callback_figures import CallbackFigures
from deskapp.reads.target_figures import SATISFACTION, ClockFigures, Rate, clock_json, summed


def rates_json(rates: list[Rate]) -> list[dict]:
    return [{"name": r.name, "value": r.value, "target": r.target, "below_target": r.below} for r in rates]


def targets_json(clocks: dict[ClockName, ClockFigures], valid: dict[Severity, ClockFigures],
                 callbacks_of: dict[Kind, CallbackFigures], rates: list[Rate], partly: Satisfaction) -> dict:
    """The keys added beside the month's first ones: every clock together, the valid complaints'
    clocks per severity, the repairs' and the complaints' callbacks, and the satisfaction as counted."""
    satisfaction = next(r for r in rates if r.name == SATISFACTION)
    return {
        "on_time_all_clocks": clock_json(summed(clocks.values())),
        "valid_complaints": {s.value: clock_json(f) for s, f in valid.items()},
        "callbacks_by_kind": {k.value: vars(f) | {"rate": f.callback_rate} for k, f in callbacks_of.items()},
        "satisfaction": {"value": satisfaction.value, "target": satisfaction.target,
                         "partly_counts_as": partly.value},  # as the policy counted a partly satisfied customer
    }


def late_one_a_line(data: dict) -> str:
    """Indented for a reader, except the late clocks, one a line: a month can have thousands, and
    json's indenting encoder is pure Python, ten times slower than the compact one."""
    late = data.pop("late")
    head = json.dumps(data, ensure_ascii=False, indent=2)
    if not late:
        return head[:-2] + ',\n  "late": []\n}\n'
    lines = ",\n".join("    " + json.dumps(x, ensure_ascii=False) for x in late)
    return head[:-2] + ',\n  "late": [\n' + lines + "\n  ]\n}\n"
