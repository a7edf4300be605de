"""The conversation pages: who reads them, writing, and what people share."""

import pytest
from django.urls import reverse

from accounts.models import User
from gesprekken.models import Message
from gesprekken.services import message_to_municipality, message_to_partner
from tests.factories import (
    AdvisorshipFactory,
    InitiativeFactory,
    MembershipFactory,
    OfferRequestFactory,
    UserFactory,
    login_with_second_factor,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _url(initiative) -> str:
    return reverse("gesprekken:with_municipality", args=[initiative.pk])


def test_a_lead_writes_to_the_municipality_and_reads_it_back(client):
    initiative = InitiativeFactory(title="Moestuin")
    client.force_login(initiative.created_by)
    response = client.post(_url(initiative), {"body": "Who can help us with a permit?"})
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_url(initiative)}#message-{message.pk}"
    page = client.get(_url(initiative)).content.decode()
    assert "Gesprek met de gemeente" in page
    assert "Who can help us with a permit?" in page
    assert 'lang="nl"' in page


def test_a_message_that_is_too_long_keeps_what_was_typed(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)
    text = "a" * 4001
    response = client.post(_url(initiative), {"body": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert text in page
    assert "Fout:" in page
    assert not Message.objects.exists()


def test_user_text_is_escaped_and_links_work(client):
    initiative = InitiativeFactory()
    message_to_municipality(
        initiative=initiative,
        author=initiative.created_by,
        body="<script>alert(1)</script> 3 < 4\nSee https://example.org",
    )
    client.force_login(initiative.created_by)
    page = client.get(_url(initiative)).content.decode()
    assert "<script>alert(1)" not in page
    assert "3 &lt; 4<br>" in page
    assert 'href="https://example.org"' in page


def test_an_advisor_and_a_coordinator_take_part_with_a_second_factor(client):
    advisorship = AdvisorshipFactory(active=True)
    initiative = advisorship.initiative
    client.force_login(advisorship.advisor.user)
    assert client.get(_url(initiative)).status_code == 302  # to the second factor
    login_with_second_factor(client, advisorship.advisor.user)
    assert client.get(_url(initiative)).status_code == 200
    client.post(_url(initiative), {"body": "I can come on Tuesday."})
    assert Message.objects.get().author_role == Message.Role.ADVISOR
    client.logout()
    login_with_second_factor(client, UserFactory(coordinator=True))
    page = client.get(_url(initiative)).content.decode()
    assert "I can come on Tuesday." in page
    assert "adviseur van de gemeente" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [("resident", 403), ("civil_servant", 403), ("alderman", 403), ("administrator", 403)],
)
def test_outsiders_do_not_read_it(client, who, status):
    initiative = InitiativeFactory()
    message_to_municipality(initiative=initiative, author=initiative.created_by, body="Private")
    user = UserFactory(**({} if who == "resident" else {who: True}))
    login_with_second_factor(client, user) if who != "resident" else client.force_login(user)
    response = client.get(_url(initiative))
    assert response.status_code == status
    assert b"Private" not in response.content


def test_a_hidden_initiative_is_not_found_by_an_outsider(client):
    initiative = InitiativeFactory(hidden=True)
    client.force_login(UserFactory())
    assert client.get(_url(initiative)).status_code == 404
    client.force_login(initiative.created_by)
    assert client.get(_url(initiative)).status_code == 200


def test_a_closed_initiative_keeps_its_conversation_to_read(client):
    initiative = InitiativeFactory()
    message_to_municipality(initiative=initiative, author=initiative.created_by, body="Bye")
    initiative.status = "completed"
    initiative.save()
    client.force_login(initiative.created_by)
    page = client.get(_url(initiative)).content.decode()
    assert "Bye" in page
    assert 'name="body"' not in page
    assert client.post(_url(initiative), {"body": "More"}).status_code == 403


def test_people_see_what_the_others_chose_to_share(client):
    initiative = InitiativeFactory()
    sharing = MembershipFactory(
        initiative=initiative,
        user=UserFactory(phone="06 12345678", shows_phone=True, shows_email=True),
    ).user
    private = MembershipFactory(initiative=initiative, user=UserFactory(phone="06 87654321")).user
    client.force_login(initiative.created_by)
    page = client.get(_url(initiative)).content.decode()
    assert 'href="tel:0612345678"' in page
    assert f'href="mailto:{sharing.email}"' in page
    assert "06 87654321" not in page
    assert private.email not in page


def test_the_partner_conversation_is_for_the_partner_and_the_members(client):
    offer_request = OfferRequestFactory()
    url = reverse("gesprekken:with_partner", args=[offer_request.pk])
    initiative = offer_request.need.initiative
    client.force_login(initiative.created_by)
    client.post(url, {"body": "Is the room free on Saturday?"})
    client.force_login(offer_request.offer.partner)
    page = client.get(url).content.decode()
    assert "Is the room free on Saturday?" in page
    assert "(initiatief)" in page
    for outsider in (UserFactory(), UserFactory(partner=True)):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "Hi"}).status_code == 404


