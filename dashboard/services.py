"""Budget lines: written by an administrator, each change one audit event."""

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record

from . import permissions
from .models import BudgetLine


@dataclass
class BudgetLineData:
    year: int
    name: str
    kind: str
    amount: Decimal


def _values(line: BudgetLine) -> dict:
    return {
        "year": line.year,
        "name": line.name,
        "kind": line.kind,
        "amount": f"{line.amount:.2f}",
    }


@transaction.atomic
def budget_line_save(
    *, data: BudgetLineData, actor: User, line: BudgetLine | None = None
) -> BudgetLine:
    if not permissions.can_keep_budget(actor):
        raise PermissionDenied
    if data.amount < 0:
        raise ValidationError(_("An amount cannot be below zero."))
    before: dict = {}
    if line is None:
        line = BudgetLine()
    else:
        line = BudgetLine.objects.select_for_update().get(pk=line.pk)
        before = _values(line)
    for field, value in asdict(data).items():
        setattr(line, field, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            line.save()
    except IntegrityError:
        raise ValidationError(
            _("There is already a budget line with this name in %(year)s.") % {"year": line.year}
        ) from None
    after = _values(line)
    if before == after:
        return line
    audit_record(
        subject=line,
        action="budget_line.changed" if before else "budget_line.added",
        actor=actor,
        before={key: value for key, value in before.items() if after[key] != value},
        after={key: value for key, value in after.items() if before.get(key) != value},
    )
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, actor: User) -> None:
    if not permissions.can_keep_budget(actor):
        raise PermissionDenied
    audit_record(subject=line, action="budget_line.deleted", actor=actor, before=_values(line))
    line.delete()
