"""The apps form layers without a cycle: reference data and accounts know no domain app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = {
    "initiatieven",
    "ambtenaren",
    "subsidies",
    "herinneringen",
    "gesprekken",
    "dashboard",
    "regels",
}
PLATFORM_APPS = {"accounts", "audit", "marktplein", *DOMAIN_APPS}


def _imported_apps(app: str) -> set[str]:
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("app", "must_not_know"),
    [
        ("basisgegevens", PLATFORM_APPS - {"marktplein"}),
        ("accounts", DOMAIN_APPS),
        ("audit", DOMAIN_APPS),
    ],
)
def test_a_lower_app_imports_no_app_above_it(app, must_not_know):
    assert _imported_apps(app) & must_not_know == set()


@pytest.mark.django_db
def test_the_download_holds_what_the_domain_apps_keep_about_the_person(client):
    from tests.factories import AdvisorshipFactory, InitiativeFactory, SupportFactory, UserFactory

    person = UserFactory()
    InitiativeFactory(created_by=person, title="Moestuin")
    SupportFactory(user=person, initiative=InitiativeFactory(title="Repair café"))
    client.force_login(person)
    data = client.get("/mijn-gegevens/download/").json()
    assert data["initiatives"][0]["initiative"] == "Moestuin"
    assert data["supports"] == ["Repair café"]
    advisor = AdvisorshipFactory(active=True).advisor.user
    client.force_login(advisor)
    assert client.get("/mijn-gegevens/download/").json()["advisorships"][0]["status"] == "active"


@pytest.mark.django_db
def test_the_download_and_the_page_hold_everything_about_the_person(client):
    from ambtenaren.models import Contact
    from herinneringen.services import preference_set
    from initiatieven.models import OfferRequest
    from tests.factories import (
        AdvisorProfileFactory,
        AdvisorshipFactory,
        InitiativeFactory,
        InvitationFactory,
        NeedFactory,
        OfferFactory,
        UpdateFactory,
        UserFactory,
    )

    person = UserFactory(civil_servant=True, first_name="Joost")
    initiative = InitiativeFactory(created_by=person, title="Moestuin")
    need = NeedFactory(initiative=initiative, description="A shed for the tools")
    UpdateFactory(initiative=initiative, author=person, body="<p>First beans!</p>")
    InvitationFactory(initiative=initiative, invited_by=person, email="karim@example.org")
    OfferRequest.objects.create(offer=OfferFactory(vetted=True), need=need, requested_by=person)
    advisorship = AdvisorshipFactory(
        advisor=AdvisorProfileFactory(user=person), active=True, reason="Knows permits."
    )
    Contact.objects.create(
        advisorship=advisorship, date="2026-11-20", channel="phone", topic="Permit for the shed"
    )
    preference_set(user=person, kind="initiative_news", delivery="digest")
    client.force_login(person)
    data = client.get("/mijn-gegevens/download/").json()
    assert data["initiatives_started"][0]["needs"][0]["description"] == "A shed for the tools"
    assert data["news_written"][0]["text"] == "<p>First beans!</p>"
    assert data["invitations_sent"][0]["email"] == "karim@example.org"
    assert data["offer_requests"][0]["need"] == "A shed for the tools"
    contact = data["advisorships"][0]["contacts"][0]
    assert contact["topic"] == "Permit for the shed"
    assert data["message_preferences"] == {"initiative_news": "digest"}
    page = client.get("/mijn-gegevens/bekijken/").content.decode()
    for words in (
        "Initiatieven die je bent begonnen",
        "A shed for the tools",
        "Permit for the shed",
    ):
        assert words in page
