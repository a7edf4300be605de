"""Real Celery workers, as separate processes on the real Redis and PostgreSQL, through
the faults the outbox must survive: two workers at once, a worker killed with SIGKILL
in the middle of a batch, Redis gone for some seconds, PostgreSQL restarted.

Each worker's "mail server" writes one file per message it takes
(tests.mail_backends.OneFilePerMessageBackend), so every delivery is counted,
repeats included."""

import signal
import subprocess
import time

import pytest
from django.db import connection
from django.utils import timezone

from herinneringen import dispatch
from herinneringen.models import Reminder
from herinneringen.tasks import dispatch_due_reminders_task
from tests import testbench
from tests.factories import UserFactory
from tests.mail_backends import delivered_message_ids

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _due_reminders(count: int) -> None:
    people = UserFactory.create_batch(20)
    Reminder.objects.bulk_create(
        [
            Reminder(
                kind="municipality_answered",
                recipient=people[n % len(people)],
                params={"initiative": f"Initiative {n}", "text": "Welkom!"},
                dedup_key=f"worker-test:{n}",
            )
            for n in range(count)
        ]
    )


def _wait_until_sent(count: int, *, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Reminder.objects.filter(status="sent").count() == count:
            return
        time.sleep(0.2)
    statuses = dict(
        Reminder.objects.values_list("status").annotate(
            n=__import__("django.db.models", fromlist=["Count"]).Count("pk")
        )
    )
    raise AssertionError(f"not all sent in time: {statuses}")


def _each_sent_once(mail_dir, count: int) -> list[str]:
    ids = delivered_message_ids(mail_dir)
    assert len(set(ids)) == count, "a reminder was not delivered"
    assert len(ids) == count, "a reminder was delivered twice"
    return ids


def test_two_workers_dispatch_the_same_2000_reminders_and_each_is_sent_once(workers, mail_dir):
    _due_reminders(2000)
    for name in ("one", "two"):
        workers(name, MARKTPLEIN_REMINDER_BATCH=50)
    for _ in range(4):
        dispatch_due_reminders_task.delay()
    _wait_until_sent(2000)
    _each_sent_once(mail_dir, 2000)
    # Both workers took part: the files carry the worker's process id.
    senders = {path.name.split("-")[0] for path in mail_dir.glob("*.eml")}
    assert len(senders) == 2


def test_a_worker_killed_in_the_middle_of_a_batch_loses_nothing(workers, mail_dir):
    _due_reminders(300)
    victim = workers("victim", MARKTPLEIN_REMINDER_BATCH=100, MARKTPLEIN_TEST_MAIL_HANG_AT=50)
    dispatch_due_reminders_task.delay()
    deadline = time.monotonic() + 60
    while not list(mail_dir.glob("hang-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(mail_dir.glob("hang-*")), "the worker never reached the 50th message"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    assert Reminder.objects.filter(status="claimed").count() == 51  # 50th to 100th
    # The sweep finds the dead worker's claims (here: as if the stale time passed).
    later = timezone.now() + timezone.timedelta(hours=1)
    assert dispatch.sweep(now=later) == 51
    workers("rescuer")
    dispatch_due_reminders_task.delay()
    _wait_until_sent(300)
    _each_sent_once(mail_dir, 300)


def test_reminders_that_fall_due_while_redis_is_down_are_sent_when_it_is_back(workers, mail_dir):
    bench = testbench._bench
    assert bench is not None, "this test stops the test session's own Redis"
    workers("steady")
    bench.stop_redis()
    try:
        time.sleep(1)
        _due_reminders(200)  # the rows are in PostgreSQL; nothing can tell Redis
        time.sleep(3)
    finally:
        bench.start_redis()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            dispatch_due_reminders_task.delay()
            break
        except Exception:
            time.sleep(0.5)
    _wait_until_sent(200)
    _each_sent_once(mail_dir, 200)


def test_a_postgresql_restart_while_dispatching_loses_none_and_sends_none_twice(workers, mail_dir):
    bench = testbench._bench
    assert bench is not None, "this test restarts the test session's own PostgreSQL"
    _due_reminders(300)
    workers("patient", MARKTPLEIN_REMINDER_BATCH=100, MARKTPLEIN_TEST_MAIL_DELAY=0.01)
    dispatch_due_reminders_task.delay()
    deadline = time.monotonic() + 60
    while not list(mail_dir.glob("*.eml")) and time.monotonic() < deadline:
        time.sleep(0.05)
    # The server's own log goes to its file: a pipe held by the new server would
    # never close.
    subprocess.run(
        bench._pg(
            "pg_ctl",
            "-D",
            str(bench.pg_dir / "data"),
            "-l",
            str(bench.pg_dir / "log"),
            "-m",
            "fast",
            "-w",
            "restart",
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    connection.close()
    # A claim that went with the broken connection is put back by the sweep.
    time.sleep(2)
    dispatch.sweep(now=timezone.now() + timezone.timedelta(hours=1))
    dispatch_due_reminders_task.delay()
    _wait_until_sent(300)
    _each_sent_once(mail_dir, 300)
