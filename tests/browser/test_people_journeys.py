"""Two journeys of people the platform must not lose: a newcomer invited by e-mail
signs up and lands on the invitation; a member whose initiative a coordinator hid
for its news reads why, changes the news, and the coordinator shows it again."""

import re
import time

import pytest

from herinneringen.models import Reminder
from initiatieven.models import Initiative, Update
from initiatieven.services import invitation_token
from tests.browser.conftest import sign_in
from tests.factories import (
    PASSWORD,
    InitiativeFactory,
    InvitationFactory,
    MembershipFactory,
    UpdateFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_invited_newcomer_signs_up_and_lands_on_the_invitation(
    page, axe, live_server, mailoutbox
):
    initiative = InitiativeFactory(title="Repaircafé Haven")
    invitation = InvitationFactory(initiative=initiative, email="nina@example.org")
    link = f"{live_server.url}/uitnodiging/{invitation_token(invitation)}/"

    page.goto(link)
    axe.check(page)
    page.get_by_role("link", name="Maak een account").click()
    axe.check(page)
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("E-mail").fill("nina@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    axe.check(page)

    confirm = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body)
    page.goto(confirm.group(0))
    axe.check(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")

    # Verified and signed in: back on the invitation, which now names the initiative.
    assert page.url == link
    axe.check(page)
    assert "Repaircafé Haven" in page.locator("main").inner_text()
    page.get_by_role("button", name="Meedoen").click()
    page.wait_for_load_state("load")
    axe.check(page)
    assert page.url == live_server.url + initiative.get_absolute_url()
    assert initiative.memberships.filter(user__email="nina@example.org").exists()


def test_a_member_changes_the_news_a_coordinator_hid_the_initiative_for(
    page, axe, live_server, browser, settings
):
    settings.MFA_TOTP_TOLERANCE = 1
    initiative = InitiativeFactory(title="Moestuin De Wierden")
    member = MembershipFactory(
        initiative=initiative, user=UserFactory(first_name="Karim", email="karim@example.org")
    ).user
    news = UpdateFactory(
        initiative=initiative, author=member, body="<p>Bel Karim op 06 12345678.</p>"
    )
    coordinator = UserFactory(coordinator=True, email="loket@gemeente.example")

    sign_in(page, live_server, coordinator.email, code_at=time.time())
    page.goto(f"{live_server.url}/initiatieven/{initiative.pk}/moderatie/")
    axe.check(page)
    page.get_by_label("Reden").fill("Haal het telefoonnummer uit het nieuws.")
    page.get_by_role("button", name="Verbergen").click()
    page.wait_for_load_state("load")
    axe.check(page)
    assert Initiative.objects.get(pk=initiative.pk).is_hidden

    member_context = browser.new_context(
        java_script_enabled=page.context.javascript_enabled, locale="nl-NL"
    )
    member_context.javascript_enabled = page.context.javascript_enabled
    member_page = member_context.new_page()
    member_page.set_default_timeout(10_000)
    sign_in(member_page, live_server, member.email)
    # The members hear of it through the outbox (the dispatcher sends it; see herinneringen).
    assert Reminder.objects.filter(recipient=member, kind="initiative_hidden").exists()
    member_page.goto(live_server.url + "/initiatieven/mijn/")
    axe.check(member_page)
    assert "verborgen door een moderator" in member_page.locator("main").inner_text()
    member_page.get_by_role("link", name="Moestuin De Wierden").click()
    axe.check(member_page)
    assert "Haal het telefoonnummer uit het nieuws." in member_page.locator("main").inner_text()
    member_page.get_by_role("link", name="Dit nieuws aanpassen").click()
    axe.check(member_page)
    member_page.get_by_label("Je nieuws").fill("Mail ons via het gesprek op Marktplein.")
    member_page.get_by_role("button", name="Bewaren").click()
    member_page.wait_for_load_state("load")
    axe.check(member_page)
    assert "06 12345678" not in member_page.locator("main").inner_text()
    assert Update.objects.get(pk=news.pk).body == "<p>Mail ons via het gesprek op Marktplein.</p>"
    member_context.close()

    page.goto(f"{live_server.url}/initiatieven/{initiative.pk}/moderatie/")
    page.get_by_label("Reden").fill("Het nieuws is aangepast. Dank je!")
    page.get_by_role("button", name="Weer tonen").click()
    page.wait_for_load_state("load")
    axe.check(page)
    assert not Initiative.objects.get(pk=initiative.pk).is_hidden
