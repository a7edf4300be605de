"""Reads for conversations: the messages, who is in a conversation, and a person's
own conversations."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import Role, User
from ambtenaren.models import Advisorship
from initiatieven.models import Initiative, Membership, OfferRequest

from .models import Conversation, Message


@dataclass(frozen=True)
class Participant:
    user: User
    role: str  # a Message.Role

    @property
    def role_label(self) -> str:
        return str(Message.Role(self.role).label)


def conversation_with_municipality(initiative: Initiative) -> Conversation | None:
    """None until the first message is written."""
    return Conversation.objects.filter(
        initiative=initiative, kind=Conversation.Kind.MUNICIPALITY
    ).first()


def conversation_with_partner(offer_request: OfferRequest) -> Conversation | None:
    return Conversation.objects.filter(offer_request=offer_request).first()


def messages_in(conversation: Conversation | None) -> QuerySet[Message]:
    if conversation is None:
        return Message.objects.none()
    return conversation.messages.select_related("author")


def _coordinators_who_wrote(conversation: Conversation | None) -> QuerySet[User]:
    if conversation is None:
        return User.objects.none()
    return User.objects.filter(
        Exists(
            Message.objects.filter(
                conversation=conversation,
                author=OuterRef("pk"),
                author_role=Message.Role.COORDINATOR,
            )
        ),
        is_active=True,
    )


def initiative_with_people(pk: int) -> Initiative:
    """The initiative with its members and their accounts, read once for the page's
    permissions and its list of people."""
    return Initiative.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("user"))
    ).get(pk=pk)


def _members(initiative: Initiative) -> list[Participant]:
    return [
        Participant(m.user, Message.Role.MEMBER)
        for m in initiative.memberships.all()
        if m.user.is_active
    ]


def people_with_municipality(
    initiative: Initiative, conversation: Conversation | None
) -> list[Participant]:
    """The initiative's members, its active advisors, and the coordinators who wrote."""
    members = _members(initiative)
    advisors = [
        Participant(a.advisor.user, Message.Role.ADVISOR)
        for a in initiative.advisorships.filter(
            status=Advisorship.Status.ACTIVE, advisor__user__is_active=True
        ).select_related("advisor__user")
    ]
    coordinators = [
        Participant(user, Message.Role.COORDINATOR)
        for user in _coordinators_who_wrote(conversation)
    ]
    return _once(members + advisors + coordinators)


def people_with_partner(offer_request: OfferRequest) -> list[Participant]:
    initiative = offer_request.need.initiative
    members = _members(initiative)
    partner = [Participant(offer_request.offer.partner, Message.Role.PARTNER)]
    return _once(partner + members)


def _once(people: list[Participant]) -> list[Participant]:
    """A person in two roles is listed in the first one (a member who also advises)."""
    seen: set[int] = set()
    kept = []
    for person in people:
        if person.user.pk not in seen:
            seen.add(person.user.pk)
            kept.append(person)
    return kept


def coordinators_to_reach() -> QuerySet[User]:
    """Who hears a resident's message when nobody from the municipality is in the
    conversation yet: the loket."""
    return User.objects.filter(role_assignments__role=Role.COORDINATOR, is_active=True)


def conversations_of(user: User) -> QuerySet[Conversation]:
    """The conversations a person is in, newest message first. Coordinators are in
    every conversation with the municipality."""
    member = Exists(Membership.objects.filter(initiative=OuterRef("initiative"), user=user))
    advisor = Exists(
        Advisorship.objects.filter(
            initiative=OuterRef("initiative"),
            advisor__user=user,
            status=Advisorship.Status.ACTIVE,
        )
    )
    with_municipality = Q(kind=Conversation.Kind.MUNICIPALITY) & (member | advisor)
    if user.has_role(Role.COORDINATOR):
        with_municipality = Q(kind=Conversation.Kind.MUNICIPALITY)
    with_partner = Q(kind=Conversation.Kind.PARTNER) & (
        member | Q(offer_request__offer__partner=user)
    )
    return (
        Conversation.objects.filter(with_municipality | with_partner)
        .exclude(initiative__status=Initiative.Status.DRAFT, kind=Conversation.Kind.MUNICIPALITY)
        .filter(last_message_at__isnull=False)
        .select_related("initiative", "offer_request__offer__partner")
        .order_by("-last_message_at", "-pk")
    )
