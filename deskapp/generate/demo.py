"""Demo data: weeks of a building's service desk, made only through the desk's own operations, so
every case has the history, clocks and callbacks the desk itself would have written. Events are
back-dated with `at=`; a step whose time has not come yet is left undone, so the newest cases are open.

The demo is written in the language the desk speaks when it is made: the building's tables are in
deskapp.generate.demo_en and deskapp.generate.demo_zh (the same rows in the same order, so a seed
makes the same cases in either); this file makes the days out of them. Like any record, it stays in
that language afterwards.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from types import ModuleType

from sqlmodel import select

from deskapp.config.departments import department_words
from deskapp.desk.callbacks import record_callback
from deskapp.desk.intake import record_intake
from deskapp.desk.workflow import (
    acknowledge,
    add_note,
    escalate,
    forward,
    notify,
    pause,
    record_arrival,
    resolve,
    resume,
    set_severity,
    set_validity,
    void,
)
from deskapp.domain.enums import (
    AttemptResult,
    Channel,
    Kind,
    NoteKind,
    Role,
    Satisfaction,
    Severity,
    Validity,
)
from deskapp.domain.intake import Intake
from deskapp.generate import demo_en, demo_zh
from deskapp.i18n import chinese
from deskapp.models import Department, Staff
from deskapp.reads.departments import departments_in
from deskapp.store.context import Desk
from deskapp.words.display import weekday_time

# How the days are mixed: what people call about, how grave the complaints are, how they reach the desk.
KIND_MIX = {Kind.repair: 35, Kind.inquiry: 30, Kind.complaint: 25, Kind.assistance: 5, Kind.suggestion: 5}
SEVERITY_MIX = {Severity.general: 65, Severity.minor: 25, Severity.major: 10}
CHANNEL_MIX = {Channel.phone: 70, Channel.visit: 12, Channel.email: 9, Channel.staff: 7, Channel.letter: 2}


@dataclass(frozen=True)
class Words:
    """One language's building: its tables and what the desk writes."""

    buildings: tuple[str, ...]
    podium: str
    companies: tuple[str, ...]
    surnames: tuple[str, ...]
    given: tuple[str, ...]
    who: tuple[str, ...]
    which: str
    department: Mapping[str, str]
    repairs: tuple
    complaints: tuple
    major: tuple
    inquiries: tuple
    assistance: tuple
    suggestions: tuple
    how: tuple[str, ...]
    waits: tuple[str, ...]
    say: Mapping[str, str]

    @classmethod
    def of(cls, tables: ModuleType) -> Words:
        return cls(*(getattr(tables, name.upper()) for name in cls.__dataclass_fields__))


def words(in_chinese: bool | None = None) -> Words:
    """The demo's words in the desk's language (or the one asked for)."""
    return Words.of(demo_zh if (chinese() if in_chinese is None else in_chinese) else demo_en)


