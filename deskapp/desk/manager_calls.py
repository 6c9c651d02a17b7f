"""A manager call ticked by mistake is retracted with a reason, never deleted.

The call stays in the notifications table and in the history (it was recorded, and by whom); the
retraction is its own history event naming the call it takes back, so the call list, the night view
and the handover read that manager as not called (deskapp.reads.manager_calls.retracted_calls)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select

from deskapp.desk.history import plain
from deskapp.desk.operation import on_case, required
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _
from deskapp.models import Notification
from deskapp.reads.lookup import staff_named
from deskapp.reads.manager_calls import RETRACT, retracted_calls
from deskapp.reads.views import CaseView
from deskapp.store.context import Desk


def retract_call(desk: Desk, case_id: int, manager: str, reason: str, by: str | None = None,
                 at: datetime | None = None) -> CaseView:
    """Take back the latest call to `manager` about the case that is not yet taken back."""
    # The same frame, status rule and permission as the call itself: whoever may tick may untick.
    with on_case(desk, "notify", case_id, by, at) as op:
        reason = required(reason, N_("reason for retracting the call"))
        called = staff_named(op.session, manager)
        taken_back = retracted_calls(op.session, [case_id])
        calls = op.session.exec(select(Notification).where(Notification.case_id == case_id,
                                                           Notification.staff_id == called.id)
                                .order_by(col(Notification.at).desc(), col(Notification.id).desc())).all()
        call = next((c for c in calls if c.id not in taken_back), None)
        if call is None:
            raise DeskError(_("no call to {name} about case {number} is recorded to retract").format(
                name=called.name, number=case_id), "manager")
        op.log(RETRACT, {}, reason, {"manager": called.name, "role": called.role, "notification": call.id,
                                     "called_at": plain(call.at)})
        return op.view()
