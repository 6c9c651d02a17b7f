"""What the home screen warns about, each in one line: a desk counting working hours in the wrong
time zone, open clocks falling due in a year the calendar only estimates, and open clocks timed under
rules that have changed since. Reads only: re-timing is the supervisor's (deskapp.desk.retime)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

import tzlocal
from sqlmodel import col, func, or_, select

from deskapp.config.datafiles import COUNTRY_ZONES, DataFileError, package_year, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.calendar import zone_mismatch
from deskapp.domain.clocks_stored import rules_versions
from deskapp.domain.enums import OPEN_STATUSES
from deskapp.i18n import _, ngettext
from deskapp.models import Case, CaseClock
from deskapp.store.context import Desk


def zone_note(folder: Path | None = None, machine_zone: str | None = None) -> str | None:
    """The home screen's line when calendar.toml leaves the zone to a machine outside the calendar's
    country (`deskapp check` says the same, at more length): a UTC server would count a Friday 19:30
    Shanghai call as working time."""
    try:
        raw = read_toml((folder or data_dir()) / "calendar.toml")
    except DataFileError:  # read at start-up; a file gone since is `deskapp check`'s to say
        return None
    country = raw.get("country") or None
    machine = machine_zone or tzlocal.get_localzone_name() or "UTC"
    if not zone_mismatch(str(raw.get("timezone", "")), machine, COUNTRY_ZONES.get(country or "")):
        return None
    return _("Time zone: this machine is on {zone}, not a zone of {country}, and calendar.toml leaves the zone to it; "
             "set timezone = \"Asia/Shanghai\" (or the desk's own) so working hours are the desk's").format(
        zone=machine, country=country)


@cache
def is_estimate(country: str, year: int) -> bool:
    """Whether the holidays package only estimates this year (no official notice: no make-up days)."""
    return not package_year(country, year, "en").official


def estimated_years(desk: Desk) -> list[int]:
    """The years, among those of the open clocks' nearest and furthest due times, that the calendar
    only estimates. Official notices run up to a year and estimates follow it, so the furthest due
    time finds a clock in an estimated year whenever there is one."""
    country = desk.calendar.spec.country
    if country is None:
        return []
    with desk.reading() as session:
        first, last = session.exec(
            select(func.min(CaseClock.due_at), func.max(CaseClock.due_at))
            .join(Case, col(Case.id) == CaseClock.case_id)
            .where(col(CaseClock.met_at).is_(None), col(Case.status).in_(OPEN_STATUSES))).one()
    if first is None or last is None:
        return []
    years = sorted({_year(first, desk), _year(last, desk)})
    return [year for year in years if is_estimate(country, year)]


def estimate_note(years: list[int]) -> str:
    shown = ", ".join(str(y) for y in years)
    return _("Open clocks fall due in {years}, which the calendar only estimates (no official holiday notice yet, so no "
             "make-up working days): see `deskapp calendar {first}`").format(years=shown, first=years[0])


def clocks_on_old_rules(desk: Desk) -> int:
    """Open clocks whose due was computed under another policy or calendar than today's."""
    policy_version, calendar_version = rules_versions(desk.policy, desk.calendar)
    with desk.reading() as session:
        return session.exec(
            select(func.count()).select_from(CaseClock).join(Case, col(Case.id) == CaseClock.case_id)
            .where(col(CaseClock.met_at).is_(None), col(Case.status).in_(OPEN_STATUSES),
                   or_(CaseClock.policy_version != policy_version, CaseClock.calendar_version != calendar_version))
        ).one()


def rules_note(moving: int) -> str:
    """The line a person who may not re-time is shown (and a supervisor who chose to leave them)."""
    return ngettext("The policy or calendar has changed: {n} open clock would move under today's rules and keeps its "
                    "due time until a supervisor re-times it (`deskapp retime --open`)",
                    "The policy or calendar has changed: {n} open clocks would move under today's rules and keep their "
                    "due times until a supervisor re-times them (`deskapp retime --open`)", moving).format(n=moving)


def _year(t: datetime, desk: Desk) -> int:
    return t.astimezone(desk.calendar.tz).year
