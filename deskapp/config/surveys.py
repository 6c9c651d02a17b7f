"""Reads [surveys] from data/policy.toml: how many survey rounds a year, and the shares the manual
sets (coverage of the building's staff, questionnaires returned, satisfaction). Read once per data
folder; a bad value stops the desk with the file's name and the problem in plain words."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from deskapp.config.datafiles import DataFileError, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.surveys import SurveyTargets
from deskapp.i18n import _

_SHARES = ("coverage", "returned", "satisfaction")


def survey_targets(folder: Path | None = None) -> SurveyTargets:
    return _targets(folder or data_dir())


@cache
def _targets(folder: Path) -> SurveyTargets:
    path = folder / "policy.toml"
    raw = read_toml(path).get("surveys", {})
    defaults = SurveyTargets()
    try:
        rounds = raw.get("rounds_per_year", defaults.rounds_per_year)
        if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= 12:
            raise ValueError(_("[surveys] rounds_per_year must be a whole number from 1 to 12, not {value!r}").format(
                value=rounds))
        shares = {name: _share(raw, name, getattr(defaults, name)) for name in _SHARES}
    except ValueError as e:
        raise DataFileError(_("{path}: {problem}").format(path=path, problem=e)) from None
    return SurveyTargets(rounds_per_year=rounds, **shares)


def _share(raw: dict, name: str, default: float) -> float:
    value = raw.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise ValueError(_("[surveys] {name} must be a share between 0 and 1, for example 0.9, not {value!r}").format(
            name=name, value=value))
    return float(value)
