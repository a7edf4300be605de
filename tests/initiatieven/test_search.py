"""Searching initiatives: Dutch inflections, relevance, an exact title first, and an
index that serves it (a lost index fails here)."""

import pytest
from django.db import connection
from django.urls import reverse

from initiatieven import selectors
from initiatieven.models import Initiative
from tests import plans
from tests.factories import InitiativeFactory, NeighbourhoodFactory, UserFactory
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _titles(text):
    return [i.title for i in selectors.initiatives_matching(Initiative.objects.all(), text)]


def test_a_search_finds_dutch_inflections():
    InitiativeFactory(title="Moestuin De Wierden", summary="Groente voor de straat.")
    InitiativeFactory(title="Bomen in de straat", summary="Elk jaar een buurtfeest.")
    assert _titles("moestuinen") == ["Moestuin De Wierden"]
    assert _titles("boom") == ["Bomen in de straat"]
    assert _titles("buurtfeesten") == ["Bomen in de straat"]
    assert _titles("voetbal") == []


def test_the_exact_title_comes_first_then_title_words_before_summary_words():
    InitiativeFactory(title="Buurtkast", summary="Een moestuin bij de kast.")
    InitiativeFactory(title="Moestuin in het park", summary="Groente.")
    InitiativeFactory(title="Moestuin", summary="Groente.")
    assert _titles("moestuin") == ["Moestuin", "Moestuin in het park", "Buurtkast"]


def test_the_list_searches_and_keeps_its_query_count(client):
    def grow(n):
        InitiativeFactory.create_batch(n, title="Moestuin", summary="Groente.")
        InitiativeFactory.create_batch(n, title="Voetbal", summary="Sport.")

    url = reverse("initiatieven:list") + "?q=moestuinen"
    assert_queries_do_not_grow(client, url, grow)
    page = client.get(url)
    assert {i.title for i in page.context["initiatives"]} == {"Moestuin"}


def test_a_search_that_finds_nothing_says_so(client):
    InitiativeFactory(title="Moestuin", summary="Groente voor de straat.")
    for words in ("fietsenmaker", "fietsenmaker moestuin"):
        response = client.get(reverse("initiatieven:list"), {"q": words})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Geen initiatief past hierbij." in page
        assert 'class="marktplein-card"' not in page


def test_the_search_reads_through_its_index():
    InitiativeFactory.create_batch(3)
    queryset = selectors.initiatives_matching(Initiative.objects.all(), "moestuin")
    plan = plans.plan(queryset)
    assert "initiative_search_vector" in plan


def test_a_deep_page_takes_the_same_queries_and_loads_only_its_own_cards(client):
    def grow(n):
        InitiativeFactory.create_batch(15 * n)

    url = reverse("initiatieven:list") + "?page=2"
    assert_queries_do_not_grow(client, url, grow)
    page = client.get(url)
    assert len(page.context["initiatives"]) == 20
    assert page.context["page"].number == 2


def test_the_lists_count_and_page_read_through_the_list_index():
    InitiativeFactory.create_batch(3)
    queryset = selectors.initiatives_for_list().values_list("pk", flat=True)[20:40]
    plan = plans.plan(queryset)
    assert "initiative_public_list" in plan, plan


def test_a_long_list_is_counted_up_to_a_cap_and_says_more_than(client, settings):
    settings.MARKTPLEIN_LIST_COUNT_CAP = 25
    InitiativeFactory.create_batch(30)
    page = client.get(reverse("initiatieven:list")).content.decode()
    assert "Meer dan 25 initiatieven gevonden" in page
    assert "Pagina 1 van meer dan 2" in page
    assert client.get(reverse("initiatieven:list"), {"page": 9}).context["page"].number == 2
    settings.MARKTPLEIN_LIST_COUNT_CAP = 30
    page = client.get(reverse("initiatieven:list")).content.decode()
    assert "30 initiatieven gevonden" in page
    assert "Pagina 1 van 2<" in page


def test_the_count_stops_at_the_cap(settings):
    from django.test.utils import CaptureQueriesContext

    from marktplein.paging import CappedPaginator

    InitiativeFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        assert CappedPaginator(selectors.initiatives_for_list(), 20, cap=2).count == 2
    count = queries.captured_queries[-1]["sql"]
    assert "LIMIT 3" in count
    assert "ORDER BY" not in count


def test_the_list_pages_a_search_in_the_order_of_its_relevance(client, settings):
    """The list reads a search tier by tier; page after page it gives the order of
    `initiatives_matching`: the exact title, then title words, then summary words,
    newest first within each."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for n in range(12):
        InitiativeFactory(
            title=f"Buurt {n}", summary="Een moestuin.", submitted_at=now - timedelta(days=n)
        )
        InitiativeFactory(
            title=f"Moestuinen {n}", summary="Groente.", submitted_at=now - timedelta(days=2 * n)
        )
    InitiativeFactory(title="Moestuin", summary="Groente.", submitted_at=now - timedelta(days=30))
    InitiativeFactory(title="Voetbal", summary="Sport.")
    url = reverse("initiatieven:list")
    shown = []
    for number in (1, 2):
        shown += [
            i.title
            for i in client.get(url, {"q": "moestuin", "page": number}).context["initiatives"]
        ]
    assert shown == _titles("moestuin")
    assert shown[:2] == ["Moestuin", "Moestuinen 0"] and shown[-1] == "Buurt 11"


def test_a_search_page_reads_its_tiers_through_their_indexes():
    """The exact title from its index; a word that many summaries hold but few titles
    from the index of the titles' words (which also tells the planner that it is rare
    in titles, so it does not walk the whole list for it)."""
    from datetime import timedelta

    from django.utils import timezone

    place, lead = NeighbourhoodFactory(), UserFactory()
    Initiative.objects.bulk_create(
        Initiative(
            title="Moestuin aan de dijk" if n % 200 == 0 else f"Buurtkast {n}",
            summary="Met een moestuin.",
            neighbourhood=place,
            status="submitted",
            submitted_at=timezone.now() - timedelta(hours=n),
            created_by=lead,
        )
        for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE initiatieven_initiative")
    matches = selectors.initiatives_matching(selectors.initiatives_for_list(), "moestuin")
    (page,) = plans.plans_of(lambda: selectors._SearchOrder(matches, "moestuin")[0:20])
    assert "initiative_title_upper" in page, page
    assert "initiative_title_words" in page, page
    assert "Seq Scan" not in page, page
