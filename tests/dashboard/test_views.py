import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from audit.models import AuditEvent
from dashboard import services
from dashboard.models import BudgetLine
from dashboard.tasks import refresh_figures_task
from tests.factories import (
    AdvisorshipFactory,
    GrantFactory,
    InitiativeFactory,
    NeedFactory,
    NeighbourhoodFactory,
    UserFactory,
    login_with_second_factor,
)
from tests.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

# Every figure is one query; the page adds the session, the user, the filter's lists.
AT_MOST = 30


def _grow(n):
    """Rows in every table the figures read: initiatives in new neighbourhoods, with
    an advisor, a need and a grant each."""
    for _ in range(n):
        initiative = InitiativeFactory(neighbourhood=NeighbourhoodFactory(), active=True)
        AdvisorshipFactory(initiative=initiative, active=True)
        NeedFactory(initiative=initiative)
        GrantFactory(initiative=initiative)
    BudgetLine.objects.create(
        year=2026, name=f"Line {BudgetLine.objects.count()}", kind="statutory", amount=1
    )


@pytest.fixture
def live_figures(settings):
    """Compute the unfiltered figures on every request, to count what that takes."""
    settings.MARKTPLEIN_DASHBOARD_PRECOMPUTE = False


def test_the_dashboard_takes_the_same_queries_at_n_and_2n(client, live_figures):
    login_with_second_factor(client, UserFactory(alderman=True))
    assert_queries_do_not_grow(client, reverse("dashboard:dashboard"), _grow, at_most=AT_MOST)


def test_the_filtered_dashboard_takes_the_same_queries_at_n_and_2n(client):
    login_with_second_factor(client, UserFactory(alderman=True))
    place = NeighbourhoodFactory()
    url = reverse("dashboard:dashboard") + f"?year=2026&neighbourhood={place.pk}"
    assert_queries_do_not_grow(client, url, _grow, at_most=AT_MOST)


def test_the_public_figures_take_the_same_queries_at_n_and_2n(client, live_figures):
    assert_queries_do_not_grow(client, reverse("dashboard:public"), _grow, at_most=AT_MOST)


def test_without_a_filter_the_figures_come_precomputed(client):
    InitiativeFactory.create_batch(6)
    assert refresh_figures_task() == 2  # Dutch and English
    InitiativeFactory.create_batch(5)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("dashboard:public")).content.decode()
    assert "6 initiatieven zijn naar de gemeente gestuurd" in page
    # The page reads the figures from the cache: no figure's query runs.
    assert not [q for q in queries.captured_queries if "initiatieven_initiative" in q["sql"]]
    # A filter computes them as they are asked for.
    filtered = client.get(reverse("dashboard:public"), {"year": timezone.localdate().year})
    assert "11 initiatieven zijn naar de gemeente gestuurd" in filtered.content.decode()
    refresh_figures_task()
    page = client.get(reverse("dashboard:public")).content.decode()
    assert "11 initiatieven zijn naar de gemeente gestuurd" in page
    assert "elke 10 minuten" in page


def test_a_figure_downloads_as_safe_csv(client):
    place = NeighbourhoodFactory(name='=HYPERLINK("http://evil.example")', population=1000)
    for _ in range(5):
        InitiativeFactory(neighbourhood=place)
    response = client.get(reverse("dashboard:public_csv", args=["fairness-by-neighbourhood"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Wijk"
    assert rows[1][:4] == ['\'=HYPERLINK("http://evil.example")', "1000", "5", "5.0"]


def test_the_public_csv_leaves_out_small_numbers_too(client):
    InitiativeFactory.create_batch(2)
    response = client.get(reverse("dashboard:public_csv", args=["initiatives-by-status"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["ingediend", "<5"]
    login_with_second_factor(client, UserFactory(alderman=True))
    response = client.get(reverse("dashboard:figure_csv", args=["initiatives-by-status"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["ingediend", "2"]


def test_the_page_filters_without_javascript(client):
    in_place, elsewhere = NeighbourhoodFactory(name="Haven"), NeighbourhoodFactory(name="Stad")
    InitiativeFactory.create_batch(6, neighbourhood=in_place)
    InitiativeFactory.create_batch(7, neighbourhood=elsewhere)
    page = client.get(reverse("dashboard:public"), {"neighbourhood": in_place.pk}).content
    assert b"6 initiatieven zijn naar de gemeente gestuurd" in page
    bad = client.get(reverse("dashboard:public"), {"year": "1800"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "<title>Fout: Cijfers" in page
    assert page.count("Kies een jaar uit de lijst.") == 2  # in the summary and at the field


def test_the_dashboard_shows_a_chart_with_a_text_alternative_and_a_table(client):
    login_with_second_factor(client, UserFactory(alderman=True))
    InitiativeFactory.create_batch(3, active=True)
    page = client.get(reverse("dashboard:dashboard")).content.decode()
    assert 'role="img" aria-labelledby="initiatives-by-status-chart-title' in page
    assert '<desc id="initiatives-by-status-chart-desc">' in page
    assert "actief: 3" in page
    assert '<caption class="utrecht-table__caption" id="initiatives-by-status-caption">' in page


# Budget lines --------------------------------------------------------------------


def _data(**overrides):
    values = {"year": 2026, "name": "Youth care", "kind": "statutory", "amount": Decimal("10")}
    return services.BudgetLineData(**{**values, **overrides})


def test_only_an_administrator_keeps_budget_lines():
    with pytest.raises(PermissionDenied):
        services.budget_line_save(data=_data(), actor=UserFactory(alderman=True))
    administrator = UserFactory(administrator=True)
    line = services.budget_line_save(data=_data(), actor=administrator)
    services.budget_line_save(data=_data(amount=Decimal("12")), actor=administrator, line=line)
    (added, changed) = AuditEvent.objects.filter(action__startswith="budget_line").order_by("pk")
    assert (added.action, changed.action) == ("budget_line.added", "budget_line.changed")
    assert (changed.before, changed.after) == ({"amount": "10.00"}, {"amount": "12.00"})
    services.budget_line_delete(line=line, actor=administrator)
    assert not BudgetLine.objects.exists()
    assert AuditEvent.objects.filter(action="budget_line.deleted").exists()


def test_a_second_line_with_the_same_name_in_a_year_is_refused_in_words():
    administrator = UserFactory(administrator=True)
    services.budget_line_save(data=_data(), actor=administrator)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.budget_line_save(data=_data(), actor=administrator)
    assert refused.value.messages == ["There is already a budget line with this name in 2026."]


def test_the_budget_form_keeps_what_was_typed_and_says_what_is_wrong(client):
    login_with_second_factor(client, UserFactory(administrator=True))
    response = client.post(
        reverse("dashboard:budget_lines"),
        {"year": "1800", "name": "Sport", "kind": "influenceable", "amount": "1.250,50"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul een jaar in van 2000 tot 2100." in page
    assert 'value="Sport"' in page
    response = client.post(
        reverse("dashboard:budget_lines"),
        {"year": "2026", "name": "Sport", "kind": "influenceable", "amount": "1.250,50"},
    )
    assert response.status_code == 302
    assert BudgetLine.objects.get().amount == Decimal("1250.50")


def test_the_public_page_and_the_api_list_leave_out_small_numbers(client):
    InitiativeFactory.create_batch(2)
    page = client.get(reverse("dashboard:public")).content.decode()
    assert "minder dan 5" in page
    data = client.get(reverse("api:figures"), HTTP_ACCEPT="application/json").json()
    status = next(figure for figure in data["results"] if figure["key"] == "initiatives-by-status")
    assert status["rows"][0] == ["ingediend", "<5"]
