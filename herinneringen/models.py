"""The reminder outbox: every message the platform sends is a row first.

A service writes a `Reminder` in the same transaction as the change that causes
it; periodic rules write the rest, idempotently, under a unique `dedup_key`. The
dispatcher claims due rows with `SELECT … FOR UPDATE SKIP LOCKED`, sends each
at most once, and writes an in-app `Notification` with it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        CLAIMED = "claimed", _("being sent")
        SENT = "sent", _("sent")
        CANCELLED = "cancelled", _("cancelled")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=64)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    # For someone without an account (an invitation): the address itself.
    recipient_email = models.EmailField(_("address"), blank=True)
    # The values the message is written with, in the recipient's language at sending.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    # The row the reminder is about (a report, an initiative...); its kind says which.
    subject_id = models.BigIntegerField(null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    dedup_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [
            models.Index(fields=["kind", "subject_id"], name="reminder_subject"),
            # The dispatcher's claim: pending rows, the earliest due first.
            models.Index(
                fields=["due_at", "id"], condition=Q(status="pending"), name="reminder_due"
            ),
            # The sweep: claims that went stale.
            models.Index(
                fields=["claimed_at"], condition=Q(status="claimed"), name="reminder_claimed"
            ),
            models.Index(fields=["id"], condition=Q(status="failed"), name="reminder_failed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(recipient_email=""),
                name="reminder_has_recipient",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="reminder_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id or self.recipient_email}"


class Notification(models.Model):
    """What a person sees in the app; the e-mail goes with it (or in the digest)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    reminder = models.OneToOneField(
        Reminder, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Waiting for the person's daily digest e-mail.
    in_digest = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A person's notifications, newest first; the unread count reads it too (a
            # person has a few thousand at most, so a partial index would not pay).
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient"),
            models.Index(
                fields=["recipient"], condition=Q(in_digest=True), name="notification_digest"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Preference(models.Model):
    """How a person wants one kind of message: at once, in a daily digest, or not."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("at once")
        DIGEST = "digest", _("in a daily summary")
        OFF = "off", _("not at all")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(max_length=64)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
