"""The monthly management review (SOP 3.6.2): major complaints go to it by their severity, other
complaints when a supervisor puts them there, and the review's conclusion is recorded on each.

Both steps are events in the case's history (`review_flag`, `review`), signed by the supervisor who
took them: the review is a judgement on the case, not a field of it, and its record is the history.
"""

from __future__ import annotations

from datetime import datetime

from deskapp.desk.operation import on_case, required
from deskapp.domain.enums import Kind
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.i18n import N_, _
from deskapp.reads.review import CONCLUSION, FLAG, on_the_list
from deskapp.reads.views import CaseView
from deskapp.store.context import Desk
from deskapp.words.labels import label


def put_to_review(desk: Desk, case_id: int, reason: str, by: str | None = None,
                  at: datetime | None = None) -> CaseView:
    """A supervisor puts a complaint on the month's management review list, saying why."""
    with on_case(desk, "review", case_id, by, at) as op:
        reason = required(reason, N_("reason the complaint goes to the management review"))
        if op.case.kind is not Kind.complaint:
            raise DeskError(_("case {number} is a {kind}: only complaints go to the management review").format(
                number=case_id, kind=label(op.case.kind)))
        if on_the_list(op.session, op.case):
            raise NotAllowed(_("case {number} is already on the management review list").format(number=case_id))
        op.log(FLAG, {}, reason)
        return op.view()


def conclude_review(desk: Desk, case_id: int, conclusion: str, by: str | None = None,
                    at: datetime | None = None) -> CaseView:
    """The review's conclusion on one complaint of its list; a later one stands beside the earlier."""
    with on_case(desk, "review", case_id, by, at) as op:
        conclusion = required(conclusion, N_("conclusion of the management review"))
        if not on_the_list(op.session, op.case):
            raise NotAllowed(_("case {number} is not on the management review list: it is not a major complaint, "
                               "and no supervisor has put it there (deskapp review {number} --flag --note WHY)")
                             .format(number=case_id))
        op.log(CONCLUSION, {}, conclusion)
        return op.view()
