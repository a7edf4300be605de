"""The loket answers the longest-waiting initiative; a civil servant signs in with
TOTP, claims a suggested initiative; the lead accepts; the advisor logs a contact."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from ambtenaren.models import Advisorship, Contact
from initiatieven.models import Initiative
from tests.browser.conftest import sign_in
from tests.factories import AdvisorProfileFactory, InitiativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_loket_answers_a_civil_servant_claims_the_lead_accepts_a_contact_is_logged(
    page, axe, live_server, browser, settings
):
    settings.MFA_TOTP_TOLERANCE = 1  # each person signs in with a code of its own window
    now = timezone.now()
    lead = UserFactory(first_name="Sanne", email="sanne@example.org")
    waiting = InitiativeFactory(
        title="Repaircafé Haven", created_by=lead, submitted_at=now - timedelta(days=12)
    )
    InitiativeFactory(title="Buurtkast", submitted_at=now - timedelta(days=1))
    coordinator = UserFactory(coordinator=True, email="loket@gemeente.example")
    advisor = AdvisorProfileFactory(
        user=UserFactory(civil_servant=True, first_name="Joost", email="joost@gemeente.example")
    )

    # The coordinator answers the initiative that waits longest.
    sign_in(page, live_server, coordinator.email, code_at=time.time())
    axe.check(page)
    page.get_by_role("link", name="Wachten op een eerste antwoord").click()
    axe.check(page)
    rows = page.locator("main table tbody tr")
    assert "Repaircafé Haven" in rows.first.inner_text()
    assert "over de streefdatum" in rows.first.inner_text()
    rows.first.get_by_role("link").click()
    axe.check(page)
    page.get_by_label("Je bericht aan het initiatief").fill(
        "Welkom! We denken graag mee. Ik bel je deze week."
    )
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_load_state("load")
    axe.check(page)
    waiting.refresh_from_db()
    assert waiting.first_response_at is not None
    page.get_by_role("button", name="Uitloggen").click()

    # A civil servant signs in with TOTP and sees suggestions with reasons.
    sign_in(page, live_server, advisor.user.email, code_at=time.time() + 30)
    axe.check(page)
    page.get_by_role("link", name="Initiatieven die jou kunnen gebruiken").click()
    axe.check(page)
    assert "Waarom:" in page.locator("main").inner_text()
    assert "wacht al" in page.locator("main").inner_text()
    page.get_by_role("link", name="Bied aan om Repaircafé Haven te adviseren").click()
    axe.check(page)
    page.get_by_label("Hoeveel uur per maand geef je?").fill("3")
    page.get_by_label("Ik verklaar dat ik geen belangenverstrengeling heb").check()
    page.get_by_role("button", name="Bied aan om te adviseren").click()
    page.wait_for_load_state("load")
    axe.check(page)
    advisorship = Advisorship.objects.get()
    assert advisorship.status == "proposed"

    # The lead accepts, in a browser of their own.
    lead_context = browser.new_context(
        java_script_enabled=page.context.javascript_enabled, locale="nl-NL"
    )
    lead_context.javascript_enabled = page.context.javascript_enabled
    lead_page = lead_context.new_page()
    lead_page.set_default_timeout(10_000)
    sign_in(lead_page, live_server, lead.email)
    lead_page.goto(live_server.url + waiting.get_absolute_url())
    axe.check(lead_page)
    assert "Ik bel je deze week." in lead_page.locator("main").inner_text()
    lead_page.get_by_role("link", name="Joost").click()
    axe.check(lead_page)
    lead_page.get_by_role("button", name="Accepteren").click()
    lead_page.wait_for_load_state("load")
    axe.check(lead_page)
    lead_context.close()
    advisorship.refresh_from_db()
    assert advisorship.status == "active"
    assert Initiative.objects.get(pk=waiting.pk).status == "active"

    # The advisor logs a contact.
    page.goto(live_server.url + f"/advies/{advisorship.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Contact opschrijven").click()
    axe.check(page)
    page.get_by_label("Hoe had je contact?").select_option("phone")
    page.get_by_label("Waar ging het over?").fill("Verzekering van vrijwilligers")
    page.get_by_label("Wat hebben jullie afgesproken?").fill("Polis opsturen")
    page.get_by_role("button", name="Contact bewaren").click()
    page.wait_for_load_state("load")
    axe.check(page)
    contact = Contact.objects.get()
    assert (contact.topic, contact.date) == ("Verzekering van vrijwilligers", timezone.localdate())
    assert "Verzekering van vrijwilligers" in page.locator("main").inner_text()
