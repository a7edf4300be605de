"""The dispatcher: claim due reminders, send them, mark them sent; and the sweep.

Claiming is one statement: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)`,
committed at once, so two dispatchers never claim the same row and a claim
survives the claimer. The claimed rows are written in their recipients'
languages; their in-app notifications are stored once (unique per reminder);
then each e-mail is sent and its row marked sent in one statement right after
the mail server took it. A worker that dies leaves its rows claimed; the sweep
puts claims older than the stale time back in the queue.

The one message a crash can repeat is the one between the mail server taking
it and its row being marked (one UPDATE). It carries the reminder's own
Message-ID, so a repeat is recognisably the same message. When the database
goes away after a send, the dispatcher waits for it to come back before it
marks that row and sends anything else.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User

from .kinds import KINDS
from .models import Notification, Preference, Reminder
from .render import write

logger = logging.getLogger(__name__)

CLAIM_SQL = """
UPDATE herinneringen_reminder SET status = 'claimed', claimed_at = %s, attempts = attempts + 1
WHERE id IN (
    SELECT id FROM herinneringen_reminder
    WHERE status = 'pending' AND due_at <= %s
    ORDER BY due_at, id
    LIMIT %s
    FOR UPDATE SKIP LOCKED
)
RETURNING id
"""


def claim(*, limit: int, now=None) -> list[int]:
    now = now or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(CLAIM_SQL, [now, now, limit])
                return [row[0] for row in cursor.fetchall()]
        # SQLite (the demo) has one writer at a time: a plain claim is safe there.
        ids = list(
            Reminder.objects.filter(status=Reminder.Status.PENDING, due_at__lte=now)
            .order_by("due_at", "id")
            .values_list("pk", flat=True)[:limit]
        )
        Reminder.objects.filter(pk__in=ids).update(
            status=Reminder.Status.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
        )
        return ids


def dispatch_due(*, batch_size: int | None = None, max_batches: int | None = None) -> int:
    """Claim and send what is due, batch after batch, until nothing is due. Returns how
    many reminders it handled (sent, put in a digest, or cancelled)."""
    batch_size = batch_size or settings.MARKTPLEIN_REMINDER_BATCH
    handled, batches = 0, 0
    while max_batches is None or batches < max_batches:
        ids = claim(limit=batch_size)
        if not ids:
            break
        handled += send_claimed(ids)
        batches += 1
    return handled


def _still_due(reminders: list[Reminder]) -> set[int]:
    """Ask each kind's rule whether its reason still stands (batched per kind)."""
    from .rules import STILL_DUE

    keep: set[int] = set()
    by_kind: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        by_kind.setdefault(reminder.kind, []).append(reminder)
    for kind, rows in by_kind.items():
        check = STILL_DUE.get(kind)
        if check is None:
            keep.update(r.pk for r in rows)
            continue
        alive = check({r.subject_id for r in rows if r.subject_id is not None})
        keep.update(r.pk for r in rows if r.subject_id is None or r.subject_id in alive)
    return keep


def send_claimed(ids: list[int]) -> int:
    reminders = list(
        Reminder.objects.filter(pk__in=ids, status=Reminder.Status.CLAIMED).select_related(
            "recipient"
        )
    )
    if not reminders:
        return 0
    keep = _still_due(reminders)
    preferences: dict[tuple, str] = {
        (p.user_id, p.kind): p.delivery
        for p in Preference.objects.filter(
            user_id__in={r.recipient_id for r in reminders if r.recipient_id}
        )
    }
    cancelled, digest, mail, digests = [], [], [], []
    for reminder in reminders:
        user = reminder.recipient
        if reminder.pk not in keep or (user is not None and not user.is_active):
            cancelled.append(reminder)
            continue
        delivery = preferences.get((reminder.recipient_id, reminder.kind), "immediate")
        if delivery == Preference.Delivery.OFF and not KINDS[reminder.kind].required:
            cancelled.append(reminder)
        elif delivery == Preference.Delivery.DIGEST and reminder.kind != "digest":
            digest.append(reminder)
        else:
            mail.append(reminder)
            if reminder.kind == "digest":
                digests.append(reminder)
    if digests:
        _fill_digests(digests)
    now = timezone.now()
    written = {}
    for reminder in mail + digest:
        user = reminder.recipient
        written[reminder.pk] = write(
            kind=reminder.kind,
            params=reminder.params,
            url=reminder.url,
            language=user.language
            if user
            else reminder.params.get("language", settings.LANGUAGE_CODE),
            reminder_id=reminder.pk,
            user_id=user.pk if user else None,
        )
    # The in-app side first, once per reminder (unique): a repeat after a crash adds none.
    with transaction.atomic():
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=reminder.recipient_id,
                    kind=reminder.kind,
                    title=written[reminder.pk].subject,
                    body=written[reminder.pk].body,
                    url=reminder.url,
                    reminder_id=reminder.pk,
                    in_digest=reminder in digest,
                )
                for reminder in mail + digest
                if reminder.recipient_id and reminder.kind != "digest"
            ],
            ignore_conflicts=True,
        )
        Reminder.objects.filter(pk__in=[r.pk for r in digest]).update(
            status=Reminder.Status.SENT, sent_at=now
        )
        Reminder.objects.filter(pk__in=[r.pk for r in cancelled]).update(
            status=Reminder.Status.CANCELLED
        )
    from .services import forget_unread_counts

    forget_unread_counts(r.recipient_id for r in mail + digest if r.recipient_id)
    # Then each e-mail, marked sent as soon as the mail server took it: a crash can
    # repeat at most the one message between those two steps.
    sent = 0
    mailer = get_connection()
    mailer.open()
    try:
        for reminder in mail:
            try:
                mailer.send_messages([_message(reminder, written[reminder.pk])])
            except Exception as error:
                logger.warning("Could not send reminder %s: %s", reminder.pk, error)
                _retry_later([reminder.pk], str(error))
                continue
            _mark_sent(reminder.pk)
            sent += 1
    finally:
        mailer.close()
    return sent + len(digest) + len(cancelled)


