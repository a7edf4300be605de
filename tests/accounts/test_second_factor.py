"""The second factor cannot be set up, swapped or removed with the password alone.

Setting one up needs the link mailed to the person's (municipal) address;
removing it or seeing recovery codes needs the factor itself, used minutes ago;
every change ends the person's other sessions and is mailed to them; the
secret is sealed in the database.
"""

import importlib
import re
import time
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.receivers import second_factor_added
from audit.models import AuditEvent
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    UserFactory,
    has_totp,
    login_with_second_factor,
    totp_code,
)

pytestmark = pytest.mark.django_db


def _password_session(user) -> Client:
    """A session that knows the password and never used a second factor."""
    client = Client()
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def _signed_in(client) -> bool:
    return client.get(reverse("accounts:overview")).status_code == 200


def _enrolment_link() -> str:
    body = next(m.body for m in reversed(mail.outbox) if "/tweede-factor/instellen/" in m.body)
    return re.search(r"https?://\S+/tweede-factor/instellen/\S+/", body).group(0)


def _set_up_totp(client) -> None:
    """From the enrolment link on: the password once more, then the code from the app."""
    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302 and "/reauthenticate/" in response.url:
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db(transaction=True)
def test_a_new_civil_servant_sets_up_the_factor_from_the_mailed_link_only():
    """Committed for real: allauth mails from its on-commit hook inside the request."""
    owner = UserFactory(civil_servant=True, with_totp=False)
    attacker = _password_session(owner)  # signed in with the password, before the owner
    client = _password_session(owner)
    # Without the link, the set-up page is not offered, to either session.
    for session in (client, attacker):
        response = session.get(reverse("mfa_activate_totp"))
        assert response.url == reverse("accounts:second_factor_start")
    page = client.post(reverse("accounts:second_factor_start"))
    assert owner.email in page.content.decode()
    assert mail.outbox[-1].to == [owner.email]
    link = _enrolment_link()
    assert client.get(link).url == reverse("mfa_activate_totp")
    _set_up_totp(client)
    assert has_totp(owner)
    # The factor counts for this session; the session from before it was set up ends.
    assert client.get(reverse("accounts:werkplek")).status_code == 200
    assert not _signed_in(attacker)
    assert "Marktplein: Authenticator-app geactiveerd" in [
        m.subject for m in mail.outbox if m.to == [owner.email]
    ]
    assert AuditEvent.objects.filter(action="mfa.added", object_id=str(owner.pk)).exists()
    # The link worked once.
    owner.refresh_from_db()
    other = _password_session(owner)
    assert other.get(link).status_code == 400


def test_the_link_goes_to_the_municipal_address_and_only_works_for_its_account(
    django_capture_on_commit_callbacks,
):
    from allauth.account.models import EmailAddress

    owner = UserFactory(email="private@example.org", civil_servant=True, with_totp=False)
    EmailAddress.objects.create(user=owner, email="joost@gemeente.example", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.second_factor_enrolment_send(user=owner, link_for=lambda t: f"https://x/{t}/")
    assert mail.outbox[-1].to == ["joost@gemeente.example"]
    token = services.second_factor_enrolment_token(owner)
    other = _password_session(UserFactory(civil_servant=True, with_totp=False))
    response = other.get(reverse("accounts:second_factor_enrol", args=[token]))
    assert response.status_code == 400
    assert "ander account" in response.content.decode()
    tampered = _password_session(owner).get(
        reverse("accounts:second_factor_enrol", args=[token[:-3] + "abc"])
    )
    assert tampered.status_code == 400
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        expired = _password_session(owner).get(
            reverse("accounts:second_factor_enrol", args=[token])
        )
    assert expired.status_code == 400
    assert "verlopen" in expired.content.decode()


def test_the_password_alone_cannot_remove_or_replace_the_factor_or_read_recovery_codes():
    owner = UserFactory(civil_servant=True)
    attacker = _password_session(owner)
    for name in [
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
    ]:
        for method in (attacker.get, attacker.post):
            response = method(reverse(name))
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("mfa_reauthenticate")), name
    assert has_totp(owner)
    # No set-up page either: it sends to re-authenticating, and then on to removal.
    assert attacker.get(reverse("mfa_activate_totp")).status_code == 302
    # And a wrong code does not count as using the factor.
    attacker.post(reverse("mfa_reauthenticate"), {"code": "000000"})
    assert attacker.post(reverse("mfa_deactivate_totp")).url.startswith(
        reverse("mfa_reauthenticate")
    )
    assert has_totp(owner)


def test_the_factor_used_long_ago_does_not_count_for_removing_it():
    owner = UserFactory(civil_servant=True)
    client = Client()
    login_with_second_factor(client, owner)
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        response = client.post(reverse("mfa_deactivate_totp"))
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    assert has_totp(owner)


@pytest.mark.django_db(transaction=True)
def test_removing_the_factor_with_the_factor_ends_other_sessions_and_tells_the_owner():
    owner = UserFactory()
    Authenticator.objects.all().delete()
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(owner, TOTP_SECRET)
    other = Client()
    login_with_second_factor(other, owner)
    client = _password_session(owner)
    # The password is not enough; the code from the app is.
    assert client.post(reverse("mfa_deactivate_totp")).url.startswith(
        reverse("mfa_reauthenticate")
    )
    client.post(reverse("mfa_reauthenticate"), {"code": totp_code(TOTP_SECRET)})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not has_totp(owner)
    assert _signed_in(client)
    assert not _signed_in(other)
    assert mail.outbox[-1].to == [owner.email]
    assert AuditEvent.objects.filter(action="mfa.removed").exists()


