"""Every reason the desk cannot accept an intake yet, said in the desk's words per field.

The rules are the domain's (domain.intake); this puts them together with each field and category
named as the reader reads it, which the domain, knowing no wording, cannot do.
"""

from __future__ import annotations

from deskapp.domain.enums import Kind
from deskapp.domain.intake import FREE_TEXT_LIMIT, LIMITS, TEXT_FIELDS, Intake, Problem, has_where, phone_problem, text_problem
from deskapp.i18n import _
from deskapp.words.coordination import work_order_problems
from deskapp.words.labels import field_label, label


def check_intake(intake: Intake) -> list[Problem]:
    """Every reason the desk cannot accept this intake yet; empty when it can."""
    problems: list[Problem] = []
    for name in TEXT_FIELDS:
        message = text_problem(getattr(intake, name), field_label(name), LIMITS.get(name, FREE_TEXT_LIMIT))
        if message:
            problems.append(Problem(name, message))
    if not intake.what.strip():
        problems.append(Problem("what", _("say what happened or what the caller needs (the What)")))
    if intake.kind is Kind.complaint:
        if intake.severity is None:
            problems.append(Problem("severity", _("a complaint needs a severity: major, general or minor")))
        if not (intake.who.strip() or intake.phone.strip()):
            problems.append(Problem("who", _("a complaint needs the caller's name or a contact phone")))
        if not has_where(intake):
            problems.append(Problem("which", _("a complaint needs where the caller is from (building, floor, unit or company)")))
    elif intake.severity is not None:
        message = _("severity is for complaints only, not for a {kind}").format(kind=label(intake.kind))
        problems.append(Problem("severity", message))
    if intake.kind is Kind.repair and not has_where(intake):
        problems.append(Problem("which", _("a repair needs where it is (building, floor and unit)")))
    if intake.phone.strip() and not any(p.field == "phone" for p in problems):
        message = phone_problem(intake.phone)
        if message:
            problems.append(Problem("phone", message))
    if intake.requested_by is not None and intake.requested_by <= intake.received_at:
        problems.append(Problem("requested_by", _("the requested deadline must be after the time the call was received")))
    if intake.promised_by is not None and intake.promised_by <= intake.received_at:
        problems.append(Problem("promised_by", _("the promised answer time must be after the time the call was received")))
    return problems + work_order_problems(intake)
