"""Demo conversations: the loket welcomes one initiative, and a partner talks with a
group about a room. Running it twice changes nothing."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from initiatieven.models import Initiative, OfferRequest

from .models import Conversation, Message

WITH_MUNICIPALITY = [
    (
        Message.Role.COORDINATOR,
        "Welkom op Marktplein! Wat is jullie eerste stap? We zoeken graag een ambtenaar die kan helpen.",
    ),
    (
        Message.Role.MEMBER,
        "Dank je! We zoeken vooral hulp met de vergunning voor de eerste activiteit.",
    ),
    (
        Message.Role.COORDINATOR,
        "Dan vraag ik een collega van vergunningen. Je hoort het deze week.",
    ),
]
WITH_PARTNER = [
    (Message.Role.MEMBER, "Is de ruimte vrij op zaterdagochtend? We zijn met ongeveer 15 mensen."),
    (Message.Role.PARTNER, "Ja, van 9 tot 12 uur. De sleutel ligt bij de beheerder."),
]


def _write(conversation: Conversation, lines, authors: dict) -> None:
    at = timezone.now() - timedelta(days=len(lines))
    for number, (role, body) in enumerate(lines):
        message = Message.objects.create(
            conversation=conversation,
            author=authors[role],
            author_role=role,
            body=body,
            created_at=at + timedelta(days=number, hours=number),
        )
    conversation.last_message_at = message.created_at
    conversation.save(update_fields=["last_message_at"])


def seed_conversations(*, lead: User, coordinator: User, partner: User) -> int:
    if Message.objects.exists():
        return 0
    created = 0
    initiative = (
        Initiative.objects.filter(created_by=lead, status__in=["submitted", "active"])
        .order_by("pk")
        .first()
    )
    if initiative is not None:
        conversation = Conversation.objects.create(
            initiative=initiative, kind=Conversation.Kind.MUNICIPALITY
        )
        _write(
            conversation,
            WITH_MUNICIPALITY,
            {Message.Role.COORDINATOR: coordinator, Message.Role.MEMBER: lead},
        )
        created += 1
    offer_request = (
        OfferRequest.objects.filter(offer__partner=partner, requested_by__isnull=False)
        .select_related("need__initiative", "requested_by")
        .order_by("pk")
        .first()
    )
    if offer_request is not None:
        conversation = Conversation.objects.create(
            initiative=offer_request.need.initiative,
            kind=Conversation.Kind.PARTNER,
            offer_request=offer_request,
        )
        _write(
            conversation,
            WITH_PARTNER,
            {Message.Role.MEMBER: offer_request.requested_by, Message.Role.PARTNER: partner},
        )
        created += 1
    return created