def test_my_conversations_lists_only_my_own_newest_first(client):
    mine = InitiativeFactory(title="Moestuin")
    other = InitiativeFactory(title="Speeltuin")
    offer_request = OfferRequestFactory(need__initiative=mine)
    message_to_municipality(initiative=other, author=other.created_by, body="Not mine")
    message_to_municipality(initiative=mine, author=mine.created_by, body="First")
    message_to_partner(offer_request=offer_request, author=mine.created_by, body="Second")
    client.force_login(mine.created_by)
    page = client.get(reverse("gesprekken:list")).content.decode()
    assert "Speeltuin" not in page
    assert page.index(offer_request.offer.title) < page.index("Moestuin: met de gemeente")
    client.force_login(offer_request.offer.partner)
    page = client.get(reverse("gesprekken:list")).content.decode()
    assert offer_request.offer.title in page
    assert ": met de gemeente" not in page
    # Coordinators are in every conversation with the municipality, and in no other.
    login_with_second_factor(client, UserFactory(coordinator=True))
    page = client.get(reverse("gesprekken:list")).content.decode()
    assert "Moestuin: met de gemeente" in page and "Speeltuin: met de gemeente" in page
    assert offer_request.offer.title not in page
    # Another civil servant, who advises neither, has none.
    login_with_second_factor(client, UserFactory(civil_servant=True))
    assert "met de gemeente</a>" not in client.get(reverse("gesprekken:list")).content.decode()


def test_the_conversation_page_does_not_grow_its_queries(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    def grow(n):
        for i in range(n):
            person = MembershipFactory(initiative=initiative).user
            message_to_municipality(initiative=initiative, author=person, body=f"Message {i}")
            AdvisorshipFactory(initiative=initiative, active=True)
            message_to_municipality(
                initiative=initiative, author=UserFactory(coordinator=True), body="Answer"
            )

    assert_queries_do_not_grow(client, _url(initiative), grow)


def test_the_list_does_not_grow_its_queries(client):
    lead = UserFactory()

    def grow(n):
        for _ in range(n):
            initiative = InitiativeFactory(created_by=lead)
            message_to_municipality(initiative=initiative, author=lead, body="Hi")
            offer_request = OfferRequestFactory(need__initiative=initiative)
            message_to_partner(offer_request=offer_request, author=lead, body="Hi")

    client.force_login(lead)
    assert_queries_do_not_grow(client, reverse("gesprekken:list"), grow)


def test_a_person_chooses_what_to_share_and_the_form_explains_mistakes(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:contact")
    response = client.post(url, {"phone": "", "shows_phone": "on"})
    assert response.status_code == 400
    # At the field, not only at the top of the form.
    field_error = response.content.decode().split('id="id_phone_error"')[1].split("</div>")[0]
    assert "Typ het telefoonnummer dat je wilt laten zien." in field_error
    response = client.post(url, {"phone": "call me", "shows_phone": "on"})
    assert "call me" in response.content.decode()
    assert "8 tot 15 cijfers" in response.content.decode()
    response = client.post(url, {"phone": "06  1234 5678", "shows_phone": "on"})
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert (user.phone, user.shows_phone, user.shows_email) == ("06 1234 5678", True, False)
    assert "06 1234 5678" in client.get(reverse("accounts:overview")).content.decode()


def test_a_persons_messages_are_in_their_data_and_stay_without_a_name(client):
    initiative = InitiativeFactory()
    member = MembershipFactory(initiative=initiative, user=UserFactory(phone="06 12345678")).user
    message_to_municipality(initiative=initiative, author=member, body="See you Saturday")
    client.force_login(member)
    data = client.get(reverse("accounts:export")).json()
    assert data["account"]["phone"] == "06 12345678"
    assert data["messages_written"][0]["text"] == "See you Saturday"
    page = client.get(reverse("accounts:data")).content.decode()
    assert "Berichten die je schreef in gesprekken" in page
    member.delete()
    client.force_login(initiative.created_by)
    page = client.get(_url(initiative)).content.decode()
    assert "See you Saturday" in page
    assert "Iemand die niet meer meedoet" in page
