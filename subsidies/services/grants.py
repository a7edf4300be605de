"""Granting (verlening): from an application or a paper one. The scheme's row is locked
while granting, so two grant officers at once never over-commit its budget."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
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
    Application,
    Goal,
    Grant,
    Report,
    SubsidyScheme,
)
from ..selectors import scheme_committed
from .common import (
    OBJECTION_WEEKS,
    _money,
    _notify_leads,
    _require,
)


@dataclass(frozen=True)
class GrantTerms:
    """What a grant officer decides when granting."""

    amount: Decimal
    goals: Sequence[str]
    final_report_due: datetime.date
    conditions: str = ""
    interim_reports_due: Sequence[datetime.date] = ()
    reason: str = ""


def _check_terms(terms: GrantTerms, scheme: SubsidyScheme) -> list[str]:
    goals = [goal.strip() for goal in terms.goals if goal.strip()]
    if terms.amount <= 0:
        raise ValidationError(_("Grant an amount of more than zero."))
    if terms.amount > scheme.max_amount:
        raise ValidationError(
            _("This scheme grants at most %(max)s per application.")
            % {"max": format_money(scheme.max_amount)}
        )
    if not goals:
        raise ValidationError(_("Agree at least one goal."))
    today = timezone.localdate()
    if terms.final_report_due <= today:
        raise ValidationError(_("The final report is due on a date after today."))
    for due in terms.interim_reports_due:
        if not today < due < terms.final_report_due:
            raise ValidationError(
                _("An interim report is due after today and before the final report.")
            )
    return goals


def _check_budget(scheme: SubsidyScheme, amount: Decimal) -> None:
    """Call with the scheme's row locked: what is committed cannot change meanwhile."""
    remaining = scheme.budget - scheme_committed(scheme)
    if amount > remaining:
        raise ValidationError(
            _(
                "This scheme's budget has %(remaining)s left. Grant at most that, or choose another scheme."
            )
            % {"remaining": format_money(max(remaining, ZERO))}
        )


def _create_grant(
    *,
    initiative: Initiative,
    scheme: SubsidyScheme,
    terms: GrantTerms,
    goals: list[str],
    actor: User,
    application: Application | None,
) -> Grant:
    now = timezone.now()
    amount = euros(terms.amount)
    direct = amount <= scheme.direct_settlement_threshold
    grant = Grant.objects.create(
        initiative=initiative,
        scheme=scheme,
        application=application,
        amount=amount,
        conditions=terms.conditions.strip(),
        granted_at=now,
        granted_by=actor,
        is_directly_settled=direct,
        status=Grant.Status.SETTLED if direct else Grant.Status.GRANTED,
        settled_amount=amount if direct else None,
        settled_at=now if direct else None,
    )
    Goal.objects.bulk_create(
        Goal(grant=grant, description=text, position=i) for i, text in enumerate(goals)
    )
    Report.objects.bulk_create(
        [
            Report(grant=grant, kind=Report.Kind.INTERIM, due_on=due)
            for due in sorted(set(terms.interim_reports_due))
        ]
        + [Report(grant=grant, kind=Report.Kind.FINAL, due_on=terms.final_report_due)]
    )
    return grant


def _grant_values(grant: Grant, goals: list[str], terms: GrantTerms) -> dict:
    values = {
        "status": grant.status,
        "amount": _money(grant.amount),
        "conditions": grant.conditions,
        "goals": goals,
        "final_report_due": terms.final_report_due.isoformat(),
    }
    if terms.interim_reports_due:
        values["interim_reports_due"] = [d.isoformat() for d in sorted(terms.interim_reports_due)]
    if grant.is_directly_settled:
        values["settled_amount"] = _money(grant.settled_amount)
    return values


