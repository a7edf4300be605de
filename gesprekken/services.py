"""Every write about conversations: a message, and who hears about it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from herinneringen.services import reminder_schedule
from initiatieven.models import Initiative, OfferRequest
from initiatieven.services import initiative_mark_first_response

from . import permissions, selectors
from .models import Conversation, Message

MAX_LENGTH = 4000


def _clean(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write a message."))
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            _("Your message is too long. Write at most %(count)s characters.")
            % {"count": MAX_LENGTH}
        )
    return body


def _write(conversation: Conversation, *, author: User, role: str, body: str) -> Message:
    message = Message.objects.create(
        conversation=conversation,
        author=author,
        author_role=role,
        body=body,
        language=author.language,
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    conversation.last_message_at = message.created_at
    return message


def _tell(message: Message, recipients: set[User], *, initiative: Initiative, url: str) -> None:
    """The others hear of it through the outbox, as each chose (at once, daily, off)."""
    reminder_schedule(
        kind="conversation_message",
        recipients=[user for user in recipients if user.pk != message.author_id],
        key=f"conversation_message:{message.pk}",
        params={
            "initiative": initiative.title,
            "name": message.author.first_name if message.author else "",
            "text": message.body,
        },
        url=url,
    )


@transaction.atomic
def message_to_municipality(*, initiative: Initiative, author: User, body: str) -> Message:
    """A message in the initiative's conversation with the municipality. A civil
    servant's message is an answer: the first one ends the wait at the loket."""
    role = permissions.role_with_municipality(author, initiative)
    if role is None:
        raise PermissionDenied
    if not permissions.can_write_with_municipality(author, initiative):
        raise ValidationError(_("This initiative is closed. You can read the conversation."))
    body = _clean(body)
    conversation, _created = Conversation.objects.get_or_create(
        initiative=initiative, kind=Conversation.Kind.MUNICIPALITY
    )
    message = _write(conversation, author=author, role=role, body=body)
    people = selectors.people_with_municipality(initiative, conversation)
    recipients = {person.user for person in people}
    if role == Message.Role.MEMBER and not any(
        person.role != Message.Role.MEMBER for person in people
    ):
        # Nobody from the municipality is in it yet: the loket hears it.
        recipients |= set(selectors.coordinators_to_reach())
    if role != Message.Role.MEMBER:
        initiative_mark_first_response(initiative=initiative, at=message.created_at)
    url = reverse("gesprekken:with_municipality", args=[initiative.pk])
    _tell(message, recipients, initiative=initiative, url=url)
    return message


@transaction.atomic
def message_to_partner(*, offer_request: OfferRequest, author: User, body: str) -> Message:
    """A message between a partner and an initiative about one request for an offer."""
    offer_request = OfferRequest.objects.select_related("offer__partner", "need__initiative").get(
        pk=offer_request.pk
    )
    role = permissions.role_with_partner(author, offer_request)
    if role is None:
        raise PermissionDenied
    initiative = offer_request.need.initiative
    if not permissions.can_write_with_partner(author, offer_request):
        raise ValidationError(_("This initiative is closed. You can read the conversation."))
    body = _clean(body)
    conversation, _created = Conversation.objects.get_or_create(
        offer_request=offer_request,
        defaults={"initiative": initiative, "kind": Conversation.Kind.PARTNER},
    )
    message = _write(conversation, author=author, role=role, body=body)
    recipients = {person.user for person in selectors.people_with_partner(offer_request)}
    url = reverse("gesprekken:with_partner", args=[offer_request.pk])
    _tell(message, recipients, initiative=initiative, url=url)
    return message
