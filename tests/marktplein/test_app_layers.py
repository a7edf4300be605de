"""The apps form layers without a cycle: reference data and accounts know no domain app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = {"initiatieven", "ambtenaren", "subsidies", "herinneringen", "dashboard", "regels"}
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
