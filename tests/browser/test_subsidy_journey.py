"""A lead of an informal group applies with three goals; a grant officer grants less,
with a reason; the lead reports, one goal partly reached and an outcome that was never
a goal; the grant officer answers with a conversation, then accepts the final report and
settles the grant; the public register shows it."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from initiatieven.models import Initiative
from subsidies.models import Application, Grant, Report
from tests.browser.conftest import sign_in
from tests.factories import InitiativeFactory, SubsidySchemeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _second_browser(browser, page):
    context = browser.new_context(
        java_script_enabled=page.context.javascript_enabled, locale="nl-NL"
    )
    context.javascript_enabled = page.context.javascript_enabled
    other = context.new_page()
    other.set_default_timeout(10_000)
    return other


def _report(page, axe, results, other="", spent=None):
    """Fill one report: for each goal a result and an explanation, then send it."""
    for number, (result, explanation) in enumerate(results, 1):
        goal = page.locator("fieldset", has_text=f"Doel {number}:")
        goal.get_by_label(result, exact=True).check()
        goal.get_by_label("Leg uit").fill(explanation)
    if other:
        page.get_by_label("Wat heb je bereikt dat nooit een doel was?").fill(other)
    if spent:
        page.get_by_label("Hoeveel geld heb je uitgegeven?").fill(spent)
    page.get_by_role("button", name="Bewaar en verstuur").click()
    page.wait_for_load_state("load")
    axe.check(page)


def test_apply_grant_less_report_talk_settle_and_publish(
    page, axe, live_server, browser, settings
):
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed as the 30-second window turns still counts
    lead = UserFactory(first_name="Sanne", email="sanne@example.org")
    initiative = InitiativeFactory(
        title="Moestuin De Wierden",
        created_by=lead,
        organisation=Initiative.Organisation.INFORMAL_GROUP,
    )
    SubsidySchemeFactory(name="Buurtbudget", year=2026, budget=Decimal("50000"))
    officer = UserFactory(grant_officer=True, first_name="Pieter", email="pieter@gemeente.example")
    today = timezone.localdate()

    # The lead applies with three goals; the budget adds up; the group has no treasurer yet.
    sign_in(page, live_server, lead.email)
    page.goto(live_server.url + initiative.get_absolute_url())
    axe.check(page)
    page.get_by_role("link", name="Vraag subsidie aan").click()
    axe.check(page)
    page.get_by_label("Voor welke regeling vraag je aan?").select_option(label="Buurtbudget 2026")
    page.get_by_label("Hoeveel geld vraag je?").fill("1.500")
    page.get_by_label("Wat doet je groep zelf?").fill("Tien buren helpen elke zaterdag.")
    for number, (what, amount) in enumerate(
        [("Planten en zaden", "600"), ("Gereedschap", "500"), ("Hek", "400")], 1
    ):
        line = page.locator("fieldset", has_text=f"Kostenregel {number}")
        line.get_by_label("Waarvoor").fill(what)
        line.get_by_label("Bedrag").fill(amount)
    goals = ["20 buren doen mee", "Een tuin van 50 m2", "Elke maand een oogstfeest"]
    for number, goal in enumerate(goals, 1):
        page.locator("fieldset", has_text=f"Doel {number}").get_by_label("Doel").fill(goal)
    page.get_by_role("button", name="Bewaar het concept").click()
    page.wait_for_load_state("load")
    axe.check(page)
    assert "€\xa01.500,00" in page.locator("main").inner_text()
    assert "Noem eerst een penvoerder" in page.locator("main").inner_text()
    page.get_by_role("link", name="Noem een penvoerder op de pagina met leden").click()
    axe.check(page)
    page.get_by_role("button", name="Maak Sanne penvoerder").click()
    page.wait_for_load_state("load")
    application = Application.objects.get()
    page.goto(live_server.url + application.get_absolute_url())
    page.get_by_role("button", name="Verstuur de aanvraag").click()
    page.wait_for_load_state("load")
    axe.check(page)
    application.refresh_from_db()
    assert application.status == "submitted"

    # The grant officer grants less, with a reason, and an interim report.
    desk = _second_browser(browser, page)
    sign_in(desk, live_server, officer.email, code_at=time.time())
    desk.goto(live_server.url + "/werkplek/subsidies/aanvragen/")
    axe.check(desk)
    desk.get_by_role("link", name="Moestuin De Wierden").click()
    axe.check(desk)
    desk.get_by_label("Bedrag dat je toekent").fill("1.200")
    desk.get_by_label("Reden").fill("Gereedschap kun je lenen bij de gemeentewerf.")
    desk.get_by_label("Eerste tussentijdse verantwoording uiterlijk op").fill(
        (today + timedelta(days=30)).isoformat()
    )
    desk.get_by_label("Eindverantwoording uiterlijk op").fill(
        (today + timedelta(days=120)).isoformat()
    )
    desk.get_by_role("button", name="Toekennen").click()
    desk.wait_for_load_state("load")
    axe.check(desk)
    grant = Grant.objects.get()
    assert grant.amount == Decimal("1200.00")
    assert [g.description for g in grant.goals.all()] == goals

    # The lead sees the decision and its reason, and writes the interim report.
    page.goto(live_server.url + initiative.get_absolute_url())
    page.get_by_role("link", name="Je aanvragen en subsidies").click()
    axe.check(page)
    page.get_by_role("link", name="Subsidie uit Buurtbudget 2026").click()
    axe.check(page)
    main = page.locator("main").inner_text()
    assert "Gereedschap kun je lenen bij de gemeentewerf." in main
    assert "€\xa01.200,00" in main
    page.get_by_role("link", name="Tussentijdse verantwoording").click()
    axe.check(page)
    _report(
        page,
        axe,
        [
            ("gehaald", "Er doen 24 buren mee."),
            ("deels gehaald", "De tuin is 30 m2: de rest is te nat."),
            ("gehaald", "In september was het eerste feest."),
        ],
        other="Kinderen van de school komen elke week kijken.",
    )
    assert Report.objects.get(kind="interim").status == "submitted"

    # The grant officer answers with a conversation.
    desk.goto(live_server.url + "/werkplek/subsidies/verantwoordingen/")
    axe.check(desk)
    desk.get_by_role("link", name="Moestuin De Wierden").click()
    axe.check(desk)
    assert "deels gehaald" in desk.locator("main").inner_text().lower()
    desk.get_by_label("laten we praten").check()
    desk.get_by_label("Bericht aan de groep").fill("Mooi! Zullen we praten over het natte deel?")
    desk.get_by_label("Voorgestelde datum voor een gesprek").fill(
        (today + timedelta(days=7)).isoformat()
    )
    desk.get_by_role("button", name="Bewaar de beoordeling").click()
    desk.wait_for_load_state("load")
    axe.check(desk)
    assert Report.objects.get(kind="interim").status == "conversation"

    # The lead reads it, answers, and sends the final report.
    page.goto(live_server.url + Report.objects.get(kind="interim").get_absolute_url())
    axe.check(page)
    assert "Zullen we praten over het natte deel?" in page.locator("main").inner_text()
    page.get_by_label("Je antwoord").fill("Dinsdag past ons goed.")
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    page.wait_for_load_state("load")
    page.goto(live_server.url + grant.get_absolute_url())
    page.get_by_role("link", name="Eindverantwoording").click()
    axe.check(page)
    _report(
        page,
        axe,
        [
            ("gehaald", "30 buren."),
            ("gehaald", "Nu 50 m2."),
            ("gehaald", "Vier feesten."),
        ],
        spent="1.150",
    )

    # The grant officer accepts the final report and settles at what was spent.
    desk.goto(live_server.url + Report.objects.get(kind="final").get_absolute_url())
    desk.get_by_role("link", name="Beoordeel deze verantwoording").click()
    axe.check(desk)
    desk.get_by_label("goedgekeurd").check()
    desk.get_by_role("button", name="Bewaar de beoordeling").click()
    desk.wait_for_load_state("load")
    axe.check(desk)
    assert desk.get_by_label("Definitief bedrag").input_value() == "1150,00"
    desk.get_by_role("button", name="Vaststellen").click()
    desk.wait_for_load_state("load")
    axe.check(desk)
    grant.refresh_from_db()
    assert (grant.status, grant.settled_amount) == ("settled", Decimal("1150.00"))
    history = desk.locator("main").inner_text()
    assert "Subsidie vastgesteld" in history and "Subsidie gegeven" in history

    # Anyone reads it in the register.
    desk.context.close()
    page.goto(live_server.url + "/subsidies/")
    axe.check(page)
    row = page.locator("main table tbody tr", has_text="Moestuin De Wierden")
    assert "€\xa01.500,00" in row.inner_text()
    assert "€\xa01.200,00" in row.inner_text()
    assert "€\xa01.150,00" in row.inner_text()
