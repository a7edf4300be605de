"""The municipality's budget in three parts, kept by an administrator.

The dashboard's other figures are aggregates of the other apps' data; only the
budget split is not in the platform already, so it is kept here, line by line.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BudgetLine(models.Model):
    """One line of the municipal budget (begroting) and which part it belongs to."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", _("statutory task")
        LOCAL_POLICY = "local_policy", _("local policy")
        INFLUENCEABLE = "influenceable", _("open to influence by society")

    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("part of the budget"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="budget_line_name_once_a_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="budget_line_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["statutory", "local_policy", "influenceable"]),
                name="budget_line_kind_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"