def test_setting_up_a_factor_next_to_another_proves_nothing():
    owner = UserFactory()
    Authenticator.objects.create(user=owner, type=Authenticator.Type.WEBAUTHN, data={})
    totp = Authenticator.objects.create(user=owner, type=Authenticator.Type.TOTP, data={})
    client = _password_session(owner)
    request = client.get(reverse("accounts:overview")).wsgi_request
    second_factor_added(sender=Authenticator, request=request, user=owner, authenticator=totp)
    methods = [record["method"] for record in request.session["account_authentication_methods"]]
    assert "mfa" not in methods


def test_the_first_municipal_role_starts_the_factor_afresh(django_capture_on_commit_callbacks):
    administrator = UserFactory(administrator=True)
    resident = UserFactory(with_totp=True)
    stamp = resident.security_stamp
    with django_capture_on_commit_callbacks(execute=True):
        services.role_grant(
            user=resident, role="alderman", actor=administrator, reason="Appointed."
        )
    assert mail.outbox[-1].to == [resident.email]
    assert "tweede factor" in mail.outbox[-1].body
    resident.refresh_from_db()
    assert not has_totp(resident)
    assert resident.security_stamp > stamp
    reset = AuditEvent.objects.get(action="mfa.reset")
    assert reset.before == {"kinds": ["totp"]}
    # A second municipal role keeps the factor set up for the first.
    civil_servant = UserFactory(civil_servant=True)
    services.role_grant(
        user=civil_servant, role="coordinator", actor=administrator, reason="Loket."
    )
    assert has_totp(civil_servant)


def test_a_municipal_account_without_a_factor_cannot_change_its_address():
    owner = UserFactory(civil_servant=True, with_totp=False)
    client = _password_session(owner)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "mallory@example.org"}
    )
    assert response.url == reverse("accounts:second_factor_start")
    assert not owner.emailaddress_set.filter(email="mallory@example.org").exists()


def test_the_secret_is_sealed_in_the_database_and_still_works():
    owner = UserFactory(civil_servant=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data->>'secret' FROM mfa_authenticator WHERE user_id = %s AND type = 'totp'",
            [owner.pk],
        )
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:")
    assert TOTP_SECRET not in stored
    from allauth.mfa.totp.internal.auth import TOTP

    totp = TOTP(Authenticator.objects.get(user=owner, type="totp"))
    assert totp.validate_code(totp_code(TOTP_SECRET))


def test_the_migration_seals_secrets_written_in_the_clear(settings):
    owner = UserFactory(civil_servant=True)
    Authenticator.objects.filter(user=owner, type="totp").update(data={"secret": TOTP_SECRET})
    migration = importlib.import_module("accounts.migrations.0002_seal_second_factor_secrets")
    migration.seal_all(apps, None)
    data = Authenticator.objects.get(user=owner, type="totp").data
    assert data["secret"].startswith("fernet:")
    from accounts.crypto import unseal

    assert unseal(data["secret"]) == TOTP_SECRET


def test_a_new_key_in_front_still_opens_secrets_sealed_with_the_old_one(settings):
    from cryptography.fernet import Fernet

    from accounts.crypto import seal, unseal

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [old]
    sealed = seal(TOTP_SECRET)
    settings.MFA_ENCRYPTION_KEYS = [new, old]
    assert unseal(sealed) == TOTP_SECRET
    settings.MFA_ENCRYPTION_KEYS = [new]
    with pytest.raises(Exception, match="cannot be opened"):
        unseal(sealed)


@pytest.mark.django_db(transaction=True)
def test_new_recovery_codes_are_recorded_as_such_and_end_other_sessions():
    owner = UserFactory(civil_servant=True)
    other = Client()
    login_with_second_factor(other, owner)
    client = Client()
    login_with_second_factor(client, owner)
    client.post(reverse("mfa_reauthenticate"), {"code": totp_code(TOTP_SECRET)})
    assert client.post(reverse("mfa_generate_recovery_codes")).status_code == 302
    assert AuditEvent.objects.filter(action="mfa.recovery_codes_renewed").exists()
    assert not AuditEvent.objects.filter(action="mfa.reset").exists()
    assert _signed_in(client)
    assert not _signed_in(other)


def test_the_recovery_codes_page_leads_on():
    owner = UserFactory(civil_servant=True)
    client = Client()
    login_with_second_factor(client, owner)
    client.post(reverse("mfa_reauthenticate"), {"code": totp_code(TOTP_SECRET)})
    client.post(reverse("mfa_generate_recovery_codes"))
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert re.search(r'href="/werkplek/"[^>]*>Ga verder naar je werkplek</a>', page)


def test_the_second_step_has_its_own_title():
    person = UserFactory(civil_servant=True)
    client = Client()
    response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    page = re.sub(r"\s+", " ", client.get(response.url).content.decode())
    assert "<title> Tweede stap bij inloggen · Marktplein</title>" in page
