"""A coordinator proposes an advisor with a reason and writes to the group; the lead
reads both on the initiative and answers in the conversation, also on a phone."""

import time

import pytest

from ambtenaren.models import Advisorship
from gesprekken.models import Message
from herinneringen.models import Reminder
from tests.browser.conftest import sign_in
from tests.factories import AdvisorProfileFactory, InitiativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_proposes_an_advisor_and_the_lead_answers_in_the_conversation(
    page, axe, live_server, browser
):
    lead = UserFactory(first_name="Sanne", email="sanne@example.org")
    initiative = InitiativeFactory(title="Repaircafé Haven", created_by=lead)
    coordinator = UserFactory(
        coordinator=True, first_name="Mira", email="loket@gemeente.example", phone="020 1234567"
    )
    coordinator.shows_phone = True
    coordinator.save()
    AdvisorProfileFactory(
        user=UserFactory(civil_servant=True, first_name="Joost", email="joost@gemeente.example")
    )

    # The coordinator proposes Joost with a reason, and writes to the group.
    sign_in(page, live_server, coordinator.email, code_at=time.time())
    page.goto(f"{live_server.url}/werkplek/loket/{initiative.pk}/")
    axe.check(page)
    card = page.locator("article", has_text="Joost")
    card.get_by_label("Waarom deze ambtenaar?").fill("Joost kent de regels voor reparaties.")
    card.get_by_role("button", name="Vraag Joost").click()
    page.wait_for_load_state("load")
    axe.check(page)
    advisorship = Advisorship.objects.get()
    assert advisorship.reason == "Joost kent de regels voor reparaties."
    page.goto(f"{live_server.url}/werkplek/loket/{initiative.pk}/")
    page.get_by_role("link", name="Gesprek met het initiatief").click()
    axe.check(page)
    page.get_by_label("Je bericht").fill("Welkom! Joost belt jullie deze week.")
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_load_state("load")
    axe.check(page)
    assert "Joost belt jullie deze week." in page.locator("main").inner_text()

    # The lead reads the step and its reason, then answers in the conversation.
    lead_context = browser.new_context(
        java_script_enabled=page.context.javascript_enabled,
        locale="nl-NL",
        viewport={"width": 320, "height": 800},
    )
    lead_context.javascript_enabled = page.context.javascript_enabled
    lead_page = lead_context.new_page()
    lead_page.set_default_timeout(10_000)
    sign_in(lead_page, live_server, lead.email)
    lead_page.goto(live_server.url + initiative.get_absolute_url())
    axe.check(lead_page)
    municipality = lead_page.locator("section", has_text="De gemeente").first.inner_text()
    assert "Joost" in municipality
    assert "Joost kent de regels voor reparaties." in municipality
    lead_page.get_by_role("link", name="Schrijf de gemeente en jullie adviseurs").click()
    axe.check(lead_page)
    main = lead_page.locator("main").inner_text()
    assert "Welkom! Joost belt jullie deze week." in main
    assert "Mira (coördinator van de gemeente) · 020 1234567" in main
    # An empty message is refused at the field, with the focus on the error summary.
    lead_page.get_by_label("Je bericht").fill("   ")
    lead_page.get_by_role("button", name="Versturen").click()
    lead_page.wait_for_load_state("load")
    axe.check(lead_page)
    assert lead_page.title().startswith("Fout:")
    assert not Message.objects.filter(author=lead).exists()
    lead_page.get_by_label("Je bericht").fill("Dank je! Dinsdag kan ik.")
    lead_page.get_by_role("button", name="Versturen").click()
    lead_page.wait_for_load_state("load")
    axe.check(lead_page)
    assert "Je bericht is verstuurd." in lead_page.locator("main").inner_text()
    width = lead_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the conversation is {width} px wide at 320 px"
    lead_context.close()

    answer = Message.objects.get(author=lead)
    assert answer.body == "Dank je! Dinsdag kan ik."
    assert Reminder.objects.filter(
        kind="conversation_message", recipient=coordinator, dedup_key__contains=f":{answer.pk}:"
    ).exists()
