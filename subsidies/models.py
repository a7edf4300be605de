"""Subsidies in the order of the Dutch Awb: application (aanvraag), grant (verlening),
reporting (verantwoording) and settlement (vaststelling); reclaiming is a last resort.

Money is a Decimal in euros with two decimals. A scheme's budget is committed by
its grants: each grant counts for its settled amount once settled, else for the
amount granted (`Grant.committed`).
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0.00")


def _money(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class SubsidyScheme(models.Model):
    """A budget with rules, per year (subsidieregeling)."""

    name = models.CharField(_("name"), max_length=150)
    year = models.PositiveSmallIntegerField(_("year"))
    budget = _money(_("budget"))
    rules = models.TextField(_("rules in plain words"), max_length=5000)
    max_amount = _money(_("largest amount per application"))
    is_open = models.BooleanField(_("open for applications"), default=True)
    decision_weeks = models.PositiveSmallIntegerField(
        _("decision term in weeks (beslistermijn)"), default=8
    )
    direct_settlement_threshold = _money(
        _("settled at once up to (direct vastgesteld)"), default=ZERO
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "year"], name="scheme_name_once_a_year"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="scheme_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(max_amount__gt=0), name="scheme_max_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(direct_settlement_threshold__gte=0),
                name="scheme_threshold_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(decision_weeks__gte=1, decision_weeks__lte=52),
                name="scheme_decision_term_in_weeks",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class Application(models.Model):
    """A request for a grant under a scheme (aanvraag), with a budget and proposed goals."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")
        WITHDRAWN = "withdrawn", _("withdrawn")

    initiative = models.ForeignKey(
        "initiatieven.Initiative",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("initiative"),
    )
    scheme = models.ForeignKey(
        SubsidyScheme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("scheme"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    amount = _money(_("amount asked"))
    own_contribution = models.TextField(_("what your group adds itself"), max_length=2000)
    own_money = _money(_("own money"), default=ZERO)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Set once by the form that created it: posting the same form twice makes one draft.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # Calendar days from sending to the decision, kept for the dashboard's medians.
    decision_days = models.PositiveSmallIntegerField(
        _("days to decide"), null=True, blank=True, editable=False
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    objection_until = models.DateField(_("objection possible until"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The grant officer's queue: submitted, oldest first.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status="submitted"),
                name="application_queue",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="application_amount_positive"),
            models.CheckConstraint(condition=Q(own_money__gte=0), name="application_own_money"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "withdrawn"]) | Q(submitted_at__isnull=False),
                name="application_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(decision_reason=""),
                name="application_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.scheme}"

    def get_absolute_url(self) -> str:
        return reverse("subsidies:application", args=[self.pk])


class CostLine(models.Model):
    """One line of an application's budget."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cost_lines"
    )
    description = models.CharField(_("what for"), max_length=200)
    amount = _money(_("amount"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cost_line_amount_positive")
        ]

    def __str__(self) -> str:
        return self.description


class ProposedGoal(models.Model):
    """A goal an application proposes; the grant officer agrees goals when granting."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="proposed_goals"
    )
    description = models.CharField(_("goal"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.description


class Grant(models.Model):
    """Money granted to an initiative under a scheme, with goals (subsidie, verlening)."""

    class Status(models.TextChoices):
        GRANTED = "granted", _("granted")
        REPORTING = "reporting", _("reporting")
        SETTLED = "settled", _("settled")
        RECLAIMED = "reclaimed", _("reclaimed")

    initiative = models.ForeignKey(
        "initiatieven.Initiative",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("initiative"),
    )
    scheme = models.ForeignKey(
        SubsidyScheme, on_delete=models.PROTECT, related_name="grants", verbose_name=_("scheme")
    )
    # Empty for a grant recorded from a paper application.
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="grant"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.GRANTED
    )
    amount = _money(_("amount granted"))
    conditions = models.TextField(_("conditions"), blank=True, max_length=5000)
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_directly_settled = models.BooleanField(_("settled at once"), default=False)
    settled_amount = _money(_("settled amount"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    reclaimed_amount = _money(_("reclaimed amount"), default=ZERO)
    # A reclaim is proposed by one grant officer and approved by another (four eyes).
    reclaim_proposed_amount = _money(_("reclaim proposed"), null=True, blank=True)
    reclaim_reason = models.TextField(_("why reclaim"), blank=True)
    reclaim_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reclaim_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-granted_at", "-pk"]
        indexes = [
            models.Index(fields=["-granted_at", "-id"], name="grant_register"),
            # What a scheme's grants commit, summed from the index alone.
            models.Index(
                fields=["scheme"], include=["amount", "settled_amount"], name="grant_scheme_money"
            ),
            # An initiative's earlier grants: is this its first (the dashboard's money to
            # first-time recipients)?
            models.Index(fields=["initiative", "granted_at"], name="grant_initiative_history"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grant_amount_positive"),
            models.CheckConstraint(
                condition=Q(settled_amount__isnull=True)
                | Q(settled_amount__gte=0, settled_amount__lte=models.F("amount")),
                name="grant_settled_within_amount",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["settled", "reclaimed"])
                | Q(settled_amount__isnull=False, settled_at__isnull=False),
                name="grant_settled_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(status="reclaimed")
                | (Q(reclaimed_amount__gt=0) & ~Q(reclaim_reason="")),
                name="grant_reclaim_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(reclaim_approved_by__isnull=True)
                | ~Q(reclaim_approved_by=models.F("reclaim_proposed_by")),
                name="grant_reclaim_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.scheme}"

    def get_absolute_url(self) -> str:
        return reverse("subsidies:grant", args=[self.pk])

    @property
    def committed(self) -> Decimal:
        return self.amount if self.settled_amount is None else self.settled_amount


class Goal(models.Model):
    """What a grant is for, measurable where possible (doel)."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="goals")
    description = models.CharField(_("goal"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.description


class Report(models.Model):
    """Reporting on a grant (verantwoording): scheduled when granted, written by a lead."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("interim report")
        FINAL = "final", _("final report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("to write")
        SUBMITTED = "submitted", _("submitted")
        CONVERSATION = "conversation", _("in conversation")
        ACCEPTED = "accepted", _("accepted")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    other_outcomes = models.TextField(
        _("what you achieved that was never a goal"), blank=True, max_length=5000
    )
    money_spent = _money(_("money spent"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["due_on", "pk"]
        indexes = [
            # The grant officer's review list: waiting reports, oldest first.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status="submitted"),
                name="report_review_queue",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["grant"], condition=Q(kind="final"), name="one_final_report"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="report_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(money_spent__isnull=True) | Q(money_spent__gte=0),
                name="report_money_spent_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.grant}"

    def get_absolute_url(self) -> str:
        return reverse("subsidies:report", args=[self.pk])


class GoalOutcome(models.Model):
    """How far a report says one goal was reached."""

    class Result(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        PARTLY = "partly", _("partly achieved")
        NOT = "not", _("not achieved")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="outcomes")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="outcomes")
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    explanation = models.TextField(_("explanation"), max_length=2000)

    class Meta:
        ordering = ["goal__position", "goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "goal"], name="one_outcome_per_goal")
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_result_display()}"


def _attachment_path(instance, filename: str) -> str:
    return f"verantwoording/{instance.report_id}/{uuid.uuid4().hex}{instance.extension}"


class Attachment(models.Model):
    """A PDF or image with a report, checked by its content. Served through a view only."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    EXTENSIONS = {
        "application/pdf": ".pdf",
        "image/jpeg": ".jpg",
        "image/png": ".png",
        "image/webp": ".webp",
    }

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def extension(self) -> str:
        return self.EXTENSIONS[self.content_type]


class ReportReview(models.Model):
    """A grant officer's answer to a report (beoordeling), and the leads' reply to it."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        CONVERSATION = "conversation", _("let's talk")
        CONDITIONS_ADJUSTED = "conditions_adjusted", _("conditions adjusted")
        RECLAIM_PROPOSED = "reclaim_proposed", _("reclaim proposed")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    message = models.TextField(_("message to the group"), max_length=5000)
    conversation_on = models.DateField(
        _("proposed date for a conversation"), null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("answer of the group"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="conversation") | Q(conversation_on__isnull=False),
                name="review_conversation_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()
