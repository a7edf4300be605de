"""Every write about reminders and notifications. Other apps call `reminder_schedule`
in the transaction of the change that causes a message; nothing here imports them."""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from . import permissions
from .kinds import KINDS
from .models import Notification, Preference, Reminder
from .selectors import unread_cache_key

logger = logging.getLogger(__name__)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _wake_dispatcher() -> None:
    """Send what is due now without waiting for the next beat. Not in the demo, where
    tasks run in process: its dispatcher thread sends within seconds."""
    from django.conf import settings

    from .tasks import dispatch_due_reminders_task

    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return
    try:
        dispatch_due_reminders_task.delay()
    except Exception:
        # The broker is away: the row is saved, and the beat's next run sends it.
        logger.warning("Could not wake the reminder dispatcher; the beat will send it.")


def reminder_schedule(
    *,
    kind: str,
    recipients: Iterable[User],
    key: str,
    params: dict | None = None,
    url: str = "",
    due_at: datetime | None = None,
    subject_id: int | None = None,
) -> int:
    """Write one reminder per recipient, idempotently (`key` and the recipient make it
    unique). Call inside the transaction of the change that causes it. Returns how
    many are new."""
    if kind not in KINDS:
        raise ValueError(f"Unknown reminder kind {kind!r}: add it to herinneringen/kinds.py")
    due_at = due_at or timezone.now()
    rows = {
        f"{key}:{recipient.pk}": Reminder(
            kind=kind,
            recipient=recipient,
            params=params or {},
            url=url,
            due_at=due_at,
            subject_id=subject_id,
            dedup_key=f"{key}:{recipient.pk}",
        )
        for recipient in recipients
    }
    # Write only what is new; a key written meanwhile by another process is skipped
    # by the database (the key is unique).
    known = set(Reminder.objects.filter(dedup_key__in=rows).values_list("dedup_key", flat=True))
    new = [row for key_, row in rows.items() if key_ not in known]
    Reminder.objects.bulk_create(new, ignore_conflicts=True)
    if new and due_at <= timezone.now():
        transaction.on_commit(_wake_dispatcher)
    return len(new)


def reminder_schedule_to_address(
    *, kind: str, email: str, key: str, params: dict, url: str = ""
) -> None:
    """A message for someone without an account yet (an invitation)."""
    Reminder.objects.bulk_create(
        [Reminder(kind=kind, recipient_email=email, params=params, url=url, dedup_key=key)],
        ignore_conflicts=True,
    )
    transaction.on_commit(_wake_dispatcher)


def reminders_cancel(*, kind: str, subject_id: int) -> int:
    """The reason went away (the report came in, the initiative was answered)."""
    return Reminder.objects.filter(
        kind=kind, subject_id=subject_id, status=Reminder.Status.PENDING
    ).update(status=Reminder.Status.CANCELLED)


@transaction.atomic
def preference_set(*, user: User, kind: str, delivery: str) -> Preference:
    if kind not in KINDS:
        raise ValidationError(_("This kind of message does not exist."))
    if delivery not in Preference.Delivery.values:
        raise ValidationError(_("Choose at once, in a daily summary, or not at all."))
    if delivery == Preference.Delivery.OFF and KINDS[kind].required:
        raise ValidationError(
            _("You cannot switch this off: the law or your grant asks us to tell you.")
        )
    preference, _created = Preference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )
    return preference


def unsubscribe(*, user: User, kind: str) -> str:
    """The one-click link: off, or into the daily summary for what cannot be switched off."""
    delivery = Preference.Delivery.DIGEST if KINDS[kind].required else Preference.Delivery.OFF
    preference_set(user=user, kind=kind, delivery=delivery)
    return delivery


def forget_unread_counts(user_ids) -> None:
    """The header's unread count is cached; a new or read notification clears it."""
    cache.delete_many([unread_cache_key(pk) for pk in set(user_ids)])


def notification_mark_read(*, notification: Notification, user: User) -> None:
    _require(permissions.can_read_notification(user, notification))
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread_counts([user.pk])


def notifications_mark_all_read(*, user: User) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget_unread_counts([user.pk])
    return marked


def reminder_retry(*, reminder: Reminder, actor: User) -> None:
    """An administrator puts a failed reminder back in the queue."""
    _require(permissions.can_see_failed(actor))
    Reminder.objects.filter(pk=reminder.pk, status=Reminder.Status.FAILED).update(
        status=Reminder.Status.PENDING, attempts=0, due_at=timezone.now(), last_error=""
    )
