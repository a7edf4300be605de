"""A coordinator gets the "not answered" notification, opens it, answers the
initiative, and the pending reminder for it is cancelled."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from herinneringen import dispatch, rules
from herinneringen.models import Reminder
from tests.browser.conftest import sign_in
from tests.factories import InitiativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_loket_is_reminded_opens_the_notification_answers_and_the_next_is_cancelled(
    page, axe, live_server, settings
):
    settings.MARKTPLEIN_FIRST_RESPONSE_TARGET_DAYS = 5
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed as the 30-second window turns still counts
    coordinator = UserFactory(coordinator=True, email="loket@gemeente.example")
    initiative = InitiativeFactory(
        title="Repaircafé Haven", submitted_at=timezone.now() - timedelta(days=12)
    )
    rules.run_all()
    dispatch.dispatch_due()
    later = Reminder.objects.get(status="pending")  # twice the target: not due yet

    sign_in(page, live_server, coordinator.email, code_at=time.time())
    axe.check(page)
    page.get_by_role("link", name="Meldingen 1 ongelezen").click()
    axe.check(page)
    assert (
        "Repaircafé Haven wacht al 5 werkdagen op een antwoord"
        in page.locator("main").inner_text()
    )
    notification = page.locator("li", has_text="Repaircafé Haven wacht al 5 werkdagen")
    notification.get_by_role("button", name="Open", exact=False).first.click()
    page.wait_for_load_state("load")
    axe.check(page)
    assert page.url.endswith(f"/werkplek/loket/{initiative.pk}/")
    page.get_by_label("Je bericht aan het initiatief").fill("Welkom! Ik bel je morgen.")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_load_state("load")
    axe.check(page)

    later.refresh_from_db()
    assert later.status == "cancelled"
    page.goto(live_server.url + "/meldingen/")
    axe.check(page)
    assert page.get_by_role("link", name="Meldingen", exact=True).count() == 1  # no badge
