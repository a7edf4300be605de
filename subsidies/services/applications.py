"""Applications (aanvraag): a lead saves a draft, submits it when it is complete, or withdraws it."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
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
    CostLine,
    ProposedGoal,
    SubsidyScheme,
)
from .common import (
    _money,
    _require,
)


@dataclass(frozen=True)
class CostLineData:
    description: str
    amount: Decimal


@transaction.atomic
def application_save(
    *,
    initiative: Initiative,
    actor: User,
    scheme: SubsidyScheme,
    amount: Decimal,
    own_contribution: str,
    own_money: Decimal,
    cost_lines: Sequence[CostLineData],
    goals: Sequence[str],
    application: Application | None = None,
    token: UUID | None = None,
) -> Application:
    """Save a draft; nothing is checked against the scheme's rules until it is submitted."""
    if application is None:
        _require(permissions.can_apply(actor, initiative))
        if token is not None:
            existing = Application.objects.filter(creation_token=token).first()
            if existing is not None:
                if existing.initiative_id != initiative.pk:
                    raise PermissionDenied
                return existing
        application = Application(initiative=initiative, created_by=actor, creation_token=token)
    else:
        application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        _require(permissions.can_edit_application(actor, application))
    if amount <= 0:
        raise ValidationError(_("Ask for an amount of more than zero."))
    if own_money < 0:
        raise ValidationError(_("Your own money cannot be below zero."))
    if not scheme.is_open and scheme.pk != application.scheme_id:
        raise ValidationError(_("This scheme is closed. Choose an open scheme."))
    application.scheme = scheme
    application.amount = euros(amount)
    application.own_contribution = own_contribution.strip()
    application.own_money = euros(own_money)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two tabs posted the same new form at once: the other one made the draft.
        return Application.objects.get(creation_token=token)
    application.cost_lines.all().delete()
    CostLine.objects.bulk_create(
        CostLine(
            application=application,
            description=line.description.strip(),
            amount=euros(line.amount),
            position=i,
        )
        for i, line in enumerate(cost_lines)
    )
    application.proposed_goals.all().delete()
    ProposedGoal.objects.bulk_create(
        ProposedGoal(application=application, description=goal.strip(), position=i)
        for i, goal in enumerate(goals)
        if goal.strip()
    )
    return application


def application_problems(application: Application) -> list[str]:
    """What still stands between a draft and submitting it, in plain words."""
    problems = []
    scheme = application.scheme
    if not scheme.is_open:
        problems.append(_("This scheme is closed. Choose an open scheme."))
    if application.amount > scheme.max_amount:
        problems.append(
            _("You can ask at most %(max)s under this scheme.")
            % {"max": format_money(scheme.max_amount)}
        )
    lines = list(application.cost_lines.all())
    if not lines:
        problems.append(_("Add at least one cost line to your budget."))
    else:
        total = sum((line.amount for line in lines), ZERO)
        if total != application.amount:
            problems.append(
                _(
                    "Your cost lines add up to %(total)s, but you ask %(amount)s. Make them the same."
                )
                % {"total": format_money(total), "amount": format_money(application.amount)}
            )
    if not list(application.proposed_goals.all()):
        problems.append(_("Write at least one goal."))
    if not application.own_contribution.strip():
        problems.append(_("Say what your group adds itself."))
    initiative = application.initiative
    if initiative.organisation == Initiative.Organisation.INFORMAL_GROUP and not any(
        m.is_treasurer for m in initiative.memberships.all()
    ):
        problems.append(
            _(
                "Your group has no legal entity. Name a treasurer (penvoerder) first: "
                "the member who receives the money for the group."
            )
        )
    return problems


@transaction.atomic
def application_submit(*, application: Application, actor: User) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("scheme", "initiative")
        .get(pk=application.pk)
    )
    _require(permissions.can_edit_application(actor, application))
    problems = application_problems(application)
    if problems:
        raise ValidationError(problems)
    application.status = Application.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    audit_record(
        subject=application,
        action="application.submitted",
        actor=actor,
        before={"status": Application.Status.DRAFT},
        after={
            "status": application.status,
            "amount": _money(application.amount),
            "scheme": str(application.scheme),
        },
    )
    return application


@transaction.atomic
def application_withdraw(
    *, application: Application, actor: User, reason: str = ""
) -> Application:
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    _require(permissions.can_withdraw_application(actor, application))
    before = application.status
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    audit_record(
        subject=application,
        action="application.withdrawn",
        actor=actor,
        reason=reason.strip(),
        before={"status": before},
        after={"status": application.status},
    )
    return application
