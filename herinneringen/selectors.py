"""Reads: a person's own notifications and preferences; failed reminders for administrators."""

from django.core.cache import cache
from django.db.models import F, QuerySet

from accounts.models import User

from .kinds import KINDS
from .models import Notification, Preference, Reminder


def notifications_of(user: User) -> QuerySet[Notification]:
    """Unread first, newest first."""
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").desc(nulls_first=True), "-created_at", "-pk"
    )


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_cache_key(user_id: int) -> str:
    return f"herinneringen:unread:{user_id}"


def unread_count_cached(user: User) -> int:
    """Counted once, then kept in the cache until a notification arrives or is read
    (`services.forget_unread_counts`)."""
    return int(cache.get_or_set(unread_cache_key(user.pk), lambda: unread_count(user), 3600) or 0)


def preferences_of(user: User) -> list[tuple]:
    """(kind, chosen delivery) for every kind a person can get, in the registry's order."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return [
        (kind, chosen.get(code, Preference.Delivery.IMMEDIATE))
        for code, kind in KINDS.items()
        if code != "digest"
    ]


def failed_reminders() -> QuerySet[Reminder]:
    return (
        Reminder.objects.filter(status=Reminder.Status.FAILED)
        .select_related("recipient")
        .order_by("-id")
    )
