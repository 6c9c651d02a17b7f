"""Who may take a step on a case, worded with the people's names: the refusal a screen or the CLI
shows says who may take the step instead, and nothing is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from deskapp.config.permissions import permissions
from deskapp.desk.access import accountable
from deskapp.domain import permissions as rules
from deskapp.domain.enums import Role
from deskapp.i18n import N_, _
from deskapp.models import Department, Staff
from deskapp.reads.lookup import default_operator, staff_named
from deskapp.store.context import Desk
from deskapp.words.labels import label
from deskapp.words.names import department_label
from deskapp.words.wording import listed

# step -> what taking it is called in a refusal ("Wu Gang cannot acknowledge a forwarded case")
_DOING = {
    "acknowledge": N_("acknowledge a forwarded case"),
    "validity": N_("decide a complaint's validity"),
    "confirm": N_("confirm the result of a resolved complaint"),
    "void": N_("void a case"),
    "retime": N_("retime a clock"),
    "reassign": N_("reassign a case's owner"),
    "notice": N_("post or change notices"),
    "staff": N_("change the staff list"),
    "pin": N_("issue another person's PIN"),
    "chase": N_("chase a case"),
    "severity": N_("change the severity once the case is forwarded"),
    "review": N_("put a complaint to the management review or record its conclusion"),
}


def step_refusal(session: Session, step: str, actor: Staff, department_id: int | None,
                 forwarded: bool) -> str | None:
    """Why this person may not take this step on a case with this department, naming who may; None if they may."""
    if not accountable(session):
        legacy = rules.refusal(step, actor.role, forwarded)
        if legacy is None:
            return None
        return _("{refusal} ({supervisors}); {name} is {role}").format(
            refusal=legacy, supervisors=_supervisors(session), name=actor.name, role=label(actor.role))
    steps = permissions().steps
    if steps.allows(step, rules.Person(actor.role, actor.department_id), department_id, forwarded):
        return None
    return _("{name} ({role}) cannot {doing}: {who}").format(
        name=actor.name, role=_role_of(session, actor), doing=_(_DOING.get(step, step)),
        who=who_may(session, steps.who(step, forwarded), department_id))


def who_may(session: Session, who: tuple[str, ...], department_id: int | None) -> str:
    """'the staff of Engineering (Sun Qiang, Xu Ming) or a supervisor (Chen Jing)'."""
    dept = session.get(Department, department_id) if department_id else None
    parts = [_one(session, token, dept) for token in who]
    parts = [p for p in parts if p]
    if not parts:
        return _("nobody on the staff list")
    if len(parts) == 1:
        return _("that is for {who}").format(who=parts[0])
    return _("that is for {some} or {last}").format(some=listed(parts[:-1]), last=parts[-1])


def people_of(session: Session, token: str, department_id: int | None) -> str:
    """'the manager of Engineering (Sun Qiang)', 'a project manager (Lin Tao)'."""
    return _one(session, token, session.get(Department, department_id) if department_id else None)


def _one(session: Session, token: str, dept: Department | None) -> str:
    if token == rules.ANYONE:
        return _("anyone")
    if token in (rules.RESPONSIBLE_DEPARTMENT, rules.RESPONSIBLE_MANAGER, rules.RESPONSIBLE_STAFF):
        if dept is None:
            return _("the department the case is forwarded to (it is not forwarded yet)")
        shown = department_label(dept.name)
        query = select(Staff.name).where(Staff.department_id == dept.id, Staff.active)
        if token == rules.RESPONSIBLE_MANAGER:
            what, query = _("the manager of {department}"), query.where(Staff.role == Role.department_manager)
        elif token == rules.RESPONSIBLE_STAFF:
            what, query = _("the staff of {department}"), query.where(Staff.role == Role.staff)
        else:
            what = _("the people of {department}")
        return _named(what.format(department=shown), session.exec(query.order_by(Staff.name)).all())
    names = session.exec(select(Staff.name).where(Staff.role == Role(token), Staff.active).order_by(Staff.name)).all()
    return _named(_("a {role}").format(role=label(Role(token))), names)


def _named(what: str, names) -> str:
    return _("{what} ({names})").format(what=what, names=listed(names)) if names else _("{what} (nobody on the staff list)").format(what=what)


def _role_of(session: Session, person: Staff) -> str:
    dept = session.get(Department, person.department_id) if person.department_id else None
    if dept is None:
        return label(person.role)
    return _("{role}, {department}").format(role=label(person.role), department=department_label(dept.name))


def _supervisors(session: Session) -> str:
    names = session.exec(select(Staff.name).where(Staff.role == Role.supervisor, Staff.active)).all()
    if not names:
        return _("there is no supervisor on the staff list")
    return _("supervisor: {names}").format(names=listed(names))


def may_step(session: Session, step: str, actor: Staff, department_id: int | None = None,
             forwarded: bool = False) -> bool:
    return step_refusal(session, step, actor, department_id, forwarded) is None


@dataclass(frozen=True)
class ActorFacts:
    """What a screen needs to know to offer only the steps its operator may take, without asking the
    database again for each key: who they are, and whether the desk holds everyone to the rules."""

    person: rules.Person
    accountable: bool

    def may(self, step: str, department_id: int | None, forwarded: bool) -> bool:
        if not self.accountable:
            return rules.refusal(step, self.person.role, forwarded) is None
        return permissions().steps.allows(step, self.person, department_id, forwarded)


def actor_facts(desk: Desk, operator: str | None) -> ActorFacts:
    with desk.reading() as session:
        actor = staff_named(session, operator) if operator else default_operator(session)
        return ActorFacts(rules.Person(actor.role, actor.department_id), accountable(session))
