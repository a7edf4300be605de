"""Pages that list rows take the same number of queries at N and 2N rows.

The list, the detail, the loket and suggestions have theirs next to their views;
these are the other pages that list rows.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from ambtenaren.models import Contact
from audit.services import audit_record
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OfferRequestFactory,
    UserFactory,
    login_with_second_factor,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_the_public_offers(client):
    def grow(n):
        for offer in OfferFactory.create_batch(n, vetted=True):
            OfferRequestFactory(offer=offer)

    assert_queries_do_not_grow(client, reverse("initiatieven:offers"), grow)


def test_a_partners_own_offers(client):
    partner = UserFactory(partner=True)
    client.force_login(partner)

    def grow(n):
        OfferFactory.create_batch(n, partner=partner)
        for offer in OfferFactory.create_batch(n, partner=partner, vetted=True):
            OfferRequestFactory(offer=offer)

    assert_queries_do_not_grow(client, reverse("initiatieven:offers_mine"), grow)


def test_the_offers_waiting_for_a_check(client):
    login_with_second_factor(client, UserFactory(coordinator=True))
    assert_queries_do_not_grow(
        client,
        reverse("initiatieven:offer_review_list"),
        lambda n: OfferFactory.create_batch(n),
    )


def test_my_initiatives(client):
    person = UserFactory()
    client.force_login(person)

    def grow(n):
        for initiative in InitiativeFactory.create_batch(n):
            MembershipFactory(initiative=initiative, user=person)
            NeedFactory(initiative=initiative)
        InitiativeFactory.create_batch(n, created_by=person, draft=True)
        InitiativeFactory.create_batch(n, created_by=person, hidden=True)

    assert_queries_do_not_grow(client, reverse("initiatieven:mine"), grow)


def test_the_members_of_an_initiative(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    def grow(n):
        MembershipFactory.create_batch(n, initiative=initiative)
        InvitationFactory.create_batch(n, initiative=initiative)

    assert_queries_do_not_grow(client, reverse("initiatieven:members", args=[initiative.pk]), grow)


def test_the_needs_of_an_initiative(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    def grow(n):
        for need in NeedFactory.create_batch(n, initiative=initiative):
            OfferRequestFactory(need=need)

    assert_queries_do_not_grow(client, reverse("initiatieven:needs", args=[initiative.pk]), grow)


def test_an_advisorship_with_its_contacts(client):
    advisorship = AdvisorshipFactory(active=True)
    login_with_second_factor(client, advisorship.advisor.user)

    def grow(n):
        for _ in range(n):
            Contact.objects.create(
                advisorship=advisorship,
                date=timezone.localdate(),
                channel="phone",
                topic="The permit",
                follow_up_on=timezone.localdate(),
            )

    assert_queries_do_not_grow(
        client, reverse("ambtenaren:advisorship", args=[advisorship.pk]), grow
    )


def test_the_advisors_an_initiative_can_ask(client):
    initiative = InitiativeFactory()
    client.force_login(initiative.created_by)

    def grow(n):
        for profile in AdvisorProfileFactory.create_batch(n):
            AdvisorshipFactory(advisor=profile, active=True)

    assert_queries_do_not_grow(
        client, reverse("ambtenaren:advisors_for_initiative", args=[initiative.pk]), grow
    )


def test_the_audit_log(client):
    login_with_second_factor(client, UserFactory(administrator=True))

    def grow(n):
        for _ in range(n):
            person = UserFactory()
            audit_record(subject=person, action="role.granted", actor=UserFactory(), reason="x")

    assert_queries_do_not_grow(client, reverse("audit:log"), grow)
