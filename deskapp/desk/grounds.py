"""The ground a validity decision is taken on, picked from the manuals' list (data/permissions.toml)."""

from __future__ import annotations

from sqlmodel import Session

from deskapp.config.permissions import ground_label, permissions
from deskapp.desk.access import accountable
from deskapp.domain.enums import Validity
from deskapp.domain.errors import DeskError
from deskapp.i18n import _
from deskapp.words.labels import complaint_label
from deskapp.words.wording import listed


def grounds_for(validity: Validity) -> list[tuple[str, str]]:
    """(key, as shown) of the grounds that support this decision, in the file's order."""
    return [(g.key, ground_label(g.key)) for g in permissions().grounds if g.validity is validity]


def validity_ground(session: Session, validity: Validity, typed: str | None) -> str:
    """The ground's key. Asked on an accountable desk; before PINs a decision may still be taken without one."""
    if not typed or not typed.strip():
        if accountable(session):
            raise DeskError(_("pick the ground of the decision: {grounds}").format(
                grounds=listed(shown for _key, shown in grounds_for(validity))), "ground")
        return ""
    ground = permissions().ground(typed)
    if ground is None or ground.validity is not validity:
        raise DeskError(_("{typed!r} is not a ground of the decision \"{decision}\"; use one of: {grounds}").format(
            typed=typed.strip(), decision=complaint_label(validity),
            grounds=listed(shown for _key, shown in grounds_for(validity))), "ground")
    return ground.key
