"""The satisfaction survey's writers (the building manual's 三): a supervisor starts a round, anyone at
the desk records each tenant company's questionnaires as they come back, a supervisor closes it.

Each write is one transaction with its survey event (who, when, what, before → after), the way the
staff list keeps its history: a round is not a case. One round is open at a time; recording and
closing lock it, so two desks typing returns for one round take turns."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.config.permissions import permissions
from deskapp.config.surveys import survey_targets
from deskapp.desk.who_may import who_may
from deskapp.domain import permissions as rules
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.intake import text_problem
from deskapp.domain.surveys import Counts, default_name, line_problem, uncounted
from deskapp.i18n import _, ngettext
from deskapp.models import Staff, SurveyEvent, SurveyLine, SurveyRound
from deskapp.reads.lookup import default_operator, staff_named
from deskapp.store.context import Desk
from deskapp.words.labels import label

FIGURES = tuple(f.name for f in fields(Counts))  # staff, sent, returned, satisfied, partly, unsatisfied


@dataclass(frozen=True)
class Recorded:
    line: SurveyLine
    round: SurveyRound
    staff_from: str | None  # the round the head count was carried from, when it was not typed


def start_round(desk: Desk, name: str | None = None, by: str | None = None) -> SurveyRound:
    now = desk.now()
    typed = _plain(name or "", _("round name"), 80, "name")
    with desk.transaction() as session:
        actor = _supervisor(session, by)
        last = _latest(session)
        if last is not None and last.closed_at is None:
            raise DeskError(_("survey round {name} is still open; close it first (`deskapp survey close`)").format(
                name=last.name), "name")
        day = now.astimezone(desk.calendar.tz).date()
        survey = SurveyRound(name=typed or default_name(day, survey_targets().rounds_per_year), started_at=now,
                             started_by_id=actor.id)
        session.add(survey)
        session.flush()
        _event(session, survey, actor, "started", now, {"name": survey.name})
        return survey


def record_line(desk: Desk, company: str, *, sent: int, returned: int, satisfied: int | None = None,
                partly: int | None = None, unsatisfied: int | None = None, staff: int | None = None,
                by: str | None = None) -> Recorded:
    """Set a company's line in the open round. Figures not given keep what the line had; a head count
    not given comes from the company's line in an earlier round."""
    name = _plain(company, _("company"), 120, "company")
    if not name:
        raise DeskError(_("say which tenant company, for example 'Initech'"), "company")
    now = desk.now()
    with desk.transaction() as session:
        actor = staff_named(session, by) if by else default_operator(session)
        survey = _open_round(session)
        key = company_key(name)
        line = session.exec(select(SurveyLine).where(SurveyLine.round_id == survey.id,
                                                     SurveyLine.company_key == key)).first()
        before = _counts(line) if line else Counts()
        staff_from = None
        if staff is None and line is None:
            staff, staff_from = _earlier_head_count(session, key)
        given = {"staff": staff, "sent": sent, "returned": returned, "satisfied": satisfied, "partly": partly,
                 "unsatisfied": unsatisfied}
        after = Counts(**{k: getattr(before, k) if v is None else v for k, v in given.items()})
        problem = line_problem(after)
        if problem:
            raise DeskError(*problem)
        if line is None:
            line = SurveyLine(round_id=survey.id, company=name, company_key=key, staff=0, recorded_at=now)
        for figure in FIGURES:
            setattr(line, figure, getattr(after, figure))
        line.recorded_at = now
        session.add(line)
        session.flush()
        changed = {k: [getattr(before, k), getattr(after, k)] for k in FIGURES if getattr(before, k) != getattr(after, k)}
        _event(session, survey, actor, "recorded", now, {"company": line.company, "changes": changed})
        return Recorded(line, survey, staff_from)


