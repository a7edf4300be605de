"""The open data API: what it serves, what it leaves out, its limit, and that every
endpoint keeps to its OpenAPI description (schemathesis, against the live server)."""

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.factories import (
    GrantFactory,
    InitiativeFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    ThemeFactory,
    UserFactory,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _json(client, url, **params):
    response = client.get(url, params, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_initiatives_carry_nothing_personal(client):
    lead = UserFactory(first_name="Sanne", email="sanne@example.org")
    initiative = InitiativeFactory(created_by=lead, title="Moestuin")
    MembershipFactory(initiative=initiative, user=UserFactory(first_name="Karim"))
    InitiativeFactory(draft=True, title="Not sent yet")
    InitiativeFactory(hidden=True, title="Hidden")
    data = _json(client, reverse("api:initiatives"))
    assert [item["title"] for item in data["results"]] == ["Moestuin"]
    text = json.dumps(data)
    for personal in ("Sanne", "Karim", "sanne@example.org"):
        assert personal not in text
    assert set(data["results"][0]) == {
        "id",
        "title",
        "summary",
        "status",
        "stage",
        "neighbourhood",
        "themes",
        "submitted_at",
        "url",
    }


def test_the_register_names_no_officer(client):
    officer = UserFactory(first_name="Pieter", grant_officer=True)
    GrantFactory(granted_by=officer)
    data = _json(client, reverse("api:register"))
    assert len(data["results"]) == 1
    assert "Pieter" not in json.dumps(data)


def test_the_figures_are_the_public_ones(client):
    InitiativeFactory.create_batch(2)
    data = _json(client, reverse("api:figure", args=["initiatives-by-status"]))
    assert data["rows"][0] == ["ingediend", "<5"]


def test_pages_go_on_with_a_cursor(client):
    place = NeighbourhoodFactory()
    InitiativeFactory.create_batch(60, neighbourhood=place)
    first = _json(client, reverse("api:initiatives"))
    assert len(first["results"]) == 50
    second = client.get(first["next"], HTTP_ACCEPT="application/json").json()
    assert len(second["results"]) == 10
    ids = [item["id"] for item in first["results"] + second["results"]]
    assert len(set(ids)) == 60


@pytest.fixture
def live_figures(settings):
    settings.MARKTPLEIN_DASHBOARD_PRECOMPUTE = False


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("root", []),
        ("figures", []),
        ("figure", ["fairness-by-neighbourhood"]),
        ("initiatives", []),
        ("register", []),
        ("schema", []),
    ],
)
def test_each_endpoint_takes_the_same_queries_at_n_and_2n(client, live_figures, name, args):
    theme = ThemeFactory()

    def grow(n):
        for initiative in InitiativeFactory.create_batch(n, neighbourhood=NeighbourhoodFactory()):
            initiative.themes.add(theme)
            GrantFactory(initiative=initiative)

    assert_queries_do_not_grow(client, reverse(f"api:{name}", args=args), grow, at_most=25)


def test_an_initiative_takes_the_same_queries_with_more_themes(client):
    initiative = InitiativeFactory()
    url = reverse("api:initiative", args=[initiative.pk])
    assert_queries_do_not_grow(
        client, url, lambda n: initiative.themes.add(*ThemeFactory.create_batch(n))
    )


def test_a_client_that_asks_too_often_is_told_to_wait(client, settings):
    settings.MARKTPLEIN_API_RATE = "3/minute"
    cache.clear()
    statuses = [client.get(reverse("api:root")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(reverse("api:root"))
    assert int(limited["Retry-After"]) > 0
    # Another client is not held up by the first.
    other = client.get(reverse("api:root"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    cache.clear()


@pytest.fixture
def live_api(live_server, transactional_db):
    for initiative in InitiativeFactory.create_batch(6, neighbourhood=NeighbourhoodFactory()):
        initiative.themes.add(ThemeFactory())
        GrantFactory(initiative=initiative)
    return live_server.url


def test_every_endpoint_keeps_to_its_openapi_description(live_api):
    schema = schemathesis.openapi.from_url(f"{live_api}/api/v1/schema/?format=json")
    checks = [not_a_server_error, response_schema_conformance, content_type_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in operations} == {
        "/api/v1/",
        "/api/v1/figures/",
        "/api/v1/figures/{key}/",
        "/api/v1/initiatives/",
        "/api/v1/initiatives/{id}/",
        "/api/v1/register/",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def keeps_to_it(case):
            response = case.call(base_url=live_api)
            case.validate_response(response, checks=checks)

        keeps_to_it()
