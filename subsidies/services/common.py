"""What every subsidy service shares: the permission re-check, money in audit events, mail to leads."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from initiatieven.models import Initiative, Membership
from marktplein.mail import send_mail_after_commit
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


def _lead_emails(initiative: Initiative) -> list[str]:
    return list(
        initiative.memberships.filter(role=Membership.Role.LEAD).values_list(
            "user__email", flat=True
        )
    )


def _notify_leads(initiative: Initiative, subject: str, body: str, url: str) -> None:
    send_mail_after_commit(
        subject=subject,
        body=f"{body}\n\n{_('Read more on Marktplein:')} {url}",
        recipients=_lead_emails(initiative),
    )
