"""Celery entry points: they take ids (or nothing), and call the dispatcher or the rules.

`acks_late` with JSON and time limits come from settings (CELERY_*); the beat
schedule is in settings too. A redelivered task is harmless: the rows, not the
tasks, say what is sent.
"""

from celery import shared_task

from . import dispatch, rules


@shared_task(acks_late=True, time_limit=120, soft_time_limit=100)
def dispatch_due_reminders_task() -> int:
    return dispatch.dispatch_due()


@shared_task(acks_late=True, time_limit=60, soft_time_limit=50)
def sweep_stale_reminders_task() -> int:
    return dispatch.sweep()


@shared_task(acks_late=True, time_limit=600, soft_time_limit=540)
def create_due_reminders_task() -> int:
    return rules.run_all()


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def schedule_digests_task() -> int:
    return dispatch.digests_schedule()
