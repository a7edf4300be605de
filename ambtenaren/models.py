from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Nobody lends more than a full-time month (about 160 hours).
MAX_HOURS_PER_MONTH = 160
HOURS_TOO_MANY = _("You can lend at most 160 hours a month.")


class AdvisorProfile(models.Model):
    """What a civil servant can lend: knowledge, hours and the neighbourhoods they know."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advisor_profile"
    )
    expertise_areas = models.ManyToManyField(
        "basisgegevens.ExpertiseArea",
        related_name="advisors",
        verbose_name=_("fields of expertise"),
    )
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month you can lend"), default=4)
    neighbourhoods = models.ManyToManyField(
        "basisgegevens.Neighbourhood",
        related_name="advisors",
        blank=True,
        verbose_name=_("neighbourhoods you know well"),
    )
    introduction = models.TextField(_("short introduction"), max_length=1000, blank=True)
    is_available = models.BooleanField(_("available now"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("advisor profile")
        verbose_name_plural = _("advisor profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_month__lte=MAX_HOURS_PER_MONTH),
                name="advisor_hours_realistic",
                violation_error_message=HOURS_TOO_MANY,
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class Advisorship(models.Model):
    """A civil servant lent to an initiative: the uitleenambtenaar."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        RELEASED = "released", _("released")

    class ProposedBy(models.TextChoices):
        ADVISOR = "advisor", _("the civil servant")
        INITIATIVE = "initiative", _("the initiative")
        COORDINATOR = "coordinator", _("a coordinator")

    # Advisorships that take a place and hours.
    OPEN_STATUSES = (Status.PROPOSED, Status.ACTIVE)

    initiative = models.ForeignKey(
        "initiatieven.Initiative", on_delete=models.PROTECT, related_name="advisorships"
    )
    advisor = models.ForeignKey(
        AdvisorProfile, on_delete=models.PROTECT, related_name="advisorships"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    proposed_by = models.CharField(_("proposed by"), max_length=20, choices=ProposedBy.choices)
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month"))
    no_conflict_declared = models.BooleanField(
        _("no conflict of interest declared"), default=False
    )
    reason = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("advisorship")
        verbose_name_plural = _("advisorships")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "advisor"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="one_open_advisorship_per_pair",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_month__gt=0), name="advisorship_has_hours"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="active") | models.Q(no_conflict_declared=True),
                name="active_advisorship_declared_no_conflict",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advisor} → {self.initiative}"


class Contact(models.Model):
    """A logged contact between an advisor and an initiative."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")
        VISIT = "visit", _("visit")
        VIDEO = "video", _("video call")
        OTHER = "other", _("other")

    advisorship = models.ForeignKey(Advisorship, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("date"))
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    topic = models.CharField(_("what it was about"), max_length=300)
    next_step = models.CharField(_("agreed next step"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.topic}"


class Response(models.Model):
    """A message from a civil servant to an initiative; the first one is the loket's answer."""

    initiative = models.ForeignKey(
        "initiatieven.Initiative", on_delete=models.CASCADE, related_name="responses"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.created_at:%Y-%m-%d}"
