"""Posting a malformed id or value anywhere gives a form error, a refusal or a 404,
never a server error: every URL, every principal, every field its page offers."""

import re

import pytest

from tests.factories import UserFactory
from tests.marktplein.test_permission_matrix import (
    MATRIX,
    ROLES,
    _client_for,
    admin_objects,  # noqa: F401  (fixtures used by name)
    examples,  # noqa: F401
    people,  # noqa: F401
)
from tests.marktplein.urlmatrix import all_routes

# Names that views read straight from the request, next to the fields their forms show.
ID_NAMES = [
    "advisor",
    "offer",
    "need",
    "membership",
    "initiative",
    "invitation",
    "role",
    "action",
    "status",
    "kind",
    "stage",
    "page",
    "theme",
    "themes",
    "neighbourhood",
    "neighbourhoods",
    "expertise_area",
    "expertise_areas",
    "next",
    "scheme",
    "year",
    "decision",
    "outcome",
    "approve",
]
# Not a number, a number too large for the database, a character PostgreSQL refuses.
MALFORMED = ["abc", "99999999999999999999", "\x00"]


def _field_names(html: str) -> set[str]:
    return set(re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', html))


@pytest.mark.parametrize("role", ROLES)
def test_malformed_values_never_give_a_server_error(role, people, examples, admin_objects):  # noqa: F811
    target = UserFactory()
    routes = {route.route for route in all_routes()}
    errors = []
    for route, cases in MATRIX.items():
        if route not in routes or "logout" in route:
            continue
        for path, _expected in cases if isinstance(cases, list) else [cases]:
            url = path.format(person=target.pk, **examples)
            client = _client_for(role, people)
            page = client.get(url)
            html = "" if page.streaming else page.content.decode(errors="replace")
            names = _field_names(html) - {"csrfmiddlewaretoken"}
            for value in MALFORMED:
                data = dict.fromkeys(sorted(names | set(ID_NAMES)), value)
                for method in (
                    (client.post, client.get) if value != MALFORMED[1] else (client.post,)
                ):
                    try:
                        response = method(url, data)
                    except Exception as error:  # the test client re-raises a view's exception
                        errors.append(f"{method.__name__.upper()} {url} {value!r}: {error!r}")
                        continue
                    if response.status_code >= 500:
                        errors.append(f"{method.__name__.upper()} {url} {value!r}: 500")
    assert errors == [], "\n".join(errors)
