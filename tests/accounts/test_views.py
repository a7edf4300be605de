import json
import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory, login_with_second_factor

pytestmark = pytest.mark.django_db


def _confirm_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_sign_up_verify_and_become_civil_servant_on_a_municipal_domain(client, settings):
    settings.MUNICIPAL_EMAIL_DOMAINS = ["gemeente.example"]
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Joost",
            "email": "joost@gemeente.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = _confirm_link(mail.outbox[0])

    assert client.get(link).status_code == 200
    client.post(link)

    address = EmailAddress.objects.get(email="joost@gemeente.example")
    assert address.verified
    assert address.user.first_name == "Joost"
    assert address.user.role_assignments.get().role == Role.CIVIL_SERVANT
    assert AuditEvent.objects.filter(action="role.granted", actor=None).count() == 1


def test_sign_up_on_another_domain_gives_a_resident(client):
    client.post(
        reverse("account_signup"),
        {
            "first_name": "Sanne",
            "email": "sanne@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    client.post(_confirm_link(mail.outbox[0]))
    user = EmailAddress.objects.get(email="sanne@example.org").user
    assert not user.role_assignments.exists()


def test_sign_up_form_keeps_what_was_typed_and_says_what_is_wrong(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Sanne",
            "email": "sanne@example.org",
            "password1": "short",
            "password2": "short",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Sanne"' in html
    assert 'value="sanne@example.org"' in html
    assert "marktplein-error-summary" in html
    assert 'aria-invalid="true"' in html


def test_failed_sign_ins_are_rate_limited_in_redis(client):
    user = UserFactory()
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong-password"}
        )
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Te veel" in response.content.decode() or "Too many" in response.content.decode()


def test_sign_in_works_with_the_right_password(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_sends_a_mail(client):
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_a_civil_servant_without_totp_is_sent_to_set_it_up(client):
    user = UserFactory(civil_servant=True, with_totp=False)
    client.force_login(user)
    response = client.get(reverse("accounts:werkplek"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:second_factor_start"))


def test_a_session_that_did_not_use_the_second_factor_must_use_it(client):
    user = UserFactory(civil_servant=True)
    client.force_login(user)
    response = client.get(reverse("accounts:werkplek"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))


def test_a_civil_servant_with_second_factor_opens_the_workplace(client):
    user = UserFactory(civil_servant=True)
    login_with_second_factor(client, user)
    response = client.get(reverse("accounts:werkplek"))
    assert response.status_code == 200
    assert user.first_name in response.content.decode()


def test_the_django_admin_also_needs_the_second_factor(client):
    admin = UserFactory(administrator=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302
    login_with_second_factor(client, admin)
    assert client.get("/admin/").status_code == 200


def test_administrator_gives_a_role_with_a_reason(client):
    admin = UserFactory(administrator=True)
    person = UserFactory()
    login_with_second_factor(client, admin)
    response = client.post(
        reverse("accounts:role_grant", args=[person.pk]),
        {"grant-role": Role.PARTNER, "grant-reason": "Repair café, checked."},
    )
    assert response.status_code == 302
    assert person.role_assignments.get().role == Role.PARTNER
    assert AuditEvent.objects.get(action="role.granted").actor == admin


def test_a_refused_role_change_keeps_the_reason_that_was_typed(client):
    admin = UserFactory(administrator=True)
    person = UserFactory()
    login_with_second_factor(client, admin)
    response = client.post(
        reverse("accounts:role_grant", args=[person.pk]),
        {"grant-role": Role.COORDINATOR, "grant-reason": "Joins the loket team."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Joins the loket team." in html
    assert "marktplein-error-summary" in html
    assert not person.role_assignments.exists()


def test_the_user_list_issues_the_same_queries_for_n_and_2n_people(client):
    admin = UserFactory(administrator=True)
    login_with_second_factor(client, admin)
    UserFactory.create_batch(5, partner=True)
    client.get(reverse("accounts:user_list"))  # the first request after login sets up the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("accounts:user_list")).status_code == 200
    UserFactory.create_batch(5, partner=True)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("accounts:user_list")).status_code == 200
    assert len(small) == len(large) <= 12


def test_export_holds_my_data_and_nobody_elses(client):
    me = UserFactory(first_name="Sanne")
    other = UserFactory(first_name="Karim")
    client.force_login(me)
    response = client.get(reverse("accounts:export"))
    data = json.loads(response.content)
    assert data["account"]["email"] == me.email
    assert other.email not in response.content.decode()


@pytest.mark.parametrize(("minutes_later", "still_signed_in"), [(29, True), (31, False)])
def test_a_session_ends_after_idleness(client, minutes_later, still_signed_in):
    user = UserFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
        assert client.get(reverse("accounts:overview")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=minutes_later), tick=False):
        response = client.get(reverse("accounts:overview"))
    assert (response.status_code == 200) is still_signed_in


def test_a_session_ends_after_the_absolute_maximum_even_when_active(client):
    user = UserFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(user)
        client.get(reverse("accounts:overview"))
    # Active every 20 minutes for 12 hours and a bit.
    for step in range(1, 38):
        with time_machine.travel(start + timedelta(minutes=20 * step), tick=False):
            response = client.get(reverse("accounts:overview"))
        if step * 20 <= 12 * 60:
            assert response.status_code == 200, step
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_dutch_is_the_default_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_the_language_switch_works_without_javascript(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302
    assert response.url == "/privacy/"
    page = client.get("/privacy/").content.decode()
    assert '<html lang="en"' in page
    assert "Privacy statement" in page


def test_a_visitor_switches_language_without_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/initiatieven/")
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert settings.CSRF_COOKIE_NAME not in page.cookies  # no secret made for a visitor
    response = client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get("/privacy/").content.decode()


def test_a_signed_in_person_switches_language_only_with_a_csrf_token():
    me = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(me)
    page = client.get("/privacy/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    forged = client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    assert forged.status_code == 403
    me.refresh_from_db()
    assert me.language == "nl"
    assert '<html lang="nl"' in client.get("/privacy/").content.decode()
    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/privacy/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.language == "en"


def test_deleting_my_account_keeps_the_audit_events_without_my_name(client):
    admin = UserFactory(administrator=True)
    me = UserFactory(first_name="Sanne", email="sanne@example.org")
    from accounts import services

    services.role_grant(user=me, role=Role.PARTNER, actor=admin, reason="Checked.")
    client.force_login(me)

    wrong = client.post(reverse("accounts:delete"), {"password": "not-my-password"})
    assert wrong.status_code == 200
    assert 'aria-invalid="true"' in wrong.content.decode()

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not type(me).objects.filter(pk=me.pk).exists()
    labels = list(AuditEvent.objects.values_list("object_label", "actor_label"))
    assert labels
    assert not any("Sanne" in a or "sanne@" in b for a, b in labels)
    assert AuditEvent.objects.filter(action="role.granted").exists()


def test_changing_my_email_address_needs_the_new_address_verified(client):
    me = UserFactory(email="old@example.org")
    client.force_login(me)
    response = client.post(
        reverse("account_email"), {"email": "new@example.org", "action_add": ""}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@example.org"]
    me.refresh_from_db()
    assert me.email == "old@example.org"

    client.post(_confirm_link(mail.outbox[-1]))

    me.refresh_from_db()
    assert me.email == "new@example.org"
    assert list(EmailAddress.objects.filter(user=me).values_list("email", flat=True)) == [
        "new@example.org"
    ]


def test_the_language_switch_after_a_refused_form_returns_to_the_form_page(client):
    admin = UserFactory(administrator=True)
    person = UserFactory()
    login_with_second_factor(client, admin)
    detail = reverse("accounts:user_detail", args=[person.pk])
    response = client.post(
        reverse("accounts:role_grant", args=[person.pk]),
        {"grant-role": Role.COORDINATOR, "grant-reason": "x"},
        HTTP_REFERER=f"http://testserver{detail}",
    )
    assert response.status_code == 400
    assert f'name="next" value="http://testserver{detail}"' in response.content.decode()


def test_my_account_has_a_plain_title(client):
    client.force_login(UserFactory())
    page = client.get(reverse("accounts:overview")).content.decode()
    title = page[page.index("<title>") + 7 : page.index("</title>")]
    assert title == "Mijn account · Marktplein"


def test_account_mail_greets_and_signs_in_marktpleins_voice(client, settings):
    settings.MARKTPLEIN_MUNICIPALITY_NAME = "gemeente Almere"
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    body = mail.outbox[0].body
    assert body.startswith("Hallo,")
    assert body.rstrip().endswith("Marktplein van gemeente Almere")
    assert "Hallo van" not in body


@pytest.mark.parametrize(
    ("name", "title"), [("account_login", "Inloggen"), ("account_signup", "Account maken")]
)
def test_the_account_pages_say_what_the_menu_says(client, name, title):
    page = re.sub(r"\s+", " ", client.get(reverse(name)).content.decode())
    assert f"<title> {title} · Marktplein</title>" in page
    assert "Aanmelden" not in page and "Registreren" not in page


FORMAL = re.compile(r"\b(u|uw|Uw|alstublieft|a\.u\.b\.|Aanmelden|gelieve|Gelieve|resulterende)\b")


def _words(response) -> str:
    html = re.sub(
        r"<script.*?</script>|<style.*?</style>", "", response.content.decode(), flags=re.S
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/confirm-email/",
        "/accounts/confirm-email/not-a-key/",
        "/accounts/inactive/",
    ],
)
def test_allauths_pages_for_visitors_say_je(client, path):
    words = _words(client.get(path))
    assert FORMAL.findall(words) == [], words


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/reauthenticate/",
    ],
)
def test_allauths_pages_for_people_signed_in_say_je(client, path):
    client.force_login(UserFactory())
    words = _words(client.get(path))
    assert FORMAL.findall(words) == [], words


def test_allauths_emails_say_je_and_plainly_what_to_do(client, django_capture_on_commit_callbacks):
    UserFactory(email="sanne@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "sanne@example.org"})
    body = mail.outbox[-1].body
    assert "Iemand vroeg een nieuw wachtwoord aan voor je account." in body
    assert FORMAL.findall(body) == [], body
