"""Conversations: who may write, who hears of a message, and what a message changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gesprekken.models import Conversation, Message
from gesprekken.services import message_to_municipality, message_to_partner
from herinneringen.models import Reminder
from initiatieven.models import Initiative
from tests.factories import (
    AdvisorshipFactory,
    InitiativeFactory,
    MembershipFactory,
    OfferRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _told(message: Message) -> set[int]:
    return set(
        Reminder.objects.filter(
            kind="conversation_message",
            dedup_key__startswith=f"conversation_message:{message.pk}:",
        ).values_list("recipient_id", flat=True)
    )


def test_a_members_first_message_reaches_the_coordinators_and_the_other_members():
    initiative = InitiativeFactory()
    lead = initiative.created_by
    member = MembershipFactory(initiative=initiative).user
    coordinator = UserFactory(coordinator=True)
    UserFactory(civil_servant=True)  # not in it
    message = message_to_municipality(initiative=initiative, author=lead, body="  Hello?  ")
    assert message.body == "Hello?"
    assert message.author_role == Message.Role.MEMBER
    assert _told(message) == {member.pk, coordinator.pk}
    reminder = Reminder.objects.get(recipient=member, kind="conversation_message")
    assert reminder.params == {
        "initiative": initiative.title,
        "name": lead.first_name,
        "text": "Hello?",
    }
    assert reminder.url == f"/initiatieven/{initiative.pk}/gesprek/"


def test_with_an_advisor_in_it_the_advisor_hears_and_the_loket_does_not():
    advisorship = AdvisorshipFactory(active=True)
    initiative = advisorship.initiative
    UserFactory(coordinator=True)
    message = message_to_municipality(
        initiative=initiative, author=initiative.created_by, body="When can we meet?"
    )
    assert _told(message) == {advisorship.advisor.user_id}


def test_a_coordinator_who_wrote_hears_the_answers():
    initiative = InitiativeFactory()
    coordinator = UserFactory(coordinator=True)
    other_coordinator = UserFactory(coordinator=True)
    first = message_to_municipality(initiative=initiative, author=coordinator, body="Welcome!")
    assert first.author_role == Message.Role.COORDINATOR
    assert _told(first) == {initiative.created_by_id}
    answer = message_to_municipality(
        initiative=initiative, author=initiative.created_by, body="Thank you."
    )
    assert _told(answer) == {coordinator.pk}
    assert other_coordinator.pk not in _told(answer)


def test_a_civil_servants_message_is_the_first_response():
    initiative = InitiativeFactory()
    assert initiative.first_response_at is None
    message_to_municipality(initiative=initiative, author=initiative.created_by, body="Hi")
    initiative.refresh_from_db()
    assert initiative.first_response_at is None
    coordinator = UserFactory(coordinator=True)
    message = message_to_municipality(initiative=initiative, author=coordinator, body="Hi!")
    initiative.refresh_from_db()
    assert initiative.first_response_at == message.created_at


@pytest.mark.parametrize("who", ["resident", "civil_servant", "alderman", "ended_advisor"])
def test_people_outside_the_conversation_cannot_write(who):
    initiative = InitiativeFactory()
    if who == "ended_advisor":
        author = AdvisorshipFactory(initiative=initiative, status="completed").advisor.user
    else:
        author = UserFactory(**({} if who == "resident" else {who: True}))
    with pytest.raises(PermissionDenied):
        message_to_municipality(initiative=initiative, author=author, body="Hello")
    assert not Message.objects.exists()


def test_a_draft_has_no_conversation_and_a_closed_one_is_read_only():
    draft = InitiativeFactory(draft=True)
    with pytest.raises(PermissionDenied):
        message_to_municipality(initiative=draft, author=draft.created_by, body="Hi")
    closed = InitiativeFactory(completed=True)
    with pytest.raises(ValidationError):
        message_to_municipality(initiative=closed, author=closed.created_by, body="Hi")
    assert not Conversation.objects.exists()


def test_an_empty_message_is_refused_and_writes_nothing():
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError) as refused:
        message_to_municipality(initiative=initiative, author=initiative.created_by, body="  ")
    assert refused.value.messages == ["Schrijf een bericht."]
    assert not Conversation.objects.exists()


def test_one_conversation_with_the_municipality_per_initiative():
    initiative = InitiativeFactory()
    for body in ("One", "Two"):
        message_to_municipality(initiative=initiative, author=initiative.created_by, body=body)
    conversation = Conversation.objects.get()
    assert conversation.messages.count() == 2
    assert conversation.last_message_at == conversation.messages.last().created_at


def test_a_partner_and_the_initiative_talk_about_a_request():
    offer_request = OfferRequestFactory()
    initiative = offer_request.need.initiative
    member = MembershipFactory(initiative=initiative).user
    partner = offer_request.offer.partner
    question = message_to_partner(
        offer_request=offer_request, author=initiative.created_by, body="Is Saturday free?"
    )
    assert _told(question) == {partner.pk, member.pk}
    answer = message_to_partner(offer_request=offer_request, author=partner, body="Yes.")
    assert answer.author_role == Message.Role.PARTNER
    assert _told(answer) == {initiative.created_by_id, member.pk}
    conversation = Conversation.objects.get()
    assert (conversation.kind, conversation.initiative) == (Conversation.Kind.PARTNER, initiative)
    # A partner's message is not the municipality's answer.
    assert Initiative.objects.get(pk=initiative.pk).first_response_at is None


def test_another_partner_cannot_join_a_partner_conversation():
    offer_request = OfferRequestFactory()
    with pytest.raises(PermissionDenied):
        message_to_partner(
            offer_request=offer_request, author=UserFactory(partner=True), body="Me too"
        )


def test_a_message_keeps_the_language_its_author_uses():
    initiative = InitiativeFactory(created_by=UserFactory(language="en"))
    message = message_to_municipality(
        initiative=initiative, author=initiative.created_by, body="Hello"
    )
    assert message.language == "en"
