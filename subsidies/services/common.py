"""What every subsidy service shares: the permission re-check, money in audit events, mail to leads."""

from django.core.exceptions import PermissionDenied

from accounts.models import User
from herinneringen.services import reminder_schedule
from initiatieven.models import Initiative, Membership
from marktplein.money import euros

# How long after a refusal the leads can object (bezwaar), Awb art. 6:7.
OBJECTION_WEEKS = 6
MAX_ATTACHMENTS_PER_REPORT = 10


def _require(allowed: bool) -> None:
    """Services ask the views' predicates again; a refusal is PermissionDenied (ADR 7)."""
    if not allowed:
        raise PermissionDenied


def _money(value) -> str | None:
    """How an amount is written in an audit event: a plain decimal string."""
    return None if value is None else str(euros(value))


def _leads(initiative: Initiative) -> list[User]:
    return [
        m.user
        for m in initiative.memberships.filter(role=Membership.Role.LEAD).select_related("user")
    ]


def _notify_leads(initiative: Initiative, *, kind: str, key: str, params: dict, url: str) -> None:
    """Through the outbox, in each lead's language, when the change is committed."""
    reminder_schedule(
        kind=kind,
        recipients=_leads(initiative),
        key=key,
        params={"initiative": initiative.title, **params},
        url=url,
    )
