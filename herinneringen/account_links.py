"""What accounts needs to know about a person's messages (accounts.links)."""

from accounts.links import AccountLinks

from .models import Notification, Preference, Reminder


class ReminderAccountLinks(AccountLinks):
    def remove(self, user) -> None:
        Notification.objects.filter(recipient=user).delete()
        Preference.objects.filter(user=user).delete()
        Reminder.objects.filter(recipient=user, status=Reminder.Status.PENDING).delete()

    def personal_data(self, user) -> dict:
        notifications = Notification.objects.filter(recipient=user).order_by("created_at")
        preferences = Preference.objects.filter(user=user)
        if not notifications and not preferences:
            return {}
        return {
            "notifications": [
                {"title": n.title, "at": n.created_at.isoformat(), "read": n.read_at is not None}
                for n in notifications
            ],
            "message_preferences": {p.kind: p.delivery for p in preferences},
        }