class _Demo:
    """The desk being filled, the random source, the tenants and callers, and who is who on the staff."""

    def __init__(self, desk: Desk, rng: random.Random, w: Words):
        self.desk, self.rng, self.now, self.cal, self.w = desk, rng, desk.now(), desk.calendar, w
        self.tenancy = {c: self._place() for c in w.companies}
        self.regulars = [self._new_caller() for _ in range(12)]  # the same people call again and again
        self.last: tuple[Intake, int] | None = None

    def load_staff(self, session) -> None:
        rows = session.exec(select(Staff.name, Staff.role, Department.name).where(Staff.active).order_by(Staff.id)
                            .join(Department, Staff.department_id == Department.id, isouter=True)).all()
        self.receptionists = [n for n, role, _ in rows if role == Role.receptionist]
        self.night = next((n for n, role, _ in rows if role == Role.night_duty), self.receptionists[0])
        self.supervisor = next((n for n, role, _ in rows if role == Role.supervisor), self.receptionists[0])
        self.leaders = [n for n, role, _ in rows if role == Role.project_manager]
        self.manager = {d: n for n, role, d in rows if role == Role.department_manager}
        self.crew = {d: n for n, role, d in rows if role == Role.staff}
        # The tables name departments as the shipped staff file does ("Engineering"); a staff file
        # that calls it 工程部 has its cases forwarded there all the same.
        kept = [d.name for d in departments_in(session)]
        self.departments = {name: department_words().named(name, kept) or name
                            for name in {*self.w.department.values(), *(row[1] for row in self.w.suggestions)}}

    def on_duty(self, t: datetime) -> str:
        if not self.cal.is_working_time(t):
            return self.night
        return self.receptionists[(t.astimezone(self.cal.tz).hour >= 13) % len(self.receptionists)]

    def _place(self) -> tuple[str, int, str]:
        building = self.rng.choice(self.w.buildings)
        floor = self.rng.randint(1, 5 if building == self.w.podium else 30)
        return building, floor, f"{floor}{self.rng.randint(1, 12):02d}"

    def _new_caller(self) -> dict:
        r, w = self.rng, self.w
        company = r.choice(w.companies) if r.random() < 0.85 else ""
        building, floor, unit = self.tenancy[company] if company else self._place()
        surname, given = r.choice(w.surnames), r.choice(w.given)
        who = r.choice(tuple(t.format(surname=surname, given=given) for t in w.who))
        phone = f"1{r.choice('358')}{r.randint(0, 9)}{r.randint(0, 99_999_999):08d}"
        return dict(who=who, company=company, building=building, floor=str(floor), unit=unit,
                    which=w.which.format(building=building, floor=floor, unit=unit), phone=phone)

    def open(self, at: datetime, kind: Kind, category: str, what: str, dept: str | None = None, **extra) -> _Steps:
        """Record the call, as the receptionist on duty (the night duty after hours)."""
        r = self.rng
        caller = r.choice(self.regulars) if r.random() < 0.25 else self._new_caller()
        if self.cal.is_working_time(at):
            channel = r.choices(list(CHANNEL_MIX), weights=list(CHANNEL_MIX.values()))[0]
        else:
            channel = Channel.phone if r.random() < 0.85 else Channel.visit
        if r.random() < 0.05:
            extra["special_requests"] = self.w.say["special request"]
        intake = Intake(kind=kind, what=what, received_at=at, channel=channel, category=category, **(caller | extra))
        case_id = record_intake(self.desk, intake, by=self.on_duty(at)).case.id
        self.last = (intake, case_id)
        return _Steps(self, case_id, at, self.departments[dept or self.w.department[category]])


class _Steps:
    """One case's events, each no earlier than the one before; once one lies in the future, none is done."""

    def __init__(self, demo: _Demo, case_id: int, at: datetime, dept: str = ""):
        self.d, self.id, self.t, self.live, self.dept = demo, case_id, at, True, dept
        self.boss = demo.manager.get(dept)  # the responsible department's manager, and who does the work
        self.hands = demo.crew.get(dept, self.boss)

    def wall(self, minutes: int) -> _Steps:
        return self.until(self.t + timedelta(minutes=minutes))

    def work(self, minutes: int) -> _Steps:  # working minutes, by the desk's calendar
        return self.until(self.d.cal.add_working(self.t, timedelta(minutes=minutes)))

    def until(self, t: datetime) -> _Steps:
        self.t = max(self.t, t)
        return self

    def by_day(self) -> _Steps:
        """Day staff do it: outside working hours it moves to soon after the next opening."""
        if not self.d.cal.is_working_time(self.t):
            self.t = self.d.cal.next_opening(self.t) + timedelta(minutes=self.d.rng.randint(5, 60))
        return self

    def do(self, operation: Callable, *args, by: str | None = None, **kwargs) -> bool:
        self.live = self.live and self.t <= self.d.now
        if self.live:
            operation(self.d.desk, self.id, *args, by=by or self.d.on_duty(self.t), at=self.t, **kwargs)
        return self.live


