"""Settling (vaststelling) after the final report is accepted, and reclaiming
(terugvordering) as a last resort: a reason and a second grant officer."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from initiatieven.models import Initiative
from marktplein.money import euros, format_money

from .. import permissions
from ..models import (
    ZERO,
    Grant,
    Report,
)
from .common import _money, _notify_leads, _require


def _final_report(grant: Grant) -> Report | None:
    """From the grant's reports (prefetched on its page), the final one."""
    return next((r for r in grant.reports.all() if r.kind == Report.Kind.FINAL), None)


def final_report_accepted(grant: Grant) -> bool:
    final = _final_report(grant)
    return final is not None and final.status == Report.Status.ACCEPTED


def suggested_settlement(grant: Grant) -> Decimal:
    """The amount granted, or what the final report says was spent when that is less."""
    final = _final_report(grant)
    if final is None or final.money_spent is None:
        return grant.amount
    return min(grant.amount, final.money_spent)


@transaction.atomic
def grant_settle(
    *, grant: Grant, actor: User, amount: Decimal | None = None, reason: str = ""
) -> Grant:
    """Settle (vaststellen) after the final report is accepted. Less spent is settled, not reclaimed."""
    grant = Grant.objects.select_for_update(of=("self",)).get(pk=grant.pk)
    _require(permissions.can_settle(actor, grant))
    if not final_report_accepted(grant):
        raise ValidationError(_("Accept the final report before you settle the grant."))
    if grant.reclaim_proposed_amount is not None:
        raise ValidationError(
            _("A reclaim is proposed. Another grant officer decides on it first.")
        )
    amount = suggested_settlement(grant) if amount is None else euros(amount)
    if not ZERO <= amount <= grant.amount:
        raise ValidationError(
            _("Settle at most the amount granted: %(amount)s.")
            % {"amount": format_money(grant.amount)}
        )
    before = {"status": grant.status, "amount": _money(grant.amount)}
    grant.status = Grant.Status.SETTLED
    grant.settled_amount = amount
    grant.settled_at = timezone.now()
    grant.save(update_fields=["status", "settled_amount", "settled_at"])
    audit_record(
        subject=grant,
        action="grant.settled",
        actor=actor,
        reason=reason.strip(),
        before=before,
        after={"status": grant.status, "settled_amount": _money(amount)},
    )
    initiative = Initiative.objects.get(pk=grant.initiative_id)
    _notify_leads(
        initiative,
        kind="grant_settled",
        key=f"grant_settled:{grant.pk}",
        params={"settled_amount": _money(amount)},
        url=grant.get_absolute_url(),
    )
    return grant


@transaction.atomic
def grant_reclaim_decide(*, grant: Grant, approve: bool, actor: User, reason: str = "") -> Grant:
    """A second grant officer approves or rejects a proposed reclaim (four eyes)."""
    grant = Grant.objects.select_for_update(of=("self",)).get(pk=grant.pk)
    _require(permissions.can_decide_reclaim(actor, grant))
    reason = reason.strip()
    proposed = grant.reclaim_proposed_amount
    assert proposed is not None  # can_decide_reclaim checked it
    if not approve:
        if not reason:
            raise ValidationError(_("Say why the money is not asked back."))
        grant.reclaim_proposed_amount = None
        grant.reclaim_proposed_by = None
        grant.save(update_fields=["reclaim_proposed_amount", "reclaim_proposed_by"])
        audit_record(
            subject=grant,
            action="grant.reclaim_rejected",
            actor=actor,
            reason=reason,
            before={"reclaim_proposed": _money(proposed)},
            after={"reclaim_proposed": None},
        )
        return grant
    committed = grant.committed
    if proposed > committed:
        raise ValidationError(_("The amount to reclaim is more than the grant."))
    before = {"status": grant.status, "committed": _money(committed)}
    grant.status = Grant.Status.RECLAIMED
    grant.reclaimed_amount = proposed
    grant.settled_amount = committed - proposed
    grant.settled_at = timezone.now()
    grant.reclaim_approved_by = actor
    grant.save(
        update_fields=[
            "status",
            "reclaimed_amount",
            "settled_amount",
            "settled_at",
            "reclaim_approved_by",
        ]
    )
    audit_record(
        subject=grant,
        action="grant.reclaimed",
        actor=actor,
        reason=grant.reclaim_reason + (f"\n\n{reason}" if reason else ""),
        before=before,
        after={
            "status": grant.status,
            "reclaimed_amount": _money(proposed),
            "settled_amount": _money(grant.settled_amount),
        },
    )
    initiative = Initiative.objects.get(pk=grant.initiative_id)
    _notify_leads(
        initiative,
        kind="grant_reclaimed",
        key=f"grant_reclaimed:{grant.pk}",
        params={"reclaim_amount": _money(proposed), "reason": grant.reclaim_reason},
        url=grant.get_absolute_url(),
    )
    return grant
