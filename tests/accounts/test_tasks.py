"""A real Celery worker, on the test Redis, runs a real task against PostgreSQL."""

import time
from datetime import timedelta

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.utils import timezone

from accounts.models import User
from accounts.tasks import purge_unverified_accounts_task
from marktplein.celery import app
from tests.factories import UserFactory


@pytest.fixture(scope="module")
def celery_worker_thread():
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10
    ):
        yield


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_purges_unverified_accounts(celery_worker_thread, settings):
    with time_machine.travel(timezone.now() - timedelta(days=30)):
        stale = UserFactory(unverified=True)
    fresh = UserFactory(unverified=True)
    verified = UserFactory()

    result = purge_unverified_accounts_task.delay()

    assert not isinstance(result, EagerResult)  # it went through Redis to the worker
    deadline = timezone.now() + timedelta(seconds=20)
    while User.objects.filter(pk=stale.pk).exists() and timezone.now() < deadline:
        time.sleep(0.1)
    assert not User.objects.filter(pk=stale.pk).exists()
    assert set(User.objects.values_list("pk", flat=True)) == {fresh.pk, verified.pk}
