from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone, translation

from accounts import services
from accounts.models import Role, RoleAssignment, User
from audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages below are matched in the source language."""
    with translation.override("en"):
        yield


def test_administrator_grants_a_role_and_it_is_an_audit_event():
    admin = UserFactory(administrator=True)
    person = UserFactory()

    services.role_grant(user=person, role=Role.PARTNER, actor=admin, reason="Checked KvK.")

    assert person.role_assignments.get().role == Role.PARTNER
    event = AuditEvent.objects.get(action="role.granted", object_id=str(person.pk))
    assert event.actor == admin
    assert event.actor_label == admin.email
    assert event.reason == "Checked KvK."
    assert event.before == {"roles": []}
    assert event.after == {"roles": ["partner"]}


def test_granting_administrator_makes_staff_and_revoking_undoes_it():
    admin = UserFactory(administrator=True)
    person = UserFactory()
    services.role_grant(user=person, role=Role.ADMINISTRATOR, actor=admin, reason="New admin.")
    person.refresh_from_db()
    assert person.is_staff and person.is_superuser

    services.role_revoke(user=person, role=Role.ADMINISTRATOR, actor=admin, reason="Left.")
    person.refresh_from_db()
    assert not person.is_staff and not person.is_superuser


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_role_needs_a_reason(reason):
    admin = UserFactory(administrator=True)
    with pytest.raises(ValidationError, match="why"):
        services.role_grant(user=UserFactory(), role=Role.PARTNER, actor=admin, reason=reason)
    assert not RoleAssignment.objects.filter(role=Role.PARTNER).exists()


def test_nobody_gives_themselves_a_role():
    admin = UserFactory(administrator=True)
    with pytest.raises(PermissionDenied):
        services.role_grant(user=admin, role=Role.ALDERMAN, actor=admin, reason="Promotion.")
    assert not admin.role_assignments.filter(role=Role.ALDERMAN).exists()


@pytest.mark.parametrize(
    "actor_kwargs", [{}, {"civil_servant": True}, {"coordinator": True}, {"alderman": True}]
)
def test_only_an_administrator_changes_roles(actor_kwargs):
    actor = UserFactory(**actor_kwargs)
    with pytest.raises(PermissionDenied):
        services.role_grant(user=UserFactory(), role=Role.PARTNER, actor=actor, reason="Please.")


def test_a_role_needs_a_verified_email_address():
    admin = UserFactory(administrator=True)
    person = UserFactory(unverified=True)
    with pytest.raises(ValidationError, match="verified"):
        services.role_grant(user=person, role=Role.PARTNER, actor=admin, reason="Checked.")


def test_a_role_is_given_once():
    admin = UserFactory(administrator=True)
    person = UserFactory(partner=True)
    with pytest.raises(ValidationError, match="already"):
        services.role_grant(user=person, role=Role.PARTNER, actor=admin, reason="Again.")
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.GRANT_OFFICER])
def test_coordinator_and_grant_officer_build_on_civil_servant(role):
    admin = UserFactory(administrator=True)
    with pytest.raises(ValidationError, match="civil servant"):
        services.role_grant(user=UserFactory(), role=role, actor=admin, reason="Team loket.")
    civil_servant = UserFactory(civil_servant=True)
    services.role_grant(user=civil_servant, role=role, actor=admin, reason="Team loket.")
    assert civil_servant.role_assignments.filter(role=role).exists()


def test_revoking_civil_servant_ends_the_roles_built_on_it():
    admin = UserFactory(administrator=True)
    person = UserFactory(coordinator=True)

    services.role_revoke(user=person, role=Role.CIVIL_SERVANT, actor=admin, reason="Left.")

    assert not person.role_assignments.exists()
    event = AuditEvent.objects.get(action="role.revoked")
    assert event.before == {"roles": ["civil_servant", "coordinator"]}
    assert event.after == {"roles": []}
    assert event.reason == "Left."


def test_revoking_a_role_that_is_not_held_is_refused():
    admin = UserFactory(administrator=True)
    with pytest.raises(ValidationError, match="does not have"):
        services.role_revoke(user=UserFactory(), role=Role.PARTNER, actor=admin, reason="x")


def test_the_database_refuses_a_self_granted_role():
    person = UserFactory()
    with pytest.raises(IntegrityError, match="role_not_self_granted"):
        RoleAssignment.objects.create(
            user=person, role=Role.PARTNER, granted_by=person, reason="x"
        )


def test_a_verified_address_on_a_municipal_domain_makes_a_civil_servant(settings):
    settings.MUNICIPAL_EMAIL_DOMAINS = ["gemeente.example"]
    person = UserFactory(email="joost@Gemeente.Example")

    assignment = services.civil_servant_verify_by_email(user=person, email=person.email)

    assert assignment.role == Role.CIVIL_SERVANT
    assert assignment.granted_by is None
    event = AuditEvent.objects.get(action="role.granted")
    assert event.actor is None
    assert "gemeente.example" in event.reason.lower()


def test_another_domain_gives_no_role(settings):
    settings.MUNICIPAL_EMAIL_DOMAINS = ["gemeente.example"]
    person = UserFactory(email="joost@gemeente.example.evil.org")
    assert services.civil_servant_verify_by_email(user=person, email=person.email) is None
    assert not person.role_assignments.exists()


def test_unverified_accounts_are_removed_after_the_retention_period(settings):
    settings.UNVERIFIED_ACCOUNT_RETENTION = timedelta(days=14)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old_unverified = UserFactory(unverified=True)
        old_verified = UserFactory()
    with time_machine.travel(start + timedelta(days=10), tick=False):
        new_unverified = UserFactory(unverified=True)

    with time_machine.travel(start + timedelta(days=15), tick=False):
        assert services.unverified_accounts_purge() == 1

    remaining = set(User.objects.values_list("pk", flat=True))
    assert old_unverified.pk not in remaining
    assert {old_verified.pk, new_unverified.pk} <= remaining


def test_the_first_administrator_is_made_on_the_command_line():
    from io import StringIO

    from django.core.management import CommandError, call_command

    person = UserFactory(email="first@gemeente.example")
    out = StringIO()
    call_command("grant_role", person.email, "administrator", reason="First admin.", stdout=out)
    person.refresh_from_db()
    assert person.is_staff and person.has_role(Role.ADMINISTRATOR)
    event = AuditEvent.objects.get(action="role.granted")
    assert event.actor is None and event.reason == "First admin."

    with pytest.raises(CommandError, match="already"):
        call_command("grant_role", person.email, "administrator", reason="Again.")
    with pytest.raises(CommandError, match="No account"):
        call_command("grant_role", "nobody@example.org", "partner", reason="x")


def test_the_only_lead_of_an_initiative_cannot_delete_their_account():
    from tests.factories import InitiativeFactory, MembershipFactory

    initiative = InitiativeFactory()
    lead = initiative.created_by
    MembershipFactory(initiative=initiative)  # a plain member is not a lead
    with pytest.raises(ValidationError, match="only lead"):
        services.account_delete(user=lead)
    assert User.objects.filter(pk=lead.pk).exists()
    other = MembershipFactory(initiative=initiative, role="lead")
    # Still the contact person: the group names another first.
    with pytest.raises(ValidationError, match="contact person of"):
        services.account_delete(user=lead)
    initiative.memberships.update(is_contact=False)
    initiative.memberships.filter(pk=other.pk).update(is_contact=True)
    services.account_delete(user=lead)
    assert not User.objects.filter(pk=lead.pk).exists()
    assert initiative.memberships.filter(role="lead").count() == 1
    assert initiative.memberships.count() == 2


def test_a_civil_servant_with_advice_records_cannot_delete_their_account():
    from tests.factories import AdvisorshipFactory

    advisorship = AdvisorshipFactory()
    with pytest.raises(ValidationError, match="advice records"):
        services.account_delete(user=advisorship.advisor.user)
