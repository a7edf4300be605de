from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from marktplein.forms import MoneyField

from .models import BudgetLine


class BudgetLineForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": _("Fill in a year from 2000 to 2100."),
            "max_value": _("Fill in a year from 2000 to 2100."),
            "invalid": _("Fill in a year, for example 2026."),
            "required": _("Fill in the year of the budget."),
        },
    )
    name = forms.CharField(
        label=_("Name of the budget line"),
        max_length=150,
        help_text=_("As in the budget (begroting), for example “Youth care”."),
        error_messages={"required": _("Fill in the name of the budget line.")},
    )
    kind = forms.ChoiceField(
        label=_("Part of the budget"),
        choices=BudgetLine.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the part of the budget this line belongs to.")},
    )
    amount = MoneyField(label=_("Amount"), max_digits=14, max_value=Decimal("999999999999.99"))

    @classmethod
    def for_line(cls, line: BudgetLine | None, data=None) -> "BudgetLineForm":
        initial = (
            {"year": line.year, "name": line.name, "kind": line.kind, "amount": line.amount}
            if line
            else {}
        )
        return cls(data, initial=initial)
