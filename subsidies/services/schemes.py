"""Subsidy schemes: a budget with rules, per year. Its budget never drops below what its grants commit."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from marktplein.money import format_money

from .. import permissions
from ..models import (
    SubsidyScheme,
)
from ..selectors import scheme_committed
from .common import _money, _require


@dataclass(frozen=True)
class SchemeData:
    name: str
    year: int
    budget: Decimal
    rules: str
    max_amount: Decimal
    is_open: bool
    decision_weeks: int
    direct_settlement_threshold: Decimal


def _scheme_values(scheme: SubsidyScheme) -> dict:
    return {
        "name": scheme.name,
        "year": scheme.year,
        "budget": _money(scheme.budget),
        "max_amount": _money(scheme.max_amount),
        "is_open": scheme.is_open,
        "decision_weeks": scheme.decision_weeks,
        "direct_settlement_threshold": _money(scheme.direct_settlement_threshold),
        "rules": scheme.rules,
    }


@transaction.atomic
def scheme_save(
    *, data: SchemeData, actor: User, scheme: SubsidyScheme | None = None
) -> SubsidyScheme:
    """Create or change a scheme. Its budget never drops below what its grants commit."""
    _require(permissions.can_keep_schemes(actor))
    if data.max_amount <= 0:
        raise ValidationError(_("The largest amount must be more than zero."))
    if data.budget < 0 or data.direct_settlement_threshold < 0:
        raise ValidationError(_("An amount cannot be below zero."))
    if not 1 <= data.decision_weeks <= 52:
        raise ValidationError(_("The decision term is between 1 and 52 weeks."))
    before: dict = {}
    if scheme is None:
        scheme = SubsidyScheme()
    else:
        scheme = SubsidyScheme.objects.select_for_update(of=("self",)).get(pk=scheme.pk)
        before = _scheme_values(scheme)
        committed = scheme_committed(scheme)
        if data.budget < committed:
            raise ValidationError(
                _(
                    "The grants of this scheme already commit %(committed)s. The budget cannot be lower."
                )
                % {"committed": format_money(committed)}
            )
    for field, value in data.__dict__.items():
        setattr(scheme, field, value.strip() if isinstance(value, str) else value)
    if (
        SubsidyScheme.objects.filter(name=scheme.name, year=scheme.year)
        .exclude(pk=scheme.pk)
        .exists()
    ):
        raise ValidationError(_("There is already a scheme with this name in this year."))
    scheme.save()
    after = _scheme_values(scheme)
    changed_before = {k: v for k, v in before.items() if after[k] != v}
    changed_after = {k: after[k] for k in changed_before} if before else after
    if before and not changed_before:
        return scheme
    audit_record(
        subject=scheme,
        action="scheme.changed" if before else "scheme.created",
        actor=actor,
        before=changed_before,
        after=changed_after,
    )
    return scheme