def close_round(desk: Desk, by: str | None = None) -> SurveyRound:
    """Close the open round: its figures are final. Refused while a company's returned questionnaires
    are not all counted, or when no company was recorded."""
    now = desk.now()
    with desk.transaction() as session:
        actor = _supervisor(session, by)
        survey = _open_round(session)
        lines = list(session.exec(select(SurveyLine).where(SurveyLine.round_id == survey.id)).all())
        if not lines:
            raise DeskError(_("survey round {name} has no company recorded yet (`deskapp survey record COMPANY ...`)")
                            .format(name=survey.name))
        for line in lines:
            left = uncounted(_counts(line))
            if left:
                raise DeskError(ngettext(
                    "{company}: {n} returned questionnaire has no satisfaction counted yet; "
                    "record it with --satisfied, --partly or --dissatisfied",
                    "{company}: {n} returned questionnaires have no satisfaction counted yet; "
                    "record them with --satisfied, --partly and --dissatisfied", left).format(
                        company=line.company, n=left), "satisfied")
        survey.closed_at, survey.closed_by_id = now, actor.id
        session.add(survey)
        total = sum((_counts(line) for line in lines), Counts())
        _event(session, survey, actor, "closed", now, {"companies": len(lines), **vars(total)})
        return survey


def company_key(name: str) -> str:
    """'  Initech  Ltd ' and 'initech ltd' are one company."""
    return " ".join(name.split()).casefold()


def _counts(line: SurveyLine) -> Counts:
    return Counts(**{figure: getattr(line, figure) for figure in FIGURES})


def _latest(session: Session) -> SurveyRound | None:
    # Locked: a second desk starting, recording or closing waits here for the first to commit.
    return session.exec(select(SurveyRound).order_by(col(SurveyRound.id).desc()).limit(1).with_for_update()).first()


def _open_round(session: Session) -> SurveyRound:
    survey = _latest(session)
    if survey is None or survey.closed_at is not None:
        raise DeskError(_("no survey round is open; a supervisor starts one with `deskapp survey start`"))
    return survey


def _earlier_head_count(session: Session, key: str) -> tuple[int | None, str | None]:
    found = session.exec(select(SurveyLine.staff, SurveyRound.name).join(SurveyRound, col(SurveyRound.id) == SurveyLine.round_id)
                         .where(SurveyLine.company_key == key).order_by(col(SurveyRound.id).desc()).limit(1)).first()
    if found is None:
        raise DeskError(_("the company's head count is needed the first time it is surveyed (--staff N)"), "staff")
    return found[0], found[1]


def round_refusal(desk: Desk, by: str | None) -> str | None:
    """Why this person may not start or close a round, naming who may; None if they may. Asked by the
    survey screen before it asks to confirm a close, and writing nothing."""
    with desk.reading() as session:
        try:
            _supervisor(session, by)
        except NotAllowed as refusal:
            return refusal.message
    return None


def _supervisor(session: Session, by: str | None) -> Staff:
    """Only a supervisor starts and closes rounds (permissions.toml's `survey`), with or without PINs."""
    actor = staff_named(session, by) if by else default_operator(session)
    steps = permissions().steps
    if not steps.allows("survey", rules.Person(actor.role, actor.department_id), None):
        raise NotAllowed(_("{name} ({role}) cannot start or close a survey round: {who}").format(
            name=actor.name, role=label(actor.role), who=who_may(session, steps.who("survey", False), None)))
    return actor


def _event(session: Session, survey: SurveyRound, actor: Staff, action: str, at: datetime, details: dict) -> None:
    session.add(SurveyEvent(round_id=survey.id, at=at, actor_id=actor.id, action=action,
                            details=json.dumps(details, ensure_ascii=False)))


def _plain(text: str, what: str, limit: int, field: str) -> str:
    """Trimmed, inner runs of spaces made one; refused with control characters or past its column."""
    problem = text_problem(text, what, limit)
    if problem:
        raise DeskError(problem, field)
    return " ".join(text.split())
