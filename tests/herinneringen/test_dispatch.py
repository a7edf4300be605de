"""The dispatcher: claims, sends once, writes notifications, respects preferences,
retries with backoff, fails after the last attempt, sweeps stale claims, and writes
each message in its recipient's language with the unsubscribe headers."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from herinneringen import dispatch, services
from herinneringen.models import Notification, Preference, Reminder
from herinneringen.render import read_unsubscribe_token
from tests.factories import ReminderFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_due_reminder_is_sent_once_with_its_notification():
    reminder = ReminderFactory()
    assert dispatch.dispatch_due() == 1
    assert dispatch.dispatch_due() == 0
    reminder.refresh_from_db()
    assert reminder.status == "sent" and reminder.sent_at is not None
    (message,) = mail.outbox
    assert message.to == [reminder.recipient.email]
    notification = Notification.objects.get()
    assert notification.reminder == reminder
    assert notification.title == message.subject


def test_a_reminder_not_yet_due_waits():
    ReminderFactory(due_at=timezone.now() + timedelta(hours=1))
    assert dispatch.dispatch_due() == 0
    assert mail.outbox == []


def test_every_email_has_text_html_a_settings_link_and_a_one_click_unsubscribe():
    reminder = ReminderFactory()
    dispatch.dispatch_due()
    (message,) = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Welkom!" in html
    assert "/meldingen/instellingen/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert read_unsubscribe_token(token) == (reminder.recipient.pk, reminder.kind)
    assert message.extra_headers["Message-ID"] == f"<reminder-{reminder.pk}@127.0.0.1>"


def test_each_message_is_written_in_its_recipients_language():
    dutch = ReminderFactory(recipient=UserFactory(language="nl"))
    english = ReminderFactory(recipient=UserFactory(language="en"))
    dispatch.dispatch_due()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[dutch.recipient.email] == "De gemeente heeft Moestuin geantwoord"
    assert subjects[english.recipient.email] == "The municipality answered Moestuin"


def test_a_kind_switched_off_is_cancelled_and_the_digest_collects_the_others():
    person = UserFactory()
    services.preference_set(user=person, kind="municipality_answered", delivery="off")
    services.preference_set(user=person, kind="advisor_offered", delivery="digest")
    off = ReminderFactory(recipient=person)
    later = ReminderFactory(
        recipient=person, kind="advisor_offered", params={"initiative": "Tuin", "name": "Joost"}
    )
    dispatch.dispatch_due()
    off.refresh_from_db()
    later.refresh_from_db()
    assert (off.status, later.status) == ("cancelled", "sent")
    assert mail.outbox == []
    waiting = Notification.objects.get(recipient=person)
    assert waiting.in_digest
    # The daily digest: one e-mail that lists what waited, and takes it out of waiting.
    assert dispatch.digests_schedule() == 1
    assert dispatch.digests_schedule() == 0  # once a day
    dispatch.dispatch_due()
    (digest,) = mail.outbox
    assert "Joost" not in digest.subject and waiting.title in digest.body
    waiting.refresh_from_db()
    assert not waiting.in_digest


def test_what_the_law_or_a_grant_requires_cannot_be_switched_off():
    person = UserFactory()
    with pytest.raises(Exception, match="Dit kun je niet uitzetten"):
        services.preference_set(user=person, kind="report_overdue", delivery="off")
    assert services.unsubscribe(user=person, kind="report_overdue") == "digest"
    assert services.unsubscribe(user=person, kind="advisor_offered") == "off"
    assert Preference.objects.get(user=person, kind="report_overdue").delivery == "digest"


def test_a_failing_send_backs_off_and_fails_after_the_last_attempt(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.BrokenEmailBackend"
    settings.MARKTPLEIN_REMINDER_MAX_ATTEMPTS = 3
    reminder = ReminderFactory()
    for attempt in (1, 2, 3):
        Reminder.objects.filter(pk=reminder.pk).update(due_at=timezone.now())
        dispatch.dispatch_due()
        reminder.refresh_from_db()
        assert reminder.attempts == attempt
    assert reminder.status == "failed"
    assert "does not answer" in reminder.last_error
    # The notification in the app is there once, whatever the e-mail did.
    assert Notification.objects.filter(reminder=reminder).count() == 1


def test_a_failed_send_waits_longer_each_time(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.BrokenEmailBackend"
    reminder = ReminderFactory()
    dispatch.dispatch_due()
    reminder.refresh_from_db()
    assert reminder.status == "pending"
    wait = reminder.due_at - timezone.now()
    assert timedelta(seconds=100) < wait <= timedelta(minutes=2)


def test_the_sweep_puts_stale_claims_back(settings):
    settings.MARKTPLEIN_REMINDER_STALE_SECONDS = 60
    stale = ReminderFactory()
    fresh = ReminderFactory()
    ids = dispatch.claim(limit=10)
    assert set(ids) == {stale.pk, fresh.pk}
    Reminder.objects.filter(pk=stale.pk).update(claimed_at=timezone.now() - timedelta(minutes=5))
    assert dispatch.sweep() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == ("pending", "claimed")
    dispatch.dispatch_due()
    assert len(mail.outbox) == 1


def test_scheduling_twice_writes_one_row():
    person = UserFactory()
    for _ in range(2):
        services.reminder_schedule(
            kind="municipality_answered", recipients=[person], key="same", params={}
        )
    assert Reminder.objects.count() == 1


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown reminder kind"):
        services.reminder_schedule(kind="nope", recipients=[UserFactory()], key="k")


@pytest.mark.django_db(transaction=True)
def test_a_claim_skips_the_rows_another_dispatcher_holds_without_waiting():
    import threading

    from django.db import connection, transaction

    reminders = ReminderFactory.create_batch(10)
    held = [r.pk for r in reminders[:5]]
    locked, release = threading.Event(), threading.Event()

    def other_dispatcher():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM herinneringen_reminder WHERE id = ANY(%s) FOR UPDATE", [held]
                )
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_dispatcher)
    thread.start()
    try:
        assert locked.wait(10)
        with transaction.atomic(), connection.cursor() as cursor:
            # Waiting for the other dispatcher would run into this and fail.
            cursor.execute("SET LOCAL statement_timeout = 2000")
            claimed = dispatch.claim(limit=10)
    finally:
        release.set()
        thread.join()
    assert sorted(claimed) == sorted(r.pk for r in reminders[5:])
