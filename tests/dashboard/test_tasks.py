"""The beat task computes the unfiltered figures on a real Celery worker, and the page
then reads them from the shared cache (Redis)."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from dashboard.figures import _precomputed_key
from dashboard.tasks import refresh_figures_task
from tests.factories import InitiativeFactory

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_computes_the_figures_the_page_reads(client, workers):
    InitiativeFactory.create_batch(7)
    workers("dashboard")
    refresh_figures_task.delay()
    deadline = time.monotonic() + 60
    while cache.get(_precomputed_key("nl")) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    figures = cache.get(_precomputed_key("nl"))
    assert figures is not None, "the worker did not compute the figures in time"
    status = next(figure for figure in figures if figure.key == "initiatives-by-status")
    assert status.rows[0][1] == 7
    InitiativeFactory.create_batch(2)  # after the computation: not on the page yet
    page = client.get(reverse("dashboard:public")).content.decode()
    assert "7 initiatieven zijn naar de gemeente gestuurd" in page
