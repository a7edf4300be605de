"""What accounts needs to know about a person's messages (accounts.links).

Messages stay in their conversation when a person leaves, without their name
(`Message.author` is set to empty): the others wrote their answers to them."""

from accounts.links import AccountLinks

from .models import Message


class ConversationAccountLinks(AccountLinks):
    def personal_data(self, user) -> dict:
        written = (
            Message.objects.filter(author=user)
            .select_related("conversation__initiative")
            .order_by("created_at")
        )
        if not written:
            return {}
        return {
            "messages_written": [
                {
                    "initiative": m.conversation.initiative.title,
                    "conversation": m.conversation.get_kind_display(),
                    "at": m.created_at.isoformat(),
                    "text": m.body,
                }
                for m in written
            ]
        }
