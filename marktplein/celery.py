"""Celery application: the broker is Redis, the database is the source of truth."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marktplein.settings.dev")

app = Celery("marktplein")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
