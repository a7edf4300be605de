"""A resident registers an informal group, invites a neighbour, posts news with a
photo, and a partner's offer meets one of the needs."""

import re

import pytest

from herinneringen.dispatch import dispatch_due
from initiatieven.models import Initiative, Need
from tests.browser.conftest import sign_in
from tests.factories import NeighbourhoodFactory, OfferFactory, ThemeFactory, UserFactory
from tests.initiatieven.images import png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("load")


def submit(page):
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("load")


def test_register_invite_post_news_and_meet_a_need(page, axe, live_server, mailoutbox, tmp_path):
    NeighbourhoodFactory(name="De Wierden")
    ThemeFactory(name_nl="Groen", name_en="Green")
    sanne = UserFactory(first_name="Sanne", email="sanne@example.org")
    UserFactory(first_name="Ahmed", email="ahmed@example.org")
    offer = OfferFactory(vetted=True, title="Zaal in het wijkcentrum")

    sign_in(page, live_server, sanne.email)
    page.get_by_role("link", name="Mijn initiatieven").click()
    axe.check(page)
    page.get_by_role("link", name="Initiatief aanmelden").click()
    axe.check(page)
    page.get_by_label("Naam van je initiatief").fill("Moestuin De Wierden")
    page.get_by_label("Wat wil je doen?").fill("Een moestuin voor de straat.")
    page.get_by_label("In welke wijk?").select_option(label="De Wierden")
    page.get_by_label("Groen").check()
    assert page.get_by_label("een groep mensen, zonder organisatie").is_checked()
    submit(page)
    axe.check(page)

    page.get_by_label("Wat heb je nodig?").select_option("space")
    page.get_by_label("Zeg het in een paar woorden").fill("Een ruimte voor 20 mensen")
    submit(page)
    page.get_by_label("Wat heb je nodig?").select_option("materials")
    page.get_by_label("Zeg het in een paar woorden").fill("Schoppen en zaden")
    submit(page)
    axe.check(page)
    initiative = Initiative.objects.get()
    assert initiative.status == "draft" and initiative.needs.count() == 2

    # Leave, come back later and submit.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Mijn initiatieven").click()
    page.get_by_role("link", name="verder gaan").click()
    page.get_by_role("link", name="Verder: controleren en indienen").click()
    axe.check(page)
    page.get_by_role("button", name="Mijn initiatief indienen").click()
    page.wait_for_load_state("load")
    axe.check(page)
    initiative.refresh_from_db()
    assert initiative.status == "submitted"

    # Invite a neighbour, who joins after signing in.
    page.get_by_role("link", name="Leden beheren en mensen uitnodigen").click()
    axe.check(page)
    page.get_by_label("E-mailadres van de persoon die je uitnodigt").fill("ahmed@example.org")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.wait_for_load_state("load")
    dispatch_due()  # what the worker does: the invitation leaves the outbox
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mailoutbox[-1].body).group(0)
    sign_out(page)
    sign_in(page, live_server, "ahmed@example.org")
    page.goto(link)
    axe.check(page)
    page.get_by_role("button", name="Meedoen").click()
    page.wait_for_load_state("load")
    assert initiative.memberships.count() == 2

    # The new member posts news with a photo.
    page.get_by_role("link", name="Nieuws plaatsen").click()
    axe.check(page)
    photo = tmp_path / "tuin.png"
    photo.write_bytes(png().read())
    page.get_by_label("Je nieuws").fill("We hebben de eerste bonen geplant.")
    page.get_by_label(re.compile(r"^Foto 1 ")).set_input_files(str(photo))
    page.get_by_label("Wat staat er op foto 1?").fill("Bonen in de moestuin")
    page.get_by_role("button", name="Plaatsen").click()
    page.wait_for_load_state("load")
    axe.check(page)
    image = page.get_by_role("img", name="Bonen in de moestuin")
    assert image.is_visible()
    sign_out(page)

    # The lead asks for the partner's offer, then marks the need met.
    sign_in(page, live_server, sanne.email)
    page.goto(live_server.url + initiative.get_absolute_url())
    page.get_by_role("link", name="Vraag om aanbod voor: Een ruimte of plek").click()
    axe.check(page)
    page.get_by_label("Om welk aanbod wil je vragen?").select_option(label=offer.title)
    page.get_by_role("button", name="Vraag om dit aanbod").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Behoefte bijwerken: Een ruimte of plek").click()
    axe.check(page)
    page.get_by_label("geregeld", exact=True).check()
    page.get_by_label("een partner").check()
    page.get_by_label("Welk aanbod hielp?").select_option(label=offer.title)
    page.get_by_role("button", name="Bewaren").click()
    page.wait_for_load_state("load")
    axe.check(page)
    need = Need.objects.get(kind="space")
    assert (need.status, need.met_by, need.offer_id) == ("met", "partner", offer.pk)
    assert "dankzij een partner" in page.locator("main").inner_text()
