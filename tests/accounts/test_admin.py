"""The Django admin shows credentials and never changes them."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from accounts.models import User
from tests.factories import TOTP_SECRET, UserFactory, login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    login_with_second_factor(client, UserFactory(administrator=True))
    return client


def test_no_password_form_and_no_address_change_for_another_person(admin_client):
    person = UserFactory(email="anna@example.org")
    password_page = admin_client.get(f"/admin/accounts/user/{person.pk}/password/", follow=True)
    assert 'name="password1"' not in password_page.content.decode()
    page = admin_client.get(f"/admin/accounts/user/{person.pk}/change/")
    assert page.status_code == 200
    assert "password/" not in page.content.decode()
    admin_client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {
            "email": "mallory@example.org",
            "first_name": "Anna",
            "last_name": "",
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        },
    )
    person.refresh_from_db()
    assert person.email == "anna@example.org"


def test_an_account_is_not_deleted_in_the_admin(admin_client):
    person = UserFactory()
    assert admin_client.get(f"/admin/accounts/user/{person.pk}/delete/").status_code == 403
    admin_client.post(
        "/admin/accounts/user/",
        {"action": "delete_selected", "_selected_action": [person.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=person.pk).exists()


def test_the_second_factor_is_shown_without_its_secret_and_cannot_be_changed(admin_client):
    civil_servant = UserFactory(civil_servant=True)
    authenticator = Authenticator.objects.get(user=civil_servant, type="totp")
    url = f"/admin/mfa/authenticator/{authenticator.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert TOTP_SECRET not in page
    assert "secret" not in page
    admin_client.post(url, {"user": civil_servant.pk, "type": "totp", "data": "{}"})
    authenticator.refresh_from_db()
    assert authenticator.data != {}
    response = admin_client.post(f"/admin/mfa/authenticator/{authenticator.pk}/delete/")
    assert response.status_code == 403
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()


def test_an_address_is_neither_changed_nor_verified_in_the_admin(admin_client):
    person = UserFactory(unverified=True)
    address = EmailAddress.objects.get(user=person)
    admin_client.post(
        "/admin/account/emailaddress/",
        {"action": "make_verified", "_selected_action": [address.pk]},
    )
    admin_client.post(
        f"/admin/account/emailaddress/{address.pk}/change/",
        {"email": "mallory@example.org", "user": person.pk, "verified": "on", "primary": "on"},
    )
    address.refresh_from_db()
    assert (address.email, address.verified) == (person.email, False)
