"""Failed sign-ins are limited without letting anyone lock another person out."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.5"
VICTIM = "198.51.100.7"
PROXY = "10.0.0.2"


def _sign_in(client, email, password, **meta):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **meta)


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(client):
    victim = UserFactory()
    for _attempt in range(8):
        _sign_in(client, victim.email, "wrong-password", REMOTE_ADDR=ATTACKER)
    refused = _sign_in(client, victim.email, PASSWORD, REMOTE_ADDR=ATTACKER)
    assert refused.status_code == 200
    assert "Te veel inlogpogingen" in refused.content.decode()
    response = _sign_in(client, victim.email, PASSWORD, REMOTE_ADDR=VICTIM)
    assert response.status_code == 302
    assert response.wsgi_request.user == victim


def test_behind_the_proxy_each_client_is_counted_on_its_own_address(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    victim = UserFactory()
    for number in range(12):
        _sign_in(
            client,
            victim.email if number % 2 else f"someone{number}@example.org",
            "wrong-password",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    # The attacker's address is limited...
    refused = _sign_in(
        client, victim.email, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER
    )
    assert refused.status_code == 429 or "Te veel inlogpogingen" in refused.content.decode()
    # ...everyone else behind the same proxy signs in.
    response = _sign_in(
        client, victim.email, PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VICTIM
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == victim


def test_a_client_cannot_choose_its_address_when_no_proxy_is_trusted(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    victim = UserFactory()
    for number in range(12):
        _sign_in(
            client,
            victim.email,
            "wrong-password",
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    refused = _sign_in(client, victim.email, PASSWORD, REMOTE_ADDR=ATTACKER)
    assert refused.status_code == 429 or "Te veel inlogpogingen" in refused.content.decode()