def _call_back(s: _Steps, caller: str, on_site: bool = False, again: bool = False) -> bool:
    """The callback after a resolution, sometimes after a missed call. True when it reopened the case."""
    r = s.d.rng
    s.work(r.randint(30, 420) if r.random() < 0.85 else r.randint(700, 1000))
    if r.random() < 0.15:
        s.do(record_callback, AttemptResult.no_answer, by=caller)
        s.work(int(s.d.desk.policy.callback_retry / timedelta(minutes=1)) + r.randint(0, 30))
    roll = r.random()
    satisfaction = (Satisfaction.satisfied if roll < 0.82 or again else
                    Satisfaction.partly if roll < 0.94 else Satisfaction.unsatisfied)
    note = s.d.w.say["not right yet"] if satisfaction is Satisfaction.unsatisfied else ""
    reached = s.do(record_callback, AttemptResult.reached, satisfaction, note=note, by=caller,
                   signed=(r.random() < 0.85) if on_site else None)  # an on-site visit: did they sign?
    return reached and satisfaction is Satisfaction.unsatisfied


def _finish(s: _Steps, outcome: str, doer: str, caller: str, on_site: bool = False) -> None:
    """Resolve and call back; a customer not satisfied gets it done again and a second callback."""
    if s.do(resolve, outcome, by=doer) and _call_back(s, caller, on_site):
        s.work(s.d.rng.randint(60, 900)).do(resolve, s.d.w.say["done again"].format(outcome=outcome), by=doer)
        _call_back(s, caller, on_site, again=True)


def _repair(d: _Demo, at: datetime, _severity) -> None:
    r, say = d.rng, d.w.say
    category, what, outcome = r.choice(d.w.repairs)
    asked = d.cal.add_working(at, timedelta(hours=r.randint(2, 6))) if r.random() < 0.2 else None
    how = say["fix before"].format(time=weekday_time(asked, d.cal.tz)) if asked else say["send someone"]
    s = d.open(at, Kind.repair, category, what, how=how, requested_by=asked)
    s.work(r.randint(1, 5)).do(forward, s.dept, person=s.hands)  # the work order
    s.work(r.randint(1, 4)).do(acknowledge, by=s.hands)
    s.work(r.randint(3, 10) if r.random() < 0.9 else r.randint(15, 45)).do(record_arrival, by=s.hands)
    if r.random() < 0.08:
        s.wall(r.randint(5, 20)).do(pause, r.choice(d.w.waits), by=s.hands)
        s.work(r.randint(240, 1200)).do(resume, say["work continues"], by=s.hands)
    if asked:  # done by the time the customer asked, mostly
        s.until(asked + timedelta(minutes=r.randint(10, 90) if r.random() < 0.15 else -r.randint(10, 60)))
    _finish(s.work(r.randint(20, 240) if not asked else 5), outcome, s.hands, s.boss)