def _message(reminder: Reminder, text) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=text.subject,
        body=text.text,
        to=[reminder.recipient.email if reminder.recipient else reminder.recipient_email],
        headers=text.headers,
    )
    message.attach_alternative(text.html, "text/html")
    return message


MARK_SENT_SQL = "UPDATE herinneringen_reminder SET status = 'sent', sent_at = %s WHERE id = %s"


def _mark_sent(reminder_id: int) -> None:
    """One statement, committed at once. If the database is away (a restart), keep
    trying: the e-mail is out, so the row must say so before anything else is sent."""
    deadline = time.monotonic() + settings.MARKTPLEIN_REMINDER_MARK_PATIENCE
    while True:
        try:
            with connection.cursor() as cursor:
                cursor.execute(MARK_SENT_SQL, [timezone.now(), reminder_id])
            return
        except (OperationalError, InterfaceError):
            if time.monotonic() > deadline:
                raise
            logger.warning(
                "The database is away; reminder %s waits to be marked sent.", reminder_id
            )
            connection.close()
            time.sleep(0.5)


def _retry_later(ids: list[int], error: str) -> None:
    """Back to the queue with a growing wait, or failed after the last attempt."""
    now = timezone.now()
    most = settings.MARKTPLEIN_REMINDER_MAX_ATTEMPTS
    for reminder in Reminder.objects.filter(pk__in=ids):
        if reminder.attempts >= most:
            reminder.status = Reminder.Status.FAILED
        else:
            reminder.status = Reminder.Status.PENDING
            reminder.due_at = now + timedelta(minutes=2**reminder.attempts)
        reminder.last_error = error[:2000]
        reminder.save(update_fields=["status", "due_at", "last_error"])


def _fill_digests(digests: list[Reminder]) -> None:
    """A digest lists the notifications that waited for it, and takes them out of waiting."""
    for reminder in digests:
        waiting = list(
            Notification.objects.filter(recipient_id=reminder.recipient_id, in_digest=True)
            .order_by("created_at")
            .values_list("pk", "title", "url")
        )
        reminder.params = {
            "text": "\n".join(f"- {title}" for _pk, title, _url in waiting) or "-",
        }
        Reminder.objects.filter(pk=reminder.pk).update(params=reminder.params)
        Notification.objects.filter(pk__in=[pk for pk, _t, _u in waiting]).update(in_digest=False)


def sweep(*, now=None) -> int:
    """Claims older than the stale time went with a worker that died: queue them again
    (or fail them after the last attempt)."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.MARKTPLEIN_REMINDER_STALE_SECONDS)
    claimed = Reminder.objects.filter(status=Reminder.Status.CLAIMED, claimed_at__lt=stale)
    failed = claimed.filter(attempts__gte=settings.MARKTPLEIN_REMINDER_MAX_ATTEMPTS).update(
        status=Reminder.Status.FAILED, last_error="The worker stopped while sending."
    )
    again = claimed.update(status=Reminder.Status.PENDING, claimed_at=None)
    return failed + again


def digests_schedule(*, now=None) -> int:
    """One digest reminder a day for each person with notifications waiting for it."""
    from .services import reminder_schedule

    now = now or timezone.now()
    day = timezone.localdate(now).isoformat()
    users = User.objects.filter(Q(notifications__in_digest=True), is_active=True).distinct()
    return reminder_schedule(kind="digest", recipients=users, key=f"digest:{day}")
