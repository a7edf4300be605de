"""An administrator closes an account only through `account_close`, with the rules of
`account_delete`; two leads leaving at once never leave an initiative without a lead."""

import threading

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from accounts import services
from accounts.models import User
from audit.models import AuditEvent
from initiatieven.models import Membership
from tests.factories import (
    AdvisorshipFactory,
    InitiativeFactory,
    MembershipFactory,
    UserFactory,
    login_with_second_factor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _close(user, actor, reason="Asked by phone on 24 November."):
    services.account_close(user=user, actor=actor, reason=reason)


def test_closing_needs_an_administrator_a_reason_and_someone_else():
    administrator = UserFactory(administrator=True)
    person = UserFactory()
    with pytest.raises(ValidationError, match="Write down why"):
        _close(person, administrator, reason="  ")
    with pytest.raises(PermissionDenied):
        _close(person, UserFactory(coordinator=True))
    with pytest.raises(ValidationError, match="your own account"):
        _close(administrator, administrator)
    assert User.objects.filter(pk=person.pk).exists()


def test_the_only_lead_is_not_closed():
    administrator = UserFactory(administrator=True)
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError, match="only lead"):
        _close(initiative.created_by, administrator)
    assert initiative.memberships.filter(role="lead").count() == 1


def _name_contact(membership):
    """Someone else is the group's contact person (leaving as contact is refused)."""
    from initiatieven.models import Membership

    Membership.objects.filter(initiative=membership.initiative_id).update(is_contact=False)
    Membership.objects.filter(pk=membership.pk).update(is_contact=True)


def test_a_closed_account_is_deleted_forgotten_in_the_log_and_told(
    django_capture_on_commit_callbacks,
):
    administrator = UserFactory(administrator=True)
    person = UserFactory(email="anna@example.org", first_name="Anna")
    initiative = InitiativeFactory(created_by=person)
    other = MembershipFactory(initiative=initiative, role="lead")
    _name_contact(other)
    services.role_grant(user=person, role="partner", actor=administrator, reason="Shop.")
    with django_capture_on_commit_callbacks(execute=True):
        _close(person, administrator)
    assert not User.objects.filter(pk=person.pk).exists()
    assert initiative.memberships.filter(role="lead").count() == 1
    closed = AuditEvent.objects.get(action="account.closed")
    assert (closed.actor, closed.reason) == (administrator, "Asked by phone on 24 November.")
    assert closed.before == {"roles": ["partner"]}
    mentions = AuditEvent.objects.filter(
        Q(actor_label__icontains="anna") | Q(object_label__icontains="anna")
    )
    assert not mentions.exists()
    assert mail.outbox[-1].to == ["anna@example.org"]
    assert "Asked by phone" in mail.outbox[-1].body


def test_an_advisor_is_closed_but_the_advice_records_stay():
    administrator = UserFactory(administrator=True)
    advisorship = AdvisorshipFactory(active=True)
    person = advisorship.advisor.user
    _close(person, administrator)
    person.refresh_from_db()
    advisorship.refresh_from_db()
    assert advisorship.advisor.user == person
    assert not person.is_active
    assert not person.has_usable_password()
    assert "@" in person.email and "civil" not in person.email
    assert person.first_name == services.CLOSED_ACCOUNT_NAME
    assert not person.role_assignments.exists()
    assert not person.emailaddress_set.exists()
    assert not Authenticator.objects.filter(user=person).exists()


def test_the_page_closes_an_account_and_keeps_the_reason_on_a_refusal(client):
    administrator = UserFactory(administrator=True)
    login_with_second_factor(client, administrator)
    lead = InitiativeFactory().created_by
    url = reverse("accounts:account_close", args=[lead.pk])
    refused = client.post(url, {"close-reason": "Asked by letter."})
    assert refused.status_code == 400
    assert "Asked by letter." in refused.content.decode()
    person = UserFactory()
    response = client.post(
        reverse("accounts:account_close", args=[person.pk]), {"close-reason": "Asked."}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_leads_leaving_at_once_never_leave_an_initiative_without_a_lead():
    for _round in range(20):
        initiative = InitiativeFactory()
        first = initiative.created_by
        second = MembershipFactory(initiative=initiative, role="lead").user
        _name_contact(MembershipFactory(initiative=initiative))  # neither lead is contact
        barrier = threading.Barrier(2)
        outcomes = []

        def leave(user, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait()
                with translation.override("en"):
                    services.account_delete(user=user)
                outcomes.append("left")
            except ValidationError as error:
                outcomes.append(error.messages[0])
            finally:
                connection.close()

        threads = [threading.Thread(target=leave, args=(user,)) for user in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == [
            "You are the only lead of an initiative. Make someone else lead first.",
            "left",
        ]
        assert Membership.objects.filter(initiative=initiative, role="lead").count() == 1