def _complaint(d: _Demo, at: datetime, severity: Severity) -> None:
    r, say = d.rng, d.w.say
    major, late = severity is Severity.major, r.random() < 0.1
    category, what, fix, not_ours = r.choice(d.w.major if major else d.w.complaints)
    asked = d.cal.add_working(at, timedelta(hours=r.randint(4, 16))) if not major and r.random() < 0.1 else None
    s = d.open(at, Kind.complaint, category, what, severity=severity, how=r.choice(d.w.how), requested_by=asked,
               why=say["keeps happening"] if r.random() < 0.3 else "")
    if major:  # never waits for the morning: forwarded, managers called, escalated
        s.wall(r.randint(12, 25) if late else r.randint(2, 8)).do(forward, s.dept, person=s.boss)
        for manager in (s.boss, *d.leaders):
            s.wall(r.randint(1, 3)).do(notify, manager, note=say["managers told"])
        s.wall(r.randint(3, 15)).do(acknowledge, by=s.boss)
        s.until(at + timedelta(minutes=r.randint(65, 110) if late else r.randint(20, 55)))
        s.do(escalate, say["escalated"],
             by=d.supervisor if d.cal.is_working_time(s.t) else d.night)
    else:
        s.work(r.randint(25, 70) if late else r.randint(3, 18)).do(forward, s.dept)
        s.work(r.randint(5, 60)).do(acknowledge, by=s.boss)
        if severity is Severity.minor and r.random() < 0.06:
            s.work(r.randint(10, 60)).do(set_severity, Severity.general, say["third time"], by=d.supervisor)
    valid = r.random() < 0.85
    s.wall(r.randint(60, 300)) if major else s.work(r.randint(60, 480))
    s.do(set_validity, Validity.valid if valid else Validity.invalid,
         say["fell short"] if valid else not_ours, by=s.boss)
    s.wall(r.randint(30, 300) if r.random() < 0.9 else r.randint(1500, 4500)).by_day()
    s.do(add_note, fix if valid else say["explained"].format(reason=not_ours),
         NoteKind.corrective if valid else NoteKind.explanation, by=s.boss)
    if r.random() < 0.4:
        s.work(r.randint(30, 240)).do(add_note, say["in hand"], NoteKind.contact, by=s.boss)
    if r.random() < 0.15:
        s.work(r.randint(10, 120)).do(pause, r.choice(d.w.waits), by=s.boss)
        s.work(r.randint(600, 2400)).do(resume, say["back in touch"], by=s.boss)
    share = r.uniform(1.05, 1.6) if r.random() < 0.12 else r.uniform(0.2, 0.9)  # of the time allowed
    if major:
        s.until(at + timedelta(hours=48 * share))
    else:
        s.until(d.cal.add_working(at, (d.cal.working_between(at, asked) if asked else timedelta(hours=24)) * share))
    caller = d.leaders[0] if major and d.leaders else s.boss
    outcome = fix if valid else say["helped and explained"].format(reason=not_ours)
    _finish(s.wall(r.randint(1, 20)), outcome, s.boss, caller, on_site=major)


def _inquiry(d: _Demo, at: datetime, _severity) -> None:
    r = d.rng
    category, question, answer = r.choice(d.w.inquiries)
    roll, night = r.random(), not d.cal.is_working_time(at)
    promised = None  # or the desk promises an answer by a time
    if night or roll < 0.2:
        promised = (d.cal.next_opening(at) if night else at) + timedelta(hours=r.randint(1, 4))
    s = d.open(at, Kind.inquiry, category, question, promised_by=promised)
    if promised is None and roll < 0.9:
        s.wall(r.randint(1, 3)).do(resolve, answer)  # answered on the spot
    elif promised is None:
        s.work(r.randint(5, 30)).do(forward, s.dept)
        s.work(r.randint(30, 600)).do(resolve, answer, by=s.boss)
    else:
        s.work(r.randint(5, 30)).do(forward, s.dept)
        s.until(promised + timedelta(minutes=r.randint(10, 120) if r.random() < 0.15 else -r.randint(5, 55)))
        s.do(resolve, answer, by=s.boss)


def _assistance(d: _Demo, at: datetime, _severity) -> None:
    r = d.rng
    category, what = r.choice(d.w.assistance)
    when = d.cal.add_working(at, timedelta(hours=r.randint(2, 20)))
    s = d.open(at, Kind.assistance, category, what, appointment_at=when,
               how=d.w.say["at"].format(time=weekday_time(when, d.cal.tz)),
               requested_by=when + timedelta(hours=2) if r.random() < 0.7 else None)
    s.work(r.randint(5, 30)).do(forward, s.dept, person=s.hands)
    s.work(r.randint(5, 60)).do(acknowledge, by=s.boss)
    s.until(when + timedelta(minutes=r.randint(30, 130))).do(resolve, d.w.say["done as asked"], by=s.hands)


