"""Sign up, verify, sign in, set up TOTP as a civil servant, sign out, and back in."""

import re
import time

import pytest

from accounts.models import Role, User
from tests.factories import PASSWORD, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _secret_from(page) -> str:
    secret = page.get_by_label("Authenticator geheim").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret
    return secret


def test_civil_servant_signs_up_verifies_sets_up_totp_and_signs_out(
    page, axe, live_server, mailoutbox, settings
):
    settings.MUNICIPAL_EMAIL_DOMAINS = ["gemeente.example"]
    # Accept the next 30-second code too, so the test need not wait for a new one.
    settings.MFA_TOTP_TOLERANCE = 1
    email = "joost@gemeente.example"

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    axe.check(page)

    page.get_by_role("link", name="Account maken").first.click()
    axe.check(page)
    page.get_by_label("Voornaam").fill("Joost")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    axe.check(page)

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    axe.check(page)
    page.locator("main form button[type=submit]").click()
    assert User.objects.get(email=email).role_assignments.get().role == Role.CIVIL_SERVANT

    # Confirmed in the browser they signed up in: signed in at once. A civil servant
    # goes to the workplace, which first asks for a second factor.
    # The password alone does not set one up: a link goes to the municipal address.
    page.wait_for_url(re.compile(r"/tweede-factor/"))
    axe.check(page)
    page.get_by_role("button", name="Stuur mij de link").click()
    axe.check(page)
    assert email in page.get_by_role("status").inner_text()
    link = re.search(r"https?://\S+/tweede-factor/instellen/\S+/", mailoutbox[-1].body).group(0)
    assert mailoutbox[-1].to == [email]
    page.goto(link)
    # Setting up a second factor asks for the password once more (allauth's default).
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    axe.check(page)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    axe.check(page)
    secret = _secret_from(page)
    page.get_by_label("Code uit de app").fill(totp_code(secret))
    page.locator("main form button[type=submit]").click()
    axe.check(page)

    # Set up: the recovery codes, and a way on (not a dead end).
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    assert "Bewaar deze codes op een veilige plek" in page.locator("main").inner_text()
    page.get_by_role("link", name="Ga verder naar je werkplek").click()
    page.wait_for_url(re.compile(r"/werkplek/$"))
    axe.check(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Welkom, Joost"

    page.get_by_role("button", name="Uitloggen").click()
    if "/accounts/logout/" in page.url:  # the confirmation page, where it is shown
        page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/")
    axe.check(page)
    assert page.get_by_role("link", name="Inloggen").is_visible()

    # Back in: password, then the code from the app.
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    axe.check(page)
    page.get_by_label("Code").fill(totp_code(secret, at=time.time() + 30))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/werkplek/"))
    axe.check(page)


def test_public_pages_are_accessible_in_dutch_and_english(page, axe, live_server):
    for path in ["/", "/privacy/", "/toegankelijkheid/", "/accounts/password/reset/"]:
        page.goto(live_server.url + path)
        axe.check(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    for path in ["/", "/privacy/", "/toegankelijkheid/", "/accounts/signup/"]:
        page.goto(live_server.url + path)
        axe.check(page)
    assert page.get_by_role("button", name="Nederlands").is_visible()
