"""Who may see which notifications and reminders. A person sees only their own."""

from accounts.models import Role, User

from .models import Notification


def can_read_notification(user: User, notification: Notification) -> bool:
    return user.is_authenticated and notification.recipient_id == user.pk


def can_see_failed(user: User) -> bool:
    """Reminders that kept failing, for an administrator to look at."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)
