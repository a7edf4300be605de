"""Celery entry points of the dashboard (the schedule is in settings)."""

from celery import shared_task

from . import figures


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240)
def refresh_figures_task() -> int:
    return figures.figures_refresh()