@transaction.atomic
def application_grant(*, application: Application, terms: GrantTerms, actor: User) -> Grant:
    """Grant an application, possibly another amount; a lower amount needs a reason."""
    scheme = SubsidyScheme.objects.select_for_update(of=("self",)).get(pk=application.scheme_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .get(pk=application.pk)
    )
    _require(permissions.can_decide(actor, application))
    goals = _check_terms(terms, scheme)
    if terms.amount < application.amount and not terms.reason.strip():
        raise ValidationError(
            _("You grant less than was asked. Say why, in plain words, for the group.")
        )
    _check_budget(scheme, terms.amount)
    grant = _create_grant(
        initiative=application.initiative,
        scheme=scheme,
        terms=terms,
        goals=goals,
        actor=actor,
        application=application,
    )
    application.status = Application.Status.GRANTED
    application.decided_at = grant.granted_at
    application.decision_days = _days_to_decide(application)
    application.decided_by = actor
    application.decision_reason = terms.reason.strip()
    application.save(
        update_fields=["status", "decided_at", "decision_days", "decided_by", "decision_reason"]
    )
    audit_record(
        subject=grant,
        action="grant.granted",
        actor=actor,
        reason=terms.reason.strip(),
        before={"status": Application.Status.SUBMITTED, "amount": _money(application.amount)},
        after=_grant_values(grant, goals, terms),
    )
    _notify_leads(
        application.initiative,
        kind="grant_granted",
        key=f"grant_granted:{grant.pk}",
        params={
            "scheme": str(scheme),
            "granted_amount": _money(grant.amount),
            "reason": terms.reason.strip(),
        },
        url=grant.get_absolute_url(),
    )
    return grant


def _days_to_decide(application: Application) -> int | None:
    """Calendar days from sending to the decision, as the decision term counts them."""
    if application.submitted_at is None or application.decided_at is None:
        return None
    sent = timezone.localdate(application.submitted_at)
    return (timezone.localdate(application.decided_at) - sent).days


@transaction.atomic
def application_refuse(*, application: Application, reason: str, actor: User) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("initiative", "scheme")
        .get(pk=application.pk)
    )
    _require(permissions.can_decide(actor, application))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why you refuse, in plain words, for the group."))
    now = timezone.now()
    application.status = Application.Status.REFUSED
    application.decided_at = now
    application.decision_days = _days_to_decide(application)
    application.decided_by = actor
    application.decision_reason = reason
    application.objection_until = timezone.localdate(now) + datetime.timedelta(
        weeks=OBJECTION_WEEKS
    )
    application.save(
        update_fields=[
            "status",
            "decided_at",
            "decision_days",
            "decided_by",
            "decision_reason",
            "objection_until",
        ]
    )
    audit_record(
        subject=application,
        action="application.refused",
        actor=actor,
        reason=reason,
        before={"status": Application.Status.SUBMITTED, "amount": _money(application.amount)},
        after={"status": application.status},
    )
    _notify_leads(
        application.initiative,
        kind="application_refused",
        key=f"application_refused:{application.pk}",
        params={
            "scheme": str(application.scheme),
            "reason": reason,
            "objection_date": application.objection_until.isoformat(),
        },
        url=application.get_absolute_url(),
    )
    return application


@transaction.atomic
def grant_record(
    *, initiative: Initiative, scheme: SubsidyScheme, terms: GrantTerms, actor: User
) -> Grant:
    """A grant for an application that came in on paper."""
    _require(permissions.can_record_grant(actor, initiative))
    scheme = SubsidyScheme.objects.select_for_update(of=("self",)).get(pk=scheme.pk)
    goals = _check_terms(terms, scheme)
    _check_budget(scheme, terms.amount)
    grant = _create_grant(
        initiative=initiative,
        scheme=scheme,
        terms=terms,
        goals=goals,
        actor=actor,
        application=None,
    )
    audit_record(
        subject=grant,
        action="grant.recorded",
        actor=actor,
        reason=terms.reason.strip(),
        after=_grant_values(grant, goals, terms),
    )
    _notify_leads(
        initiative,
        kind="grant_recorded",
        key=f"grant_recorded:{grant.pk}",
        params={"granted_amount": _money(grant.amount)},
        url=grant.get_absolute_url(),
    )
    return grant
