"""Written exchanges: an initiative with the municipality (its members, its active
advisors, the coordinators), and a partner with an initiative about one request for
an offer. Private to the people in them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("with the municipality")
        PARTNER = "partner", _("with a partner")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    initiative = models.ForeignKey(
        "initiatieven.Initiative", on_delete=models.CASCADE, related_name="conversations"
    )
    # Only for a conversation with a partner: the request for an offer it is about.
    offer_request = models.OneToOneField(
        "initiatieven.OfferRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversation",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"],
                condition=models.Q(kind="municipality"),
                name="conversation_one_with_municipality",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="partner") & models.Q(offer_request__isnull=False))
                | (models.Q(kind="municipality") & models.Q(offer_request__isnull=True)),
                name="conversation_partner_has_request",
            ),
        ]
        indexes = [
            # The coordinators' list: conversations with the newest message first.
            models.Index(
                fields=["-last_message_at", "-id"],
                name="conversation_recent",
                condition=models.Q(last_message_at__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} ({self.get_kind_display()})"


class Message(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("initiative")
        ADVISOR = "advisor", _("advisor of the municipality")
        COORDINATOR = "coordinator", _("coordinator of the municipality")
        PARTNER = "partner", _("partner")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # The municipality keeps what was written; a person who leaves is no longer named.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Who the author spoke as, when they wrote it.
    author_role = models.CharField(_("written as"), max_length=20, choices=Role.choices)
    body = models.TextField(_("message"), max_length=4000)
    # The language the author used the site in, so the page can say what language
    # the text is in (WCAG 3.1.2).
    language = models.CharField(_("language"), max_length=8, default="nl", db_default="nl")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.conversation}: {self.created_at:%Y-%m-%d %H:%M}"
