"""The main menu marks where you are (aria-current), not only on the home page."""

import re

import pytest

from tests.factories import InitiativeFactory, UserFactory


@pytest.mark.django_db
def test_the_menu_says_where_you_are(client):
    def current(url):
        page = client.get(url).content.decode()
        menu = page[page.index('aria-label="Hoofdmenu"') :]
        menu = menu[: menu.index("</nav>")]
        return re.findall(r'aria-current="(\w+)">([^<]+)</a>', menu)

    assert current("/") == [("page", "Voorpagina")]
    assert current("/initiatieven/") == [("page", "Initiatieven")]
    assert current(InitiativeFactory().get_absolute_url()) == [("true", "Initiatieven")]
    assert current("/cijfers/") == [("page", "Cijfers")]
    client.force_login(UserFactory())
    assert current("/initiatieven/mijn/") == [("page", "Mijn initiatieven")]


@pytest.mark.django_db
def test_the_accessibility_statement_follows_the_dutch_model(client, settings):
    settings.MARKTPLEIN_MUNICIPALITY_NAME = "gemeente Almere"
    settings.MARKTPLEIN_CONTACT_EMAIL = "marktplein@almere.example"
    text = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/toegankelijkheid/").content.decode())
    )
    for part in (
        "Gemeente Almere wil dat iedereen Marktplein kan gebruiken",
        "Status B: voldoet gedeeltelijk",
        "Datum van deze verklaring 25 november 2026",
        "Wat nog niet goed werkt",
        "marktplein@almere.example",
        "ombudsman",
    ):
        assert part in text


@pytest.mark.django_db
def test_the_kept_head_and_footer_follow_the_language(client, settings):
    """Both are kept per process ({% cache %}); the footer is kept once per language."""
    dutch = client.get("/privacy/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/privacy/").content.decode()
    assert "Privacyverklaring</a>" in dutch and "Privacy statement</a>" not in dutch
    assert "Privacy statement</a>" in english and "Privacyverklaring</a>" not in english
    for page in (dutch, english):
        assert '<link rel="stylesheet" href="/static/css/marktplein' in page
