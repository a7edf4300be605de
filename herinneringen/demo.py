"""In the demo (`make demo`, no Redis, no worker) the dispatcher runs in the web
process, in a thread, on a schedule: reminders still fall due and go to the console."""

import logging
import os
import sys
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)
_started = False


def _loop(interval: int) -> None:
    from django.db import close_old_connections

    from . import dispatch, rules

    last_rules = 0.0
    while True:
        time.sleep(interval)
        try:
            close_old_connections()
            if time.monotonic() - last_rules > settings.MARKTPLEIN_REMINDER_RULES_SECONDS:
                rules.run_all()
                dispatch.digests_schedule()
                last_rules = time.monotonic()
            dispatch.sweep()
            dispatch.dispatch_due()
        except Exception:
            logger.exception("The demo's reminder dispatcher failed; it tries again.")


def quiet_history() -> int:
    """The demo's own history (grants given, answers sent while seeding) is not news
    for anyone: those messages are shown in the app, not mailed."""
    from .models import Reminder

    return Reminder.objects.filter(status=Reminder.Status.PENDING).update(
        status=Reminder.Status.CANCELLED
    )


def start_dispatcher_in_process() -> None:
    """Only for `runserver` with MARKTPLEIN_DISPATCH_IN_PROCESS set, once per process
    (the reloader's child, or the only process with --noreload)."""
    global _started
    interval = getattr(settings, "MARKTPLEIN_DISPATCH_IN_PROCESS", 0)
    if _started or not interval or "runserver" not in sys.argv:
        return
    if "--noreload" not in sys.argv and os.environ.get("RUN_MAIN") != "true":
        return
    _started = True
    threading.Thread(target=_loop, args=(interval,), daemon=True, name="reminders").start()
