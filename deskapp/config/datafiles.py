"""Reads the supervisor's data files (policy, calendar, staff) into the domain's objects.

A mistake in a file stops the app with the file's name and the problem in plain words, before any
desk work starts on wrong numbers.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal

from deskapp.config.holiday_cache import CachedHolidays
from deskapp.config.paths import data_dir
from deskapp.domain.calendar import CalendarSpec, PackageYear, WorkCalendar, zone_mismatch
from deskapp.domain.enums import Role
from deskapp.domain.policy import Policy, PolicyError, policy_from_dict
from deskapp.i18n import LANGUAGES, _
from deskapp.words.names import ShownNames

_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class DataFileError(ValueError):
    """A data file the app cannot run on; the message names the file."""


@dataclass(frozen=True)
class StaffEntry:
    name: str
    role: Role
    department: str | None
    phone: str


@dataclass(frozen=True)
class StaffList:
    departments: tuple[tuple[str, str], ...]  # (name, phone)
    staff: tuple[StaffEntry, ...]
    shown: ShownNames = ShownNames()  # the departments' names in the desk's other languages (zh_CN = "工程部")


def read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise DataFileError(_("{path} is missing").format(path=path)) from None
    except tomllib.TOMLDecodeError as e:
        raise DataFileError(_("{path} cannot be read: {problem}").format(path=path, problem=e)) from None


def load_policy(folder: Path | None = None) -> Policy:
    path = (folder or data_dir()) / "policy.toml"
    try:
        return policy_from_dict(read_toml(path))
    except PolicyError as e:
        raise DataFileError(_("{path}: {problem}").format(path=path, problem=e)) from None


def load_calendar(folder: Path | None = None) -> WorkCalendar:
    path = (folder or data_dir()) / "calendar.toml"
    raw = read_toml(path)
    try:
        # The package's days as an earlier run kept them: loading the package costs 0.1 s a process.
        return WorkCalendar(calendar_spec(raw), CachedHolidays())
    except ValueError as e:
        raise DataFileError(_("{path}: {problem}").format(path=path, problem=e)) from None


def calendar_spec(raw: dict) -> CalendarSpec:
    weekdays = []
    for name in raw.get("weekdays", _WEEKDAYS[:5]):
        if str(name).lower()[:3] not in _WEEKDAYS:
            raise ValueError(_("weekdays: {name!r} is not a day of the week (mon, tue, ... sun)").format(name=name))
        weekdays.append(_WEEKDAYS.index(str(name).lower()[:3]))
    return CalendarSpec(
        tz=_zone(raw.get("timezone", "")),
        opens=_clock_time(raw.get("opens", "08:00"), "opens"),
        closes=_clock_time(raw.get("closes", "19:00"), "closes"),
        weekdays=frozenset(weekdays),
        country=raw.get("country") or None,
        holidays=frozenset(_day(d, "holidays") for d in raw.get("holidays", [])),
        workdays=frozenset(_day(d, "workdays") for d in raw.get("workdays", [])),
    )


def load_staff(folder: Path | None = None) -> StaffList:
    path = (folder or data_dir()) / "staff.toml"
    raw = read_toml(path)
    departments = tuple((d["name"], d.get("phone", "")) for d in raw.get("department", []))
    names = {name for name, _ in departments}
    shown = ShownNames({d["name"]: _shown_names(path, d["name"], d) for d in raw.get("department", [])})
    staff = []
    for entry in raw.get("staff", []):
        try:
            role = Role(entry.get("role", ""))
        except ValueError:
            roles = ", ".join(r.value for r in Role)
            raise DataFileError(_("{path}: {name!r} has role {role!r}; use one of {roles}").format(
                path=path, name=entry.get("name"), role=entry.get("role"), roles=roles)) from None
        department = entry.get("department")
        if department is not None and department not in names:
            raise DataFileError(_("{path}: {name!r} belongs to {department!r}, which is not a [[department]]").format(
                path=path, name=entry["name"], department=department))
        staff.append(StaffEntry(entry["name"], role, department, entry.get("phone", "")))
    return StaffList(departments, tuple(staff), shown)


def _shown_names(path: Path, name: str, raw: dict) -> dict[str, str]:
    """A department's names in the desk's languages: `zh_CN = "工程部"` beside its name (and `en = "Property"`
    beside a name written in Chinese)."""
    shown = {}
    for language_ in LANGUAGES:
        if language_ not in raw:
            continue
        value = raw[language_]
        if not isinstance(value, str) or not value.strip():
            problem = _("{path}: department {name!r} has {key} = {value!r}; write its name, such as {key} = \"工程部\"")
            raise DataFileError(problem.format(path=path, name=name, key=language_, value=value))
        shown[language_] = value.strip()
    return shown


def _zone(name: str) -> ZoneInfo:
    if not name:
        return ZoneInfo(tzlocal.get_localzone_name() or "UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(_("timezone {name!r} is not a time zone name such as Asia/Shanghai").format(name=name)) from None


def _clock_time(text: str, key: str) -> time:
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(_("{key} = {text!r} is not a time of day such as 08:00").format(key=key, text=text)) from None


def _day(text, key: str) -> date:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(_("{key}: {text!r} is not a date such as 2026-10-08").format(key=key, text=text)) from None


# The zones a calendar country's clocks read (tzdata's names, old aliases included); a country not
# listed is never warned about.
COUNTRY_ZONES = {
    "CN": frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "Asia/Urumqi",
                     "Asia/Kashgar", "PRC"}),
}


def package_year(country: str | None, year: int, language_: str) -> PackageYear:
    """The holidays package's days for one year. A country run on yearly notices (China's State
    Council notice, which sets the make-up working days) has official data for exactly the years in
    its `special_public_holidays` (for CN in holidays 0.109: 2001-2026); other years are estimates
    from the fixed rules, without make-up days. A country without such notices is official always."""
    if country is None:
        return PackageYear({}, frozenset(), official=True)
    import holidays as holidays_pkg  # loaded when a year is listed, not by every command

    found = holidays_pkg.country_holidays(country, years=year, language=_PACKAGE_LANGUAGES.get(language_))
    noticed = year in getattr(found, "special_public_holidays", {})
    official = noticed or not getattr(found, "has_substituted_holidays", False)
    makeup = frozenset(d for d in getattr(found, "weekend_workdays", set()) if d.year == year)
    return PackageYear(dict(found), makeup, official)


_PACKAGE_LANGUAGES = {"en": "en_US", "zh_CN": "zh_CN"}


def zone_warning(folder: Path | None = None, machine_zone: str | None = None) -> str | None:
    """One line when calendar.toml leaves the zone to a machine outside the calendar's country."""
    raw = read_toml((folder or data_dir()) / "calendar.toml")
    country = raw.get("country") or None
    machine = machine_zone or tzlocal.get_localzone_name() or "UTC"
    if not zone_mismatch(str(raw.get("timezone", "")), machine, COUNTRY_ZONES.get(country or "")):
        return None
    return _("warning: calendar.toml leaves the time zone to this machine, which is on {zone}, not a zone of {country}; "
             "set timezone = \"Asia/Shanghai\" (or the desk's own zone) so that working hours are the desk's").format(
        zone=machine, country=country)
