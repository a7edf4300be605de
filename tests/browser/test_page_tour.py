"""Every main page that the journeys do not pass, checked with axe (and, with
JavaScript off, for carrying no script)."""

import time

import pytest

from accounts.models import Role, RoleAssignment
from tests.browser.conftest import sign_in
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    InitiativeFactory,
    NeedFactory,
    OfferFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_main_pages_of_every_role_pass_axe(page, axe, live_server, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    # One person with every municipal role and the partner role, to reach every page.
    person = UserFactory(administrator=True, email="alles@gemeente.example")
    for role in (Role.CIVIL_SERVANT, Role.COORDINATOR, Role.PARTNER, Role.ALDERMAN):
        RoleAssignment.objects.create(user=person, role=role, reason="Test.")
    profile = AdvisorProfileFactory(user=person)
    initiative = InitiativeFactory(created_by=person)
    NeedFactory(initiative=initiative)
    advisorship = AdvisorshipFactory(advisor=profile, active=True)
    offer = OfferFactory(partner=person)
    vetted = OfferFactory(vetted=True)

    sign_in(page, live_server, person.email, code_at=time.time())
    assert "/werkplek/" in page.url

    paths = [
        "/werkplek/",
        "/mijn-gegevens/",
        "/mijn-gegevens/verwijderen/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/beheer/gebruikers/",
        f"/beheer/gebruikers/{person.pk}/",
        "/beheer/logboek/",
        "/initiatieven/",
        "/initiatieven/?need=space&q=Initiative",
        f"/initiatieven/{initiative.pk}/",
        f"/initiatieven/{initiative.pk}/bewerken/",
        f"/initiatieven/{initiative.pk}/leden/",
        f"/initiatieven/{initiative.pk}/adviseurs/",
        f"/initiatieven/{initiative.pk}/moderatie/",
        f"/initiatieven/{initiative.pk}/afsluiten/",
        f"/initiatieven/{initiative.pk}/behoeften/",
        f"/initiatieven/{initiative.pk}/nieuws/",
        "/aanbod/",
        f"/aanbod/{vetted.pk}/",
        "/aanbod/nieuw/",
        "/aanbod/mijn/",
        "/aanbod/controleren/",
        f"/aanbod/{offer.pk}/controleren/",
        "/werkplek/profiel/",
        "/werkplek/mijn-advies/",
        "/werkplek/suggesties/",
        "/werkplek/loket/",
        f"/advies/{advisorship.pk}/",
        f"/advies/{advisorship.pk}/contact/",
        "/gesprekken/",
        f"/initiatieven/{initiative.pk}/gesprek/",
        "/mijn-gegevens/contact/",
        "/mijn-gegevens/bekijken/",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        axe.check(page)


def test_the_error_pages_pass_axe(page, axe, live_server):
    resident = UserFactory()
    page.goto(live_server.url + "/initiatieven/999999/")
    assert page.get_by_role("heading", level=1).inner_text() == "We kunnen deze pagina niet vinden"
    axe.check(page)
    sign_in(page, live_server, resident.email)
    response = page.goto(live_server.url + "/werkplek/")
    assert response.status == 403
    assert "geen toegang" in page.get_by_role("heading", level=1).inner_text()
    axe.check(page)
