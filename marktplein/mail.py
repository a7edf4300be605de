"""Sending e-mail after a change is saved. A failure to send never undoes or hides it.

The reminders outbox (herinneringen) will take this over; until then every
service sends through here.
"""

import logging
from collections.abc import Sequence

from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


def single_line(text: str) -> str:
    """Text for a header or a one-line field: every run of whitespace, line breaks
    included, becomes one space."""
    return " ".join(str(text).split())


def send_mail_after_commit(*, subject: str, body: str, recipients: Sequence[str]) -> None:
    """Send when the surrounding transaction commits.

    The subject never carries a line break (that would make Django refuse the
    header), and an error of the mail server is logged, not raised: the
    person's change is already saved and the page says so.
    """
    recipients = list(recipients)
    if not recipients:
        return
    subject = single_line(subject)

    def send() -> None:
        try:
            send_mail(subject, body, None, recipients)
        except Exception:
            logger.exception("Could not send %r to %d recipient(s)", subject, len(recipients))

    transaction.on_commit(send)