def _suggestion(d: _Demo, at: datetime, _severity) -> None:
    r = d.rng
    category, dept, what, outcome = r.choice(d.w.suggestions)
    s = d.open(at, Kind.suggestion, category, what, dept=dept)
    if r.random() < 0.5:
        s.wall(r.randint(2, 20)).do(forward, s.dept)
    s.wall(r.randint(5, 120)).by_day().do(resolve, outcome)


def _duplicate(d: _Demo) -> bool:
    """The last call entered a second time by mistake; the second entry is voided."""
    intake, original = d.last
    at = intake.received_at + timedelta(minutes=d.rng.randint(1, 3))
    if at > d.now:
        return False
    case_id = record_intake(d.desk, replace(intake, received_at=at), by=d.on_duty(at)).case.id
    reason = d.w.say["duplicate"].format(number=original)
    _Steps(d, case_id, at).wall(d.rng.randint(3, 20)).do(void, reason, by=d.supervisor)
    return True


LIFECYCLES = {Kind.repair: _repair, Kind.inquiry: _inquiry, Kind.complaint: _complaint,
              Kind.assistance: _assistance, Kind.suggestion: _suggestion}


def _call_times(d: _Demo, days: int, per_day: int) -> list[datetime]:
    """When calls came in: busy weekday mornings, some evenings, quiet weekends; none after now."""
    r, tz = d.rng, d.cal.tz
    today = d.now.astimezone(tz).date()
    calendar = [(day, d.cal.is_working_day(day)) for day in (today - timedelta(days=b) for b in reversed(range(days)))]
    scale = per_day * days / sum(1 if working else 0.3 for _, working in calendar)  # per_day is the average
    times = []
    for day, working in calendar:
        for _ in range(round(scale * r.uniform(0.8, 1.2) * (1 if working else 0.3))):
            if working and r.random() < 0.88:
                minute = int(r.triangular(8 * 60, 19 * 60, 10 * 60))
            elif working:
                minute = r.choice((r.randint(6 * 60 + 30, 8 * 60 - 1), r.randint(19 * 60, 23 * 60 + 30)))
            else:
                minute = r.randint(8 * 60, 22 * 60)
            t = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz)
            if t <= d.now:
                times.append(t)
    return sorted(times)


def _deck(rng: random.Random, mix: dict, n: int) -> list:
    """n draws in the mix's proportions, each choice at least once when n allows, shuffled."""
    counts = {k: max(1, round(n * w / sum(mix.values()))) for k, w in mix.items()}
    counts[max(mix, key=mix.get)] += n - sum(counts.values())
    deck = [k for k, c in counts.items() for _ in range(c)]
    rng.shuffle(deck)
    return deck[:n]


def fill_demo(desk: Desk, days: int = 21, per_day: int = 30, seed: int = 7,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Fill the desk with `days` of activity ending at desk.now(), all or nothing, in the desk's
    language. Returns the cases made."""
    rng = random.Random(seed)
    d = _Demo(desk, rng, words())
    times = _call_times(d, days, per_day)
    kinds = _deck(rng, KIND_MIX, len(times))
    severities = iter(_deck(rng, SEVERITY_MIX, kinds.count(Kind.complaint)))
    early = int(len(times) * 0.9)  # a couple of calls entered twice by mistake, none of the newest
    twice = set(rng.sample(range(early), k=min(early, max(2, len(times) // 250))))
    total, made = len(times) + len(twice), 0
    with desk.batch() as session:
        d.load_staff(session)
        for i, (at, kind) in enumerate(zip(times, kinds)):
            LIFECYCLES[kind](d, at, next(severities) if kind is Kind.complaint else None)
            made += 1 + (i in twice and _duplicate(d))
            if progress:
                progress(made, total)
    return made
